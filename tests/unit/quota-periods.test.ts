import { describe, expect, test } from 'vitest';
import { compareContribution, compareProgress, isBehind, measureProgress, overallStatus } from '@/lib/quotas/pace';
import {
  elapsedShare,
  isPeriodStart,
  lastDayOf,
  parsePeriodKey,
  periodContaining,
  periodKey,
  periodRange,
  periodsBeside,
  previousPeriod,
  quotaPeriodForRange,
  shiftPeriod,
  todayIn,
} from '@/lib/quotas/periods';

const TZ = 'Asia/Shanghai';

describe('quota periods', () => {
  test('a day falls in its month, its quarter and its year', () => {
    expect(periodContaining('month', '2026-11-27')).toEqual({ kind: 'month', start: '2026-11-01' });
    expect(periodContaining('quarter', '2026-11-27')).toEqual({ kind: 'quarter', start: '2026-10-01' });
    expect(periodContaining('quarter', '2026-03-31')).toEqual({ kind: 'quarter', start: '2026-01-01' });
    expect(periodContaining('quarter', '2026-04-01')).toEqual({ kind: 'quarter', start: '2026-04-01' });
    expect(periodContaining('year', '2026-11-27')).toEqual({ kind: 'year', start: '2026-01-01' });
  });

  test('a period runs from its first day’s midnight in Shanghai to the next period’s', () => {
    const month = periodRange({ kind: 'month', start: '2026-02-01' }, TZ);
    expect(month).toMatchObject({ fromDate: '2026-02-01', toDate: '2026-02-28' });
    expect(month.start.toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(month.end.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    const quarter = periodRange({ kind: 'quarter', start: '2026-10-01' }, TZ);
    expect(quarter).toMatchObject({ fromDate: '2026-10-01', toDate: '2026-12-31' });
    expect(quarter.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    const year = periodRange({ kind: 'year', start: '2028-01-01' }, TZ);
    expect(year).toMatchObject({ fromDate: '2028-01-01', toDate: '2028-12-31' });
    expect(year.start.toISOString()).toBe('2027-12-31T16:00:00.000Z');
    expect(year.end.toISOString()).toBe('2028-12-31T16:00:00.000Z');
    expect(lastDayOf({ kind: 'month', start: '2028-02-01' })).toBe('2028-02-29');
  });

  test('the zone decides which period an instant is in', () => {
    // 2026-12-31 17:00 UTC is already 2027 in Shanghai.
    const instant = new Date('2026-12-31T17:00:00Z');
    expect(todayIn(TZ, instant)).toBe('2027-01-01');
    expect(todayIn('UTC', instant)).toBe('2026-12-31');
    expect(periodContaining('quarter', todayIn(TZ, instant))).toEqual({ kind: 'quarter', start: '2027-01-01' });
  });

  test('periods step across years', () => {
    expect(previousPeriod({ kind: 'month', start: '2027-01-01' })).toEqual({ kind: 'month', start: '2026-12-01' });
    expect(previousPeriod({ kind: 'quarter', start: '2027-01-01' })).toEqual({ kind: 'quarter', start: '2026-10-01' });
    expect(previousPeriod({ kind: 'year', start: '2027-01-01' })).toEqual({ kind: 'year', start: '2026-01-01' });
    expect(shiftPeriod({ kind: 'quarter', start: '2026-10-01' }, 1)).toEqual({ kind: 'quarter', start: '2027-01-01' });
    expect(shiftPeriod({ kind: 'month', start: '2026-11-01' }, 14)).toEqual({ kind: 'month', start: '2028-01-01' });
  });

  test('addresses name periods as 2026-11, 2026-Q4 and 2026, and nothing else', () => {
    for (const period of [
      { kind: 'month', start: '2026-11-01' },
      { kind: 'quarter', start: '2026-10-01' },
      { kind: 'year', start: '2026-01-01' },
    ] as const) {
      expect(parsePeriodKey(periodKey(period))).toEqual(period);
    }
    expect(periodKey({ kind: 'quarter', start: '2026-01-01' })).toBe('2026-Q1');
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '1999', '2101-01', '26-11', '2026-11-01', '', 'abc', undefined, null]) {
      expect(parsePeriodKey(bad), String(bad)).toBeNull();
    }
  });

  test('a period is held by its first day only', () => {
    expect(isPeriodStart({ kind: 'quarter', start: '2026-10-01' })).toBe(true);
    expect(isPeriodStart({ kind: 'quarter', start: '2026-11-01' })).toBe(false);
    expect(isPeriodStart({ kind: 'year', start: '2026-02-01' })).toBe(false);
    expect(isPeriodStart({ kind: 'month', start: '2026-02-30' })).toBe(false);
  });

  test('the elapsed share goes by the clock in the zone, 0 before and 1 after', () => {
    const november = { kind: 'month', start: '2026-11-01' } as const;
    // 2026-11-16 00:00 in Shanghai: 15 of 30 days.
    expect(elapsedShare(november, TZ, new Date('2026-11-15T16:00:00Z'))).toBeCloseTo(0.5, 10);
    expect(elapsedShare(november, TZ, new Date('2026-10-31T15:59:59Z'))).toBe(0);
    expect(elapsedShare(november, TZ, new Date('2026-10-31T16:00:00Z'))).toBe(0);
    expect(elapsedShare(november, TZ, new Date('2026-11-30T16:00:00Z'))).toBe(1);
    // A quarter of 92 days, 46 gone.
    expect(elapsedShare({ kind: 'quarter', start: '2026-10-01' }, TZ, new Date('2026-11-15T16:00:00Z'))).toBeCloseTo(46 / 92, 10);
  });

  test('/stats shows the period of its range’s kind holding the range’s last day, or today', () => {
    const now = new Date('2026-11-27T01:00:00Z');
    expect(quotaPeriodForRange({ fromDate: '2026-11-01', toDate: '2026-11-30' }, undefined, TZ, now)).toEqual({ kind: 'month', start: '2026-11-01' });
    expect(quotaPeriodForRange({ fromDate: '2026-10-01', toDate: '2026-10-31' }, undefined, TZ, now)).toEqual({ kind: 'month', start: '2026-10-01' });
    expect(quotaPeriodForRange({ fromDate: '2026-01-01', toDate: '2026-12-31' }, undefined, TZ, now)).toEqual({ kind: 'year', start: '2026-01-01' });
    expect(quotaPeriodForRange({ fromDate: '2026-07-01', toDate: '2026-09-30' }, undefined, TZ, now)).toEqual({ kind: 'quarter', start: '2026-07-01' });
    expect(quotaPeriodForRange({ fromDate: '2026-03-05', toDate: '2026-04-20' }, undefined, TZ, now)).toEqual({ kind: 'month', start: '2026-04-01' });
    expect(quotaPeriodForRange({ fromDate: '2026-11-01', toDate: '2026-11-30' }, '2026-Q3', TZ, now)).toEqual({ kind: 'quarter', start: '2026-07-01' });
    expect(quotaPeriodForRange({ fromDate: '2026-11-01', toDate: '2026-11-30' }, 'nonsense', TZ, now)).toEqual({ kind: 'month', start: '2026-11-01' });
  });
});

describe('pace', () => {
  test('behind means below the target × the elapsed share, rounded down to a whole story', () => {
    // Target 10 at half the month: 5 expected.
    expect(measureProgress(4, 10, 0.5).status).toBe('behind');
    expect(measureProgress(5, 10, 0.5).status).toBe('on_track');
    // Day 2 of 30: 0.67 expected, nobody is behind for a fraction.
    expect(measureProgress(0, 10, 2 / 30).status).toBe('on_track');
    // Day 4: 1.33 expected, one story is the pace.
    expect(measureProgress(0, 10, 4 / 30).status).toBe('behind');
    expect(measureProgress(1, 10, 4 / 30).status).toBe('on_track');
  });

  test('points are weighed the same way, to the hundredth', () => {
    expect(measureProgress(19.99, 40, 0.5).status).toBe('behind');
    expect(measureProgress(20, 40, 0.5).status).toBe('on_track');
    expect(measureProgress(0.1 + 0.2, 0.3, 0.5).status).toBe('met');
  });

  test('met once reached, missed when the period ends short, upcoming before it starts', () => {
    expect(measureProgress(10, 10, 0.1)).toMatchObject({ status: 'met', ratio: 1 });
    expect(measureProgress(12, 10, 1)).toMatchObject({ status: 'met', ratio: 1.2 });
    expect(measureProgress(9, 10, 1).status).toBe('missed');
    expect(measureProgress(0, 10, 0).status).toBe('upcoming');
    expect(measureProgress(3, 10, 0.5)).toMatchObject({ expected: 5, ratio: 0.3 });
  });

  test('a unit is as behind as its worst measure', () => {
    const met = measureProgress(10, 10, 0.5);
    const behind = measureProgress(1, 10, 0.5);
    expect(overallStatus([met, null])).toBe('met');
    expect(overallStatus([met, behind])).toBe('behind');
    expect(overallStatus([measureProgress(1, 10, 1), behind])).toBe('missed');
    expect(isBehind('missed') && isBehind('behind') && !isBehind('on_track') && !isBehind('met')).toBe(true);
  });

  test('who is behind comes first, the furthest behind before the others', () => {
    const unit = (actual: number) => {
      const m = measureProgress(actual, 10, 0.5);
      return { name: String(actual), status: m.status, measures: [m] };
    };
    expect([unit(10), unit(4), unit(6), unit(1)].sort(compareProgress).map((u) => u.name)).toEqual(['1', '4', '6', '10']);
  });

  test('a unit’s people by points, then stories, then name', () => {
    const people = [
      { name: '乙', points: 10, adopted: 1 },
      { name: '甲', points: 10, adopted: 1 },
      { name: '丙', points: 10, adopted: 2 },
      { name: '丁', points: 25, adopted: 1 },
    ];
    expect(people.sort(compareContribution).map((p) => p.name)).toEqual(['丁', '丙', '甲', '乙']);
  });
});

describe('periodsBeside', () => {
  const now = new Date('2026-11-27T01:00:00Z');
  test('a running period is offered with the month, quarter and year of today', () => {
    expect(periodsBeside({ kind: 'year', start: '2026-01-01' }, TZ, now).map(periodKey)).toEqual(['2026-11', '2026-Q4', '2026']);
  });
  test('a past one with those of its last day, a future one with those of its first', () => {
    expect(periodsBeside({ kind: 'year', start: '2025-01-01' }, TZ, now).map(periodKey)).toEqual(['2025-12', '2025-Q4', '2025']);
    expect(periodsBeside({ kind: 'quarter', start: '2027-04-01' }, TZ, now).map(periodKey)).toEqual(['2027-04', '2027-Q2', '2027']);
  });
});
