import { parseId } from '@/lib/ids';
import { parsePeriodKey, periodKey } from '@/lib/quotas/periods';
import { firstParam } from '../admin/parse';
import { resolveRange, type RangeError } from '@/lib/stats/range';
import { parseSort, type Sort } from '@/lib/stats/sort';
import type { StatsScope } from '@/lib/stats/figures';
import type { ExportTable } from '@/lib/stats/export';

export type SearchParams = Record<string, string | string[] | undefined>;

// `quota`: the period of the unit quotas shown beside the figures (2026-11,
// 2026-Q4, 2026); absent, the range's own (lib/quotas/periods.ts).
export type StatsQuery = { scope: StatsScope; sort: Sort; table: ExportTable; rangeError: RangeError | null; quota?: string };

// A period the address names, written the one way; anything else is left out.
function quotaParam(value: string | undefined): { quota?: string } {
  const period = parsePeriodKey(value);
  return period ? { quota: periodKey(period) } : {};
}

// The statistics page, its exports and its links all read the same address.
// Anything unexpected in it is ignored (or, for a bad custom range, reported
// beside this month's figures) rather than an error page.
export function parseStatsQuery(sp: SearchParams, timeZone: string, now = new Date()): StatsQuery {
  const from = firstParam(sp.from);
  const to = firstParam(sp.to);
  // A named period wins over the dates the form sends beside it (the form
  // keeps them in step; a stale pair must not override the choice). Dates
  // count when the menu says custom, or when the address has dates alone.
  const { range, error } = resolveRange({ range: firstParam(sp.range), from, to }, timeZone, now);
  return {
    scope: { range, unitId: parseId(firstParam(sp.unit)), columnId: parseId(firstParam(sp.column)) },
    sort: parseSort(firstParam(sp.sort), firstParam(sp.dir)),
    table: firstParam(sp.table) === 'units' ? 'units' : 'correspondents',
    rangeError: error,
    ...quotaParam(firstParam(sp.quota)),
  };
}

// The address of the page (or an export) for a query, with changes.
export function statsHref(base: string, query: StatsQuery, patch: Partial<{ sort: Sort; table: ExportTable; format: 'xlsx' | 'csv'; quota: string }> = {}): string {
  const params = new URLSearchParams();
  const { range, unitId, columnId } = query.scope;
  if (range.preset === 'custom') {
    params.set('from', range.fromDate);
    params.set('to', range.toDate);
  } else if (range.preset !== 'this-month') params.set('range', range.preset);
  if (unitId) params.set('unit', String(unitId));
  if (columnId) params.set('column', String(columnId));
  const table = patch.table ?? query.table;
  if (table !== 'correspondents') params.set('table', table);
  const sort = patch.sort ?? query.sort;
  if (sort.key !== 'points' || sort.dir !== 'desc') {
    params.set('sort', sort.key);
    params.set('dir', sort.dir);
  }
  const quota = patch.quota ?? query.quota;
  if (quota) params.set('quota', quota);
  if (patch.format) params.set('format', patch.format);
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}
