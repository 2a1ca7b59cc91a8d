import { describe, expect, test } from 'vitest';
import { MAX_RANGE_DAYS, currentYear, isCalendarDate, monthsOf, resolveRange, yearRange } from '@/lib/stats/range';

const TZ = 'Asia/Shanghai';
// 2026-11-27 09:00 in Shanghai.
const now = new Date('2026-11-27T01:00:00Z');

describe('resolveRange', () => {
  test('this month runs from the 1st, midnight in the site’s zone, to the next month', () => {
    const { range, error } = resolveRange({ range: 'this-month' }, TZ, now);
    expect(error).toBeNull();
    expect(range).toMatchObject({ preset: 'this-month', fromDate: '2026-11-01', toDate: '2026-11-30' });
    expect(range.start.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  test('the zone decides which day it is', () => {
    // 2026-12-31 20:00 UTC is already 2027 in Shanghai.
    const { range } = resolveRange({ range: 'this-year' }, TZ, new Date('2026-12-31T20:00:00Z'));
    expect(range.fromDate).toBe('2027-01-01');
    expect(resolveRange({ range: 'this-year' }, 'UTC', new Date('2026-12-31T20:00:00Z')).range.fromDate).toBe('2026-01-01');
  });

  test('last month crosses the year in January', () => {
    const { range } = resolveRange({ range: 'last-month' }, TZ, new Date('2027-01-10T04:00:00Z'));
    expect(range).toMatchObject({ fromDate: '2026-12-01', toDate: '2026-12-31' });
  });

  test('last year and this year are whole calendar years', () => {
    expect(resolveRange({ range: 'last-year' }, TZ, now).range).toMatchObject({ fromDate: '2025-01-01', toDate: '2025-12-31' });
    expect(resolveRange({ range: 'this-year' }, TZ, now).range).toMatchObject({ fromDate: '2026-01-01', toDate: '2026-12-31' });
  });

  test('a custom range includes both days', () => {
    const { range, error } = resolveRange({ range: 'custom', from: '2026-03-05', to: '2026-03-05' }, TZ, now);
    expect(error).toBeNull();
    expect(range.end.getTime() - range.start.getTime()).toBe(86_400_000);
  });

  test('dates alone mean a custom range', () => {
    expect(resolveRange({ from: '2026-01-01', to: '2026-02-01' }, TZ, now).range.preset).toBe('custom');
  });

  test.each([
    [{ range: 'custom', from: '2026-02-30', to: '2026-03-01' }, 'range_invalid_date'],
    [{ range: 'custom', from: 'yesterday', to: '2026-03-01' }, 'range_invalid_date'],
    [{ range: 'custom', from: '2026-03-02', to: '2026-03-01' }, 'range_reversed'],
    [{ range: 'custom', from: '2020-01-01', to: '2026-03-01' }, 'range_too_long'],
  ])('a bad custom range %j falls back to this month with %s', (input, expected) => {
    const { range, error } = resolveRange(input, TZ, now);
    expect(error).toBe(expected);
    expect(range.preset).toBe('this-month');
  });

  test('an unknown preset is this month, without complaint', () => {
    expect(resolveRange({ range: 'forever' }, TZ, now)).toMatchObject({ error: null, range: { preset: 'this-month' } });
  });

  test('the longest range allowed is about three years', () => {
    expect(MAX_RANGE_DAYS).toBeGreaterThanOrEqual(3 * 365);
    expect(resolveRange({ from: '2024-01-01', to: '2026-12-31' }, TZ, now).error).toBeNull();
  });
});

describe('isCalendarDate', () => {
  test.each(['2026-02-28', '2028-02-29', '2000-01-01'])('%s is a date', (d) => expect(isCalendarDate(d)).toBe(true));
  test.each(['2026-02-29', '2026-13-01', '2026-1-1', '1999-12-31', '', '2026-01-01T00:00'])('%s is not', (d) => expect(isCalendarDate(d)).toBe(false));
});

describe('monthsOf and yearRange', () => {
  test('every month the range touches, across a year end', () => {
    expect(monthsOf({ fromDate: '2025-11-15', toDate: '2026-02-03' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf({ fromDate: '2026-05-01', toDate: '2026-05-31' })).toEqual(['2026-05']);
  });

  test('the current year is the zone’s', () => {
    expect(currentYear(TZ, new Date('2026-12-31T20:00:00Z'))).toBe(2027);
    expect(currentYear('UTC', new Date('2026-12-31T20:00:00Z'))).toBe(2026);
  });

  test('a year in the zone', () => {
    const year = yearRange(2026, TZ);
    expect(year.start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(year.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(monthsOf(year)).toHaveLength(12);
  });
});
