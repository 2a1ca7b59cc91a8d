import { describe, expect, test } from 'vitest';
import { parseZonedDateTime, toZonedInputValue } from '@/lib/zoned-time';

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
