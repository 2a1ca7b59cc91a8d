import type { Metadata } from 'next';
import Link from 'next/link';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { AuditFilterForm } from '@/components/admin/audit-filter-form';
import { AuditTable } from '@/components/admin/audit-table';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { auditTrailHref, listAuditTrail, type AuditFilterInput } from '@/lib/audit-trail';
import { requirePagePermission } from '../../guards';
import { firstParam } from '../parse';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.audit'))('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

const pagerClass = 'rounded-md border border-line px-3 py-1.5 text-sm';

// The audit trail, read-only: filters and page position live in the address.
// lib/audit checks every value; what it cannot use is listed above the table.
export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePagePermission('audit:read');
  const sp = await searchParams;
  const input: AuditFilterInput = {
    person: firstParam(sp.person),
    action: firstParam(sp.action),
    story: firstParam(sp.story),
    from: firstParam(sp.from),
    to: firstParam(sp.to),
  };
  const cursor = { before: firstParam(sp.before), after: firstParam(sp.after) };
  const [t, timeZone] = await Promise.all([getTranslations('admin.audit'), getTimeZone()]);
  let trail = await listAuditTrail(viewer, input, cursor);
  // "Newer" from a page that has since become the newest: show the newest.
  if (cursor.after && trail.rows.length === 0 && trail.issues.every((i) => i.field !== 'story')) trail = await listAuditTrail(viewer, input);
  const values = trail.filters.values;
  const isFiltered = Object.values(values).some(Boolean);
  const isFirstPage = trail.newer === null;

  return (
    <div>
      <PageHeader title={t('title')} intro={t('intro', { timeZone })} />
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
