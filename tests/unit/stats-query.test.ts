import { describe, expect, test } from 'vitest';
import { parseStatsQuery, statsHref } from '@/app/(portal)/stats/query';

const TZ = 'Asia/Shanghai';
// 2026-12-04 09:00 in Shanghai.
const now = new Date('2026-12-04T01:00:00Z');
const period = (sp: Record<string, string>) => {
  const { range } = parseStatsQuery(sp, TZ, now).scope;
  return { preset: range.preset, from: range.fromDate, to: range.toDate };
};

// The statistics form sends the menu and both dates; what it asks for must be
// what the page, the exports and the links show.
describe('the statistics address', () => {
  test('a named period wins over the stale dates sent beside it', () => {
    const stale = { from: '2026-12-01', to: '2026-12-31' };
    expect(period({ range: 'last-month', ...stale })).toEqual({ preset: 'last-month', from: '2026-11-01', to: '2026-11-30' });
    expect(period({ range: 'this-year', ...stale })).toEqual({ preset: 'this-year', from: '2026-01-01', to: '2026-12-31' });
    expect(period({ range: 'last-year', ...stale })).toEqual({ preset: 'last-year', from: '2025-01-01', to: '2025-12-31' });
  });

  test('dates count when the menu says custom, or when they come alone', () => {
    expect(period({ range: 'custom', from: '2026-03-01', to: '2026-03-15' })).toEqual({ preset: 'custom', from: '2026-03-01', to: '2026-03-15' });
    expect(period({ from: '2026-03-01', to: '2026-03-15' })).toEqual({ preset: 'custom', from: '2026-03-01', to: '2026-03-15' });
    expect(period({})).toEqual({ preset: 'this-month', from: '2026-12-01', to: '2026-12-31' });
  });

  test('a bad custom period falls back to this month and says why', () => {
    const query = parseStatsQuery({ range: 'custom', from: '2026-03-15', to: '2026-03-01' }, TZ, now);
    expect(query.rangeError).toBe('range_reversed');
    expect(query.scope.range.preset).toBe('this-month');
  });

  test('the links and exports carry the period the page shows', () => {
    const query = parseStatsQuery({ range: 'last-month', from: '2026-12-01', to: '2026-12-31', unit: '3' }, TZ, now);
    expect(statsHref('/stats/export', query, { format: 'csv' })).toBe('/stats/export?range=last-month&unit=3&format=csv');
    const again = parseStatsQuery(Object.fromEntries(new URLSearchParams('range=last-month&unit=3&format=csv')), TZ, now);
    expect(again.scope.range).toEqual(query.scope.range);
  });
});

describe('the quota period in the address', () => {
  test('a period the address names travels with every link and export; anything else is dropped', () => {
    const query = parseStatsQuery({ range: 'last-month', quota: '2026-Q3' }, TZ, now);
    expect(query.quota).toBe('2026-Q3');
    expect(statsHref('/stats/export', query, { format: 'xlsx' })).toBe('/stats/export?range=last-month&quota=2026-Q3&format=xlsx');
    expect(statsHref('/stats', query, { quota: '2026' })).toBe('/stats?range=last-month&quota=2026');
    expect(parseStatsQuery({ quota: '2026-13' }, TZ, now).quota).toBeUndefined();
    expect(statsHref('/stats', parseStatsQuery({ quota: '"><script>' }, TZ, now))).toBe('/stats');
  });
});
