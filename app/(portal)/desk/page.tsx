import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { UnitProgressCard } from '@/components/desk/unit-progress';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { inputClass } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { getDateFormat } from '@/lib/i18n/dates';
import { getOwnUnitProgress } from '@/lib/quotas';
import { getOwnFigures } from '@/lib/stats/own-figures';
import { listOwnStories } from '@/lib/stories';
import { storyStatus, type StoryStatus } from '@/lib/types';
import { requirePagePermission } from '../guards';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('desk'))('title') };
}

type Props = { searchParams: Promise<{ status?: string; q?: string; before?: string; deleted?: string }> };

// ?before=<updatedAt ms>_<id>: the keyset of the last row on the previous page.
function parseCursor(value: string | undefined): { updatedAt: Date; id: number } | undefined {
  const match = value?.match(/^(\d{1,15})_(\d{1,10})$/);
  return match ? { updatedAt: new Date(Number(match[1])), id: Number(match[2]) } : undefined;
}

function deskHref(params: { status?: string; q?: string; before?: string }): string {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  const query = search.toString();
  return query ? `/desk?${query}` : '/desk';
}

export default async function DeskPage({ searchParams }: Props) {
  const viewer = await requirePagePermission('desk:use');
  const params = await searchParams;
  const status = storyStatus.enumValues.find((s) => s === params.status);
  const q = params.q?.slice(0, 100) ?? '';
  const before = parseCursor(params.before);
  const [t, ts, tStatus, tOwn, { formatDateTime }, figures, { rows, counts, hasMore }, unitProgress] = await Promise.all([
    getTranslations('desk'),
    getTranslations('story'),
    getTranslations('status'),
    getTranslations('stats.own'),
    getDateFormat(),
    getOwnFigures(viewer),
    listOwnStories(viewer, { status, q, before }),
    getOwnUnitProgress(viewer),
  ]);
  const last = rows.at(-1);
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const shown: StoryStatus[] = storyStatus.enumValues.filter((s) => (counts[s] ?? 0) > 0);
  return (
    <div>
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          <Link href="/desk/new" className={buttonClass('primary')} data-testid="new-story">
            ＋ {ts('newStory')}
          </Link>
        }
      />
      <section aria-label={tOwn('title', { year: figures.year })} className="mb-4 grid grid-cols-3 gap-3 sm:max-w-xl" data-testid="own-figures">
        {(['submitted', 'adopted', 'points'] as const).map((key) => (
          <Card key={key} className="px-4 py-3">
            <p className="text-xs text-ink-500">
              {figures.year} · {tOwn(key)}
            </p>
            <p className="mt-0.5 text-xl font-semibold tabular-nums text-ink-900" data-testid={`own-${key}`}>
              {figures[key]}
            </p>
          </Card>
        ))}
      </section>
      <UnitProgressCard progress={unitProgress} />
      {params.deleted && (
        <Alert tone="success" className="mb-4">
          {ts('deleted')}
        </Alert>
      )}
      <form action="/desk" method="get" className="mb-3 flex max-w-md gap-2" role="search">
        {status && <input type="hidden" name="status" value={status} />}
        <input name="q" defaultValue={q} placeholder={ts('search')} aria-label={ts('search')} className={inputClass} />
        <button type="submit" className={buttonClass('secondary')}>
          {ts('searchButton')}
        </button>
      </form>
      <nav className="mb-4 flex flex-wrap gap-2 text-sm" aria-label={t('status')}>
        <Link href={deskHref({ q })} className={`rounded-full border px-3 py-1 ${!status ? 'border-brand-600 bg-brand-50 text-brand-700' : 'border-line bg-white'}`}>
          {t('all')} <span className="text-ink-500">{total}</span>
        </Link>
        {shown.map((s) => (
          <Link key={s} href={deskHref({ status: s, q })} className={`rounded-full border px-3 py-1 ${status === s ? 'border-brand-600 bg-brand-50 text-brand-700' : 'border-line bg-white'}`}>
            {tStatus(s)} <span className="text-ink-500">{counts[s]}</span>
          </Link>
        ))}
      </nav>
      <Card className="overflow-hidden">
        {rows.length === 0 ? (
          <p className="p-6 text-sm text-ink-500">{t('empty')}</p>
        ) : (
          <DataTable
            rows={rows}
            rowKey={(r) => r.id}
            testId="desk-table"
            columns={[
              { key: 'receiptNo', label: t('receiptNo'), card: 'meta', className: 'font-mono text-xs whitespace-nowrap text-ink-700', cell: (r) => r.receiptNo ?? '—' },
              {
                key: 'title',
                label: t('storyTitle'),
                card: 'title',
                cell: (r) => (
                  <>
                    <Link href={`/desk/${r.id}`} className="font-medium break-words hover:text-brand-700 hover:underline">
                      {r.title || t('untitled')}
                    </Link>
                    {r.hasNote && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-normal whitespace-nowrap text-amber-800">{t('hasNote')}</span>}
                  </>
                ),
              },
              { key: 'column', label: t('column'), card: 'meta', className: 'text-ink-700 md:whitespace-nowrap', cell: (r) => r.columnName ?? '—' },
              { key: 'status', label: t('status'), card: 'aside', cell: (r) => <StatusBadge status={r.status} /> },
              { key: 'updatedAt', label: t('updatedAt'), card: 'meta', className: 'whitespace-nowrap text-ink-500', cell: (r) => formatDateTime(r.updatedAt) },
            ]}
          />
        )}
      </Card>
      <div className="mt-4 flex justify-between text-sm">
        {before ? (
          <Link href={deskHref({ status, q })} className="text-brand-700 hover:underline">
            « {ts('newer')}
          </Link>
        ) : (
          <span />
        )}
        {hasMore && last && (
          <Link href={deskHref({ status, q, before: `${last.updatedAt.getTime()}_${last.id}` })} className="text-brand-700 hover:underline">
            {ts('older')} »
          </Link>
        )}
      </div>
    </div>
  );
}
