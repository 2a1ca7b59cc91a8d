import { z } from 'zod';
import { MAX_ID, toId } from './ids';

// The id rule of lib/ids.ts as zod schemas, for action arguments, JSON bodies
// and form fields.

// The zod form, for action arguments and JSON bodies.
export const idSchema = z.number().int().positive().max(MAX_ID);

// A field holding an id or nothing (e.g. "no unit"), from JSON or a form:
// empty is null, anything else that is not an id is the field error `message`.
export function optionalIdSchema(message: string) {
  // optional(): a missing key is no id, not a missing value (zod 4 reads a
  // transform's output as required otherwise).
  return z
    .unknown()
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
