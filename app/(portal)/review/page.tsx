import type { Metadata } from 'next';
import Link from 'next/link';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { QueueKeyboard } from '@/components/review/queue-keyboard';
import { QueueTable } from '@/components/review/queue-table';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { FilterDisclosure } from '@/components/ui/filter-disclosure';
import { listQueueFilterOptions, listReviewStories, parseQueueFilters, reviewTabs, tabStatuses, type QueueFilters, type ReviewTab } from '@/lib/review-queue';
import { listActiveColumns } from '@/lib/stories';
import { can } from '@/lib/authz';
import { requirePagePermission } from '../guards';

// The filter bar's controls size to their content, on one wrapping line.
const control = inputClass.replace('block w-full', 'inline-block w-auto');

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('review'))('title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };


function reviewHref(filters: Partial<Record<keyof QueueFilters, string | number | undefined>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '' && !(key === 'assignee' && value === 'any') && !(key === 'tab' && value === 'queue')) search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `/review?${query}` : '/review';
}

export default async function ReviewPage({ searchParams }: Props) {
  const viewer = await requirePagePermission('review:use', 'review:unit');
  const filters = parseQueueFilters(await searchParams);
  // Day filters are days in the zone the dates are shown in.
  const timeZone = await getTimeZone();
  const [t, tDeadlines, tStatus, tLayout, page, columns, options] = await Promise.all([
    getTranslations('review'),
    getTranslations('reviewDeadlines.assignment'),
    getTranslations('status'),
    getTranslations('listLayout'),
    listReviewStories(viewer, filters, timeZone),
    listActiveColumns(viewer),
    can(viewer, 'review:use') ? listQueueFilterOptions(viewer) : { units: [], correspondents: [] },
  ]);
  const { tab } = filters;
  // What narrows the list beyond its tab: the phone opens its filters then.
  const activeFilters = [filters.q, filters.column, filters.unit, filters.correspondent, filters.assignee !== 'any', filters.sort, filters.from || filters.to].filter(Boolean).length;
  const base = { ...filters, after: undefined };
  const tabCount = (x: ReviewTab) => tabStatuses[x].reduce((n, s) => n + (page.counts[s] ?? 0), 0);

  return (
    <div>
      <QueueKeyboard />
      <PageHeader title={t('title')} intro={t('intro')} />
      <nav className="mb-3 flex flex-wrap gap-1 border-b border-line" aria-label={t('tabs')}>
        {reviewTabs.map((x) => (
          <Link
            key={x}
            href={reviewHref({ tab: x })}
            aria-current={tab === x ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${tab === x ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-ink-700 hover:text-brand-700'}`}
            data-testid={`tab-${x}`}
          >
            {t(`tab.${x}`)} <span className="ml-0.5 rounded-full bg-gray-100 px-1.5 text-xs text-ink-500 tabular-nums">{tabCount(x)}</span>
          </Link>
        ))}
      </nav>
      {tab === 'queue' && (
        <p className="mb-3 flex flex-wrap gap-2 text-sm">
          {([undefined, 'submitted', 'in_review'] as const).map((s) => (
            <Link key={s ?? 'all'} href={reviewHref({ ...base, status: s })} className={`rounded-full border px-3 py-1 ${filters.status === s ? 'border-brand-600 bg-brand-50 text-brand-700' : 'border-line bg-white'}`}>
              {s ? tStatus(s) : t('allInQueue')} <span className="text-ink-500 tabular-nums">{s ? (page.counts[s] ?? 0) : tabCount('queue')}</span>
            </Link>
          ))}
        </p>
      )}

      {tab === 'queue' && page.stages.length > 0 && (
        <nav className="mb-3 flex flex-wrap gap-2 text-sm" aria-label={t('stages.tabs')} data-testid="stage-tabs">
          {page.stages.map((stage) => (
            <Link
              key={stage.name}
              href={reviewHref({ ...base, status: undefined, stage: filters.stage === stage.name ? undefined : stage.name })}
              aria-current={filters.stage === stage.name ? 'page' : undefined}
              className={`rounded-md border px-3 py-1 ${filters.stage === stage.name ? 'border-brand-600 bg-brand-600 text-white' : 'border-line bg-white text-ink-700 hover:border-brand-600'}`}
              data-stage-tab={stage.name}
            >
              {t('stages.waitingAt', { stage: stage.name })} <span className="tabular-nums opacity-80">{stage.n}</span>
            </Link>
          ))}
        </nav>
      )}

      <FilterDisclosure label={tLayout('filters')} activeCount={activeFilters} testId="queue-filters">
        <form action="/review" method="get" className="flex flex-wrap items-center gap-2 rounded-lg border border-line bg-white p-3 text-sm" role="search" aria-label={t('filters')}>
          <input type="hidden" name="tab" value={tab} />
          {filters.stage && <input type="hidden" name="stage" value={filters.stage} />}
          {filters.status && <input type="hidden" name="status" value={filters.status} />}
          <input name="q" defaultValue={filters.q} placeholder={t('searchPlaceholder')} aria-label={t('searchPlaceholder')} className={`${control} w-full sm:w-64`} />
          <select name="column" defaultValue={filters.column ?? ''} aria-label={t('column')} className={control}>
            <option value="">{t('allColumns')}</option>
            {columns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <select name="unit" defaultValue={filters.unit ?? ''} aria-label={t('unit')} className={`${control} max-w-48`}>
            <option value="">{t('allUnits')}</option>
            {options.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <select name="correspondent" defaultValue={filters.correspondent ?? ''} aria-label={t('correspondent')} className={`${control} max-w-40`}>
            <option value="">{t('allCorrespondents')}</option>
            {options.correspondents.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <select name="assignee" defaultValue={filters.assignee} aria-label={t('assignee')} className={control}>
            <option value="any">{t('assigneeAny')}</option>
            <option value="mine">{t('assigneeMine')}</option>
            <option value="assigned">{tDeadlines('filter')}</option>
            <option value="unclaimed">{t('assigneeUnclaimed')}</option>
          </select>
          <select name="sort" defaultValue={filters.sort ?? ''} aria-label={t('sort')} className={control}>
            <option value="">{t('sortDefault')}</option>
            <option value="oldest">{t('sortOldest')}</option>
            <option value="newest">{t('sortNewest')}</option>
          </select>
          <label className="flex flex-wrap items-center gap-1">
            <span className="shrink-0 text-ink-500">{t('submittedBetween')}</span>
            <input type="date" name="from" defaultValue={filters.from} aria-label={t('dateFrom')} className={`${control} w-36 max-sm:w-[9.5rem]`} />
            <span className="text-ink-500">–</span>
            <input type="date" name="to" defaultValue={filters.to} aria-label={t('dateTo')} className={`${control} w-36 max-sm:w-[9.5rem]`} />
          </label>
          <div className="flex gap-2">
            <button type="submit" className={buttonClass('primary')}>
              {t('applyFilters')}
            </button>
            <Link href={reviewHref({ tab })} className={buttonClass('ghost')}>
              {t('clearFilters')}
            </Link>
          </div>
        </form>
      </FilterDisclosure>

      <Card className="overflow-hidden">
        {page.rows.length === 0 ? (
          <p className="p-6 text-sm text-ink-500" data-testid="queue-empty">
            {t('empty')}
          </p>
        ) : (
          <QueueTable rows={page.rows} tab={tab} viewerId={viewer.id} />
        )}
      </Card>
      <div className="mt-4 flex items-center justify-between text-sm">
        {filters.after ? (
          <Link href={reviewHref(base)} className="text-brand-700 hover:underline">
            « {t('firstPage')}
          </Link>
        ) : (
          <span className="text-xs text-ink-500">{t('keyboardHint')}</span>
        )}
        {page.next && (
          <Link href={reviewHref({ ...base, after: page.next })} className="text-brand-700 hover:underline" data-testid="next-page">
            {t('nextPage')} »
          </Link>
        )}
      </div>
    </div>
  );
}
