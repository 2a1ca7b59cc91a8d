import type { QuotaPeriodKind } from '@/db/schema/quotas';
import type { StatsRange } from '../stats/range';
import { isCalendarDay, nextDay, startOfDay, toZonedInputValue } from '../zoned-time';

// The periods a unit's targets are set for (任务指标): a calendar month,
// quarter or year in the site's time zone, named by its first day. Pure.

export const QUOTA_PERIOD_KINDS = ['month', 'quarter', 'year'] as const satisfies readonly QuotaPeriodKind[];

export type QuotaPeriod = { kind: QuotaPeriodKind; start: string };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const day = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const ymd = (value: string) => value.split('-').map(Number) as [number, number, number];

// Years a target may be set for, as the statistics' dates (lib/stats/range.ts).
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

// The month, quarter or year a calendar day falls in.
export function periodContaining(kind: QuotaPeriodKind, date: string): QuotaPeriod {
  const [y, m] = ymd(date);
  if (kind === 'year') return { kind, start: day(y, 1, 1) };
  if (kind === 'quarter') return { kind, start: day(y, m - ((m - 1) % 3), 1) };
  return { kind, start: day(y, m, 1) };
}

const monthsIn: Record<QuotaPeriodKind, number> = { month: 1, quarter: 3, year: 12 };

// The period `steps` periods later (earlier when negative).
export function shiftPeriod(period: QuotaPeriod, steps: number): QuotaPeriod {
  const [y, m] = ymd(period.start);
  const index = y * 12 + (m - 1) + steps * monthsIn[period.kind];
  return { kind: period.kind, start: day(Math.floor(index / 12), (index % 12) + 1, 1) };
}

export const previousPeriod = (period: QuotaPeriod): QuotaPeriod => shiftPeriod(period, -1);

// Its last calendar day, included.
export function lastDayOf(period: QuotaPeriod): string {
  const [y, m] = ymd(shiftPeriod(period, 1).start);
  return new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
}

// How addresses name a period: 2026-11, 2026-Q4, 2026.
export function periodKey(period: QuotaPeriod): string {
  const [y, m] = ymd(period.start);
  if (period.kind === 'year') return pad(y, 4);
  if (period.kind === 'quarter') return `${pad(y, 4)}-Q${(m + 2) / 3}`;
  return `${pad(y, 4)}-${pad(m)}`;
}

const KEY_PATTERN = /^(\d{4})(?:-(?:Q([1-4])|(\d{2})))?$/;

// The period an address names; null for anything else, so a page shows its
// default period rather than an error.
export function parsePeriodKey(key: string | undefined | null): QuotaPeriod | null {
  const m = KEY_PATTERN.exec((key ?? '').trim());
  if (!m) return null;
  const y = Number(m[1]);
  if (y < MIN_YEAR || y > MAX_YEAR) return null;
  if (m[2]) return { kind: 'quarter', start: day(y, Number(m[2]) * 3 - 2, 1) };
  if (m[3]) {
    const month = Number(m[3]);
    return month >= 1 && month <= 12 ? { kind: 'month', start: day(y, month, 1) } : null;
  }
  return { kind: 'year', start: day(y, 1, 1) };
}

// A period as the database holds it is valid when its start is its first day.
export function isPeriodStart(period: QuotaPeriod): boolean {
  return isCalendarDay(period.start) && periodContaining(period.kind, period.start).start === period.start;
}

// The period as the statistics count it: from its first day's midnight in
// the zone to the next period's, [start, end).
export function periodRange(period: QuotaPeriod, timeZone: string): StatsRange {
  const toDate = lastDayOf(period);
  return { preset: 'custom', fromDate: period.start, toDate, start: startOfDay(period.start, timeZone)!, end: startOfDay(nextDay(toDate), timeZone)! };
}

// The calendar day it is now in the zone.
export function todayIn(timeZone: string, now = new Date()): string {
  return toZonedInputValue(now, timeZone).slice(0, 10);
}

// How much of the period has passed, 0 before it starts and 1 once it is
// over, by the clock (a month's 15th at noon is about half of it).
export function elapsedShare(period: QuotaPeriod, timeZone: string, now = new Date()): number {
  const { start, end } = periodRange(period, timeZone);
  const share = (now.getTime() - start.getTime()) / (end.getTime() - start.getTime());
  return Math.min(1, Math.max(0, share));
}

// The period /stats shows progress for, beside the page's own range: the one
// the address names, else the one of the range's own kind (a whole year or
// quarter; a month otherwise) that holds the range's last day, or today when
// the range runs past today.
export function quotaPeriodForRange(range: Pick<StatsRange, 'fromDate' | 'toDate'>, key: string | undefined, timeZone: string, now = new Date()): QuotaPeriod {
  const named = parsePeriodKey(key);
  if (named) return named;
  const today = todayIn(timeZone, now);
  const anchor = range.toDate > today ? (range.fromDate > today ? range.fromDate : today) : range.toDate;
  const kind = (['year', 'quarter'] as const).find((k) => {
    const p = periodContaining(k, range.fromDate);
    return p.start === range.fromDate && lastDayOf(p) === range.toDate;
  });
  return periodContaining(kind ?? 'month', anchor);
}

// The month, quarter and year to offer beside a period: those holding today
// while it runs, else its last day (or its first, for one still to come).
export function periodsBeside(period: QuotaPeriod, timeZone: string, now = new Date()): QuotaPeriod[] {
  const today = todayIn(timeZone, now);
  const last = lastDayOf(period);
  const anchor = today < period.start ? period.start : today > last ? last : today;
  return QUOTA_PERIOD_KINDS.map((kind) => (kind === period.kind ? period : periodContaining(kind, anchor)));
}
