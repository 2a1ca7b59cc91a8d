import { z } from 'zod';

// Pure: what counts as a row id. Ids are PostgreSQL `integer`s, so a larger
// number would fail in the database instead of being "not found"; every
// boundary (forms, addresses, JSON, the beacon) checks with these.
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

// The zod form, for action arguments and JSON bodies.
export const idSchema = z.number().int().positive().max(MAX_ID);

// A form field holding an id or nothing (e.g. "no unit"): empty is null,
// anything else that is not an id is the field error `message`.
export function optionalIdSchema(message: string) {
  return z
    .union([z.number(), z.string()])
    .nullable()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === null || v === '') return null;
      const n = toId(v);
      if (n === null) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return n;
    });
}
