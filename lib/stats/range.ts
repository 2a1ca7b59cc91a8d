import { isCalendarDay, nextDay, startOfDay } from '../zoned-time';

// The period a statistics page covers, as the newsroom names it, turned into
// instants in the site's time zone: [start, end). Pure.

export const RANGE_PRESETS = ['this-month', 'last-month', 'this-year', 'last-year', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export type StatsRange = {
  preset: RangePreset;
  // Calendar dates in the site's zone, both included: 2026-11-01 … 2026-11-30.
  fromDate: string;
  toDate: string;
  start: Date;
  end: Date;
};

export type RangeInput = { range?: string; from?: string; to?: string };

// A year's report or a custom range is at most this long, so one request
// cannot ask for a century of months.
export const MAX_RANGE_DAYS = 3 * 366;


function wallDate(date: Date, timeZone: string): { y: number; m: number; d: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: get('year'), m: get('month'), d: get('day') };
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

// A day the statistics cover: one that exists, between 2000 and 2100.
export function isCalendarDate(value: string): boolean {
  if (!isCalendarDay(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= 2000 && year <= 2100;
}

// Only called with days isCalendarDate let through.
const dayStart = (date: string, timeZone: string): Date => startOfDay(date, timeZone)!;

function build(preset: RangePreset, fromDate: string, toDate: string, timeZone: string): StatsRange {
  return { preset, fromDate, toDate, start: dayStart(fromDate, timeZone), end: dayStart(nextDay(toDate), timeZone) };
}

export type RangeError = 'range_invalid_date' | 'range_reversed' | 'range_too_long';

// The range the input names; a malformed custom range falls back to this
// month and says why, so the page still shows figures.
export function resolveRange(input: RangeInput, timeZone: string, now = new Date()): { range: StatsRange; error: RangeError | null } {
  const today = wallDate(now, timeZone);
  const preset = (RANGE_PRESETS as readonly string[]).includes(input.range ?? '') ? (input.range as RangePreset) : input.from || input.to ? 'custom' : 'this-month';
  const thisMonth = () => build('this-month', iso(today.y, today.m, 1), iso(today.y, today.m, lastDayOfMonth(today.y, today.m)), timeZone);
  switch (preset) {
    case 'this-month':
      return { range: thisMonth(), error: null };
    case 'last-month': {
      const y = today.m === 1 ? today.y - 1 : today.y;
      const m = today.m === 1 ? 12 : today.m - 1;
      return { range: build(preset, iso(y, m, 1), iso(y, m, lastDayOfMonth(y, m)), timeZone), error: null };
    }
    case 'this-year':
      return { range: build(preset, iso(today.y, 1, 1), iso(today.y, 12, 31), timeZone), error: null };
    case 'last-year':
      return { range: build(preset, iso(today.y - 1, 1, 1), iso(today.y - 1, 12, 31), timeZone), error: null };
    case 'custom': {
      const from = (input.from ?? '').trim();
      const to = (input.to ?? '').trim();
      if (!isCalendarDate(from) || !isCalendarDate(to)) return { range: thisMonth(), error: 'range_invalid_date' };
      if (from > to) return { range: thisMonth(), error: 'range_reversed' };
      const range = build(preset, from, to, timeZone);
      if (range.end.getTime() - range.start.getTime() > MAX_RANGE_DAYS * 86_400_000) return { range: thisMonth(), error: 'range_too_long' };
      return { range, error: null };
    }
  }
}

// A whole calendar year in the zone, for the annual reports.
export function yearRange(year: number, timeZone: string): StatsRange {
  return build('custom', iso(year, 1, 1), iso(year, 12, 31), timeZone);
}

// Every month the range touches, as YYYY-MM, for the monthly chart.
export function monthsOf(range: Pick<StatsRange, 'fromDate' | 'toDate'>): string[] {
  const months: string[] = [];
  let [y, m] = range.fromDate.split('-').map(Number) as [number, number];
  const last = range.toDate.slice(0, 7);
  for (;;) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
}

// The calendar year it is now in the zone.
export function currentYear(timeZone: string, now = new Date()): number {
  return wallDate(now, timeZone).y;
}
