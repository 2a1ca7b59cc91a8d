import { describe, expect, test } from 'vitest';
import { isCalendarDay, nextDay, parseZonedDateTime, startOfDay, toZonedInputValue } from '@/lib/zoned-time';
import { parseQueueFilters } from '@/lib/review-queue';

describe('parseZonedDateTime', () => {
  test('a Shanghai wall-clock time is eight hours ahead of UTC', () => {
    expect(parseZonedDateTime('2026-11-27T09:30', 'Asia/Shanghai')?.toISOString()).toBe('2026-11-27T01:30:00.000Z');
  });

  test('New York on both sides of the spring-forward day', () => {
    expect(parseZonedDateTime('2026-03-07T12:00', 'America/New_York')?.toISOString()).toBe('2026-03-07T17:00:00.000Z');
    expect(parseZonedDateTime('2026-03-09T00:00', 'America/New_York')?.toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  test.each(['', '2026-11-27', '2026-11-27 09:30', '2026-02-30T10:00', '2026-11-27T24:00', '2026-11-27T09:60', 'x'])('refuses %j', (value) => {
    expect(parseZonedDateTime(value, 'Asia/Shanghai')).toBeNull();
  });
});

describe('toZonedInputValue', () => {
  test.each(['Asia/Shanghai', 'America/New_York', 'Europe/London', 'UTC'])('round-trips through %s', (zone) => {
    const value = '2026-07-01T08:15';
    const instant = parseZonedDateTime(value, zone)!;
    expect(toZonedInputValue(instant, zone)).toBe(value);
  });
});

// Days typed into filter addresses (the review queue, the audit trail, the
// statistics) are checked one way; a day that does not exist is no filter,
// never an error (/review?to=0000-00-00 failed the page).
describe('calendar days', () => {
  test.each(['2026-02-28', '2024-02-29', '2026-12-31', '1999-01-01'])('%s is a day', (value) => {
    expect(isCalendarDay(value)).toBe(true);
  });

  test.each(['2026-02-29', '2026-13-01', '2026-00-10', '0000-00-00', '9999-99-99', '2026-1-1', '', '2026-02-28T00:00'])('%s is not', (value) => {
    expect(isCalendarDay(value)).toBe(false);
  });

  test('the next day crosses months and years', () => {
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });

  test('a day starts at midnight in the zone; no day, no start', () => {
    expect(startOfDay('2026-12-04', 'Asia/Shanghai')?.toISOString()).toBe('2026-12-03T16:00:00.000Z');
    expect(startOfDay('0000-00-00', 'Asia/Shanghai')).toBeNull();
  });

  test('the review queue drops a date that is no day instead of failing', () => {
    expect(parseQueueFilters({ from: '9999-99-99', to: '0000-00-00' })).toMatchObject({ from: undefined, to: undefined });
    expect(parseQueueFilters({ from: '2026-12-01', to: '2026-12-04' })).toMatchObject({ from: '2026-12-01', to: '2026-12-04' });
  });
});
