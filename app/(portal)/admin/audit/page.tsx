import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTimeZone, getTranslations } from 'next-intl/server';
import { timeZoneName } from '@/lib/i18n/zone-name';
import { forbidden } from 'next/navigation';
import { AuditExportForm } from '@/components/admin/audit-export-form';
import { AuditFilterForm } from '@/components/admin/audit-filter-form';
import { AuditTable } from '@/components/admin/audit-table';
import { AuditVerifyPanel } from '@/components/admin/audit-verify-panel';
import { Alert } from '@/components/ui/alert';
import { Card, TitledCard } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireAuditAccess } from '@/lib/audit-access';
import { auditTrailHref, listAuditTrail, type AuditFilterInput } from '@/lib/audit-trail';
import { isAppError } from '@/lib/errors';
import { toZonedInputValue } from '@/lib/zoned-time';
import { requirePortalViewer } from '../../guards';
import { firstParam } from '../parse';
import { verifyAuditTrailAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.audit'))('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

const pagerClass = 'rounded-md border border-line px-3 py-1.5 text-sm';

// The audit trail, read-only: filters and page position live in the address.
// lib/audit checks every value; what it cannot use is listed above the table.
// The first of last month to today: an export form filled for a monthly review.
function defaultExportPeriod(timeZone: string): { from: string; to: string } {
  const today = toZonedInputValue(new Date(), timeZone).slice(0, 10);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10);
  return { from: first, to: today };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePortalViewer();
  // lib/ records the refusal; the page is then a 403 like any other.
  await requireAuditAccess(viewer, 'page').catch((error: unknown) => {
    if (isAppError(error) && error.code === 'forbidden') forbidden();
    throw error;
  });
  const sp = await searchParams;
  const input: AuditFilterInput = {
    person: firstParam(sp.person),
    action: firstParam(sp.action),
    story: firstParam(sp.story),
    from: firstParam(sp.from),
    to: firstParam(sp.to),
  };
  const cursor = { before: firstParam(sp.before), after: firstParam(sp.after) };
  const [t, timeZone, locale] = await Promise.all([getTranslations('admin.audit'), getTimeZone(), getLocale()]);
  let trail = await listAuditTrail(viewer, input, cursor);
  // "Newer" from a page that has since become the newest: show the newest.
  if (cursor.after && trail.rows.length === 0 && trail.issues.every((i) => i.field !== 'story')) trail = await listAuditTrail(viewer, input);
  const values = trail.filters.values;
  const isFiltered = Object.values(values).some(Boolean);
  const isFirstPage = trail.newer === null;

  const period = values.from && values.to ? { from: values.from, to: values.to } : defaultExportPeriod(timeZone);

  return (
    <div>
      <PageHeader title={t('title')} intro={t('intro', { timeZone: timeZoneName(timeZone, locale) })} />
      <div className="mb-4 grid gap-4 md:grid-cols-2">
        {/* Side by side, each card's button at its foot. */}
        <TitledCard title={t('integrity.title')} className="flex flex-col">
          <AuditVerifyPanel action={verifyAuditTrailAction} />
        </TitledCard>
        <TitledCard title={t('export.title')} className="flex flex-col">
          <AuditExportForm from={period.from} to={period.to} />
        </TitledCard>
      </div>
      <AuditFilterForm values={values} />

      {trail.issues.length > 0 && (
        <Alert tone="warning" className="mb-4">
          <ul className="space-y-1" data-testid="audit-issues">
            {trail.issues.map((issue) => (
              <li key={`${issue.field}-${issue.code}`}>{t(`issues.${issue.field}_${issue.code}`, { value: issue.value })}</li>
            ))}
          </ul>
        </Alert>
      )}

      <Card className="overflow-hidden">
        {trail.rows.length === 0 ? (
          <p className="p-6 text-sm text-ink-500">{isFiltered || !isFirstPage ? t('emptyFiltered') : t('empty')}</p>
        ) : (
          <AuditTable rows={trail.rows} names={trail.names} values={values} />
        )}
        {(trail.newer || trail.older) && (
          <nav aria-label={t('pagination')} className="flex flex-wrap items-center justify-between gap-3 border-t border-line bg-gray-50/60 px-4 py-2.5 text-sm">
            <span className="text-ink-500">{t('shown', { count: trail.rows.length })}</span>
            <div className="flex items-center gap-2">
              {trail.newer ? (
                <>
                  <Link href={auditTrailHref(values)} className={`${pagerClass} bg-white hover:bg-gray-50`} data-testid="audit-newest">
                    {t('newest')}
                  </Link>
                  <Link href={auditTrailHref(values, { after: trail.newer })} className={`${pagerClass} bg-white hover:bg-gray-50`} rel="prev" data-testid="audit-newer">
                    {t('newer')}
                  </Link>
                </>
              ) : (
                <span className={`${pagerClass} text-ink-300`} aria-disabled="true">
                  {t('newer')}
                </span>
              )}
              {trail.older ? (
                <Link href={auditTrailHref(values, { before: trail.older })} className={`${pagerClass} bg-white hover:bg-gray-50`} rel="next" data-testid="audit-older">
                  {t('older')}
                </Link>
              ) : (
                <span className={`${pagerClass} text-ink-300`} aria-disabled="true">
                  {t('older')}
                </span>
              )}
            </div>
          </nav>
        )}
      </Card>
    </div>
  );
}
