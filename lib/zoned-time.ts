// Wall-clock times in the site's time zone, as editors type them into a
// <input type="datetime-local"> ("2026-11-27T09:30"), and back. Pure.

function offsetMinutes(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

// The instant a wall-clock time names in a zone; null for malformed input or
// a time that does not exist (e.g. February 30th).
export function parseZonedDateTime(value: string, timeZone: string): Date | null {
  const m = LOCAL_PATTERN.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // Two passes settle the offset across a daylight-saving change.
  let guess = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  guess = wall - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

// The datetime-local value for an instant, in a zone.
export function toZonedInputValue(date: Date, timeZone: string): string {
  const local = new Date(date.getTime() + offsetMinutes(date, timeZone) * 60_000);
  return local.toISOString().slice(0, 16);
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// A day that exists, written YYYY-MM-DD (filters in addresses): 2026-02-30,
// 2026-13-01 and 0000-00-00 are not days.
export function isCalendarDay(value: string): boolean {
  const m = DAY_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = m.slice(1).map(Number) as [number, number, number];
  const check = new Date(Date.UTC(y, mo - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d;
}

// The calendar day after one, as YYYY-MM-DD.
export function nextDay(value: string): string {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

// The instant a day begins in a zone; null when it is no day.
export function startOfDay(value: string, timeZone: string): Date | null {
  return isCalendarDay(value) ? parseZonedDateTime(`${value}T00:00`, timeZone) : null;
}
