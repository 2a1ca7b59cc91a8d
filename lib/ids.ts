// Pure, and free of zod so the browser may import it too: what counts as a
// row id. Ids are PostgreSQL `integer`s, so a larger number would fail in the
// database instead of being "not found"; every boundary (forms, addresses,
// JSON, the beacon) checks with these. Their zod forms: ./id-schemas.ts.
export const MAX_ID = 2_147_483_647;

export function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_ID;
}

// An id as text from a form or an address. Only a plain positive integer:
// "1e3", " 7", "7.0", "07" or "0x7" are refused rather than coerced.
export function parseId(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,9}$/.test(value)) return null;
  const n = Number(value);
  return n <= MAX_ID ? n : null;
}

// An id given either way: a number (from JSON) or text (from a form).
export function toId(value: unknown): number | null {
  return isId(value) ? value : parseId(value);
}

// The last instant a keyset cursor may name: PostgreSQL's timestamps and
// JavaScript's ISO strings part ways beyond year 9999.
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

// A keyset cursor "<time in ms><sep><id>" from an address: null unless both
// halves are in range, so a forged one is "no such page", not a database error.
export function parseKeysetCursor(value: string | undefined, separator: '_' | '.'): { at: Date; id: number } | null {
  const parts = value?.split(separator);
  if (!parts || parts.length !== 2 || !/^\d{1,15}$/.test(parts[0]!)) return null;
  const ms = Number(parts[0]);
  const id = parseId(parts[1]);
  return ms <= LATEST_MS && id !== null ? { at: new Date(ms), id } : null;
}
