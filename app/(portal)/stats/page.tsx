import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { getLocale, getTimeZone, getTranslations } from 'next-intl/server';
import { FiguresTable, formatFigure, type FigureColumn } from '@/components/stats/figures-table';
import { MonthlyChart } from '@/components/stats/monthly-chart';
import { QuotaProgressSection } from '@/components/stats/quota-progress';
import { RangeFields } from '@/components/stats/range-fields';
import { StageFiguresSection } from '@/components/stats/stage-figures';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FilterActions, FilterSelect } from '@/components/ui/filter-field';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/authz';
import { getQuotaProgress, quotaPeriodForRange } from '@/lib/quotas';
import { getAdoptionStats, listStatsFilters } from '@/lib/stats/figures';
import { RANGE_PRESETS, resolveRange } from '@/lib/stats/range';
import { sortRows } from '@/lib/stats/sort';
import { getStageStats } from '@/lib/stats/stages';
import { requirePagePermission } from '../guards';
import { parseStatsQuery, statsHref, type SearchParams } from './query';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stats'))('title') };
}

const presetLabel = { 'this-month': 'rangeThisMonth', 'last-month': 'rangeLastMonth', 'this-year': 'rangeThisYear', 'last-year': 'rangeLastYear', custom: 'rangeCustom' } as const;

export default async function StatsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePagePermission('stats:read');
  // Ranges are whole days in the zone the dates are shown in.
  const timeZone = await getTimeZone();
  const query = parseStatsQuery(await searchParams, timeZone);
  const [t, locale, stats, filters, stageStats, quotaProgress] = await Promise.all([
    getTranslations('stats'),
    getLocale(),
    getAdoptionStats(viewer, query.scope),
    listStatsFilters(viewer),
    getStageStats(viewer, query.scope),
    getQuotaProgress(viewer, { period: quotaPeriodForRange(query.scope.range, query.quota, timeZone), unitId: query.scope.unitId }),
  ]);
  const { range } = query.scope;
  const year = Number(range.fromDate.slice(0, 4));
  const columns: FigureColumn[] = [
    { key: 'name', label: query.table === 'units' ? t('unitName') : t('name'), kind: 'text' },
    { key: 'submitted', label: t('submitted'), kind: 'count' },
    { key: 'adopted', label: t('adopted'), kind: 'count' },
    { key: 'returned', label: t('returned'), kind: 'count' },
    { key: 'rejected', label: t('rejected'), kind: 'count' },
    { key: 'pending', label: t('pending'), kind: 'count' },
    { key: 'adoptionRate', label: t('adoptionRate'), kind: 'rate' },
    { key: 'views', label: t('views'), kind: 'count' },
    { key: 'averageViews', label: t('averageViews'), kind: 'count' },
    { key: 'characters', label: t('characters'), kind: 'count' },
    { key: 'points', label: t('points'), kind: 'decimal' },
  ];
  const rows = sortRows(query.table === 'units' ? stats.units.map((u) => (u.key === null ? { ...u, name: t('noUnit') } : u)) : stats.correspondents, query.sort);
  const cards = [
    { label: t('cardSubmitted'), value: formatFigure(stats.totals.submitted, 'count', locale) },
    { label: t('cardAdopted'), value: formatFigure(stats.totals.adopted, 'count', locale) },
    { label: t('cardRate'), value: formatFigure(stats.totals.adoptionRate, 'rate', locale) },
    { label: t('cardPoints'), value: formatFigure(stats.totals.points, 'decimal', locale) },
  ];
  const tab = (table: 'correspondents' | 'units', label: string) => (
    <Link
      href={statsHref('/stats', query, { table })}
      aria-current={query.table === table ? 'page' : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${query.table === table ? 'bg-brand-50 text-brand-700' : 'text-ink-700 hover:bg-gray-100'}`}
      scroll={false}
    >
      {label}
    </Link>
  );

  return (
    <div>
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          <>
            <a href={statsHref('/stats/export', query, { format: 'xlsx' })} className={buttonClass('secondary')} data-testid="export-xlsx" download>
              {t('exportXlsx')}
            </a>
            <a href={statsHref('/stats/export', query, { format: 'csv' })} className={buttonClass('secondary')} data-testid="export-csv" download>
              {t('exportCsv')}
            </a>
          </>
        }
      />

      <Card className="mb-4 p-3 sm:p-4">
        <Form action="/stats" className="flex flex-wrap items-end gap-3" data-testid="stats-filters">
          {query.table === 'units' && <input type="hidden" name="table" value="units" />}
          <RangeFields
            key={`${range.preset}:${range.fromDate}:${range.toDate}`}
            presets={RANGE_PRESETS.map((preset) => {
              const named = preset === 'custom' ? undefined : resolveRange({ range: preset }, timeZone).range;
              return { value: preset, label: t(presetLabel[preset]), period: named && { from: named.fromDate, to: named.toDate } };
            })}
            selected={range.preset}
            from={range.fromDate}
            to={range.toDate}
            labels={{ range: t('range'), from: t('from'), to: t('to') }}
          />
          <FilterSelect name="unit" label={t('unit')} anyLabel={t('anyUnit')} options={filters.units} selected={query.scope.unitId} />
          <FilterSelect name="column" label={t('column')} anyLabel={t('anyColumn')} options={filters.columns} selected={query.scope.columnId} />
          <FilterActions applyLabel={t('apply')} resetLabel={t('reset')} resetHref="/stats" />
        </Form>
      </Card>

      {query.rangeError && (
        <div className="mb-4">
          <Alert tone="error">{t(query.rangeError)}</Alert>
        </div>
      )}

      <p className="mb-3 text-sm text-ink-500" data-testid="stats-period">
        {t('period', { from: range.fromDate, to: range.toDate })}
      </p>

      <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="stats-cards">
        {cards.map((card) => (
          <Card key={card.label} className="p-4">
            <p className="text-xs font-medium text-ink-500">{card.label}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums text-ink-900">{card.value}</p>
          </Card>
        ))}
      </div>

      <QuotaProgressSection progress={quotaProgress} hrefFor={(quota) => statsHref('/stats', query, { quota })} canManage={can(viewer, 'quotas:manage')} columnFiltered={Boolean(query.scope.columnId)} />

      <Card className="mb-4 p-4">
        <h2 className="mb-3 text-base font-semibold text-ink-900">{t('chartTitle')}</h2>
        {stats.totals.submitted + stats.totals.adopted === 0 ? (
          <p className="py-10 text-center text-sm text-ink-500">{t('chartEmpty')}</p>
        ) : (
          <MonthlyChart months={stats.monthly} labels={{ submitted: t('chartSubmitted'), adopted: t('chartAdopted') }} locale={locale} />
        )}
      </Card>

      <Card className="overflow-hidden">
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-line px-3 py-2">
          <nav className="flex gap-1">
            {tab('correspondents', t('tabCorrespondents'))}
            {tab('units', t('tabUnits'))}
          </nav>
          <p className="text-xs text-ink-500">
            {t('rulesSummary', { points: stats.rules.pointsPerStory, bonus: stats.rules.headlineBonus })}{' '}
            {can(viewer, 'scoring:manage') && (
              <Link href="/stats/scoring" className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
                {t('rulesEdit')}
              </Link>
            )}
          </p>
        </div>
        <FiguresTable
          rows={rows}
          totals={stats.totals}
          columns={columns}
          sort={query.sort}
          sortHref={(sort) => statsHref('/stats', query, { sort })}
          labels={{ totals: t('totals'), sortedAsc: t('sortedAsc'), sortedDesc: t('sortedDesc'), empty: t('empty'), report: t('report') }}
          detail={query.table === 'units' ? undefined : (row) => [row.unitName, row.username].filter(Boolean).join(' · ') || null}
          reportHref={(row) => (row.key === null ? null : `/stats/report/${query.table === 'units' ? 'unit' : 'correspondent'}/${row.key}?year=${year}`)}
          testId={query.table === 'units' ? 'stats-units' : 'stats-correspondents'}
          locale={locale}
        />
      </Card>

      <StageFiguresSection stats={stageStats} />
    </div>
  );
}
