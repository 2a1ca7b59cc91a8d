import { z } from 'zod';
import { stripControlChars } from './content/text';

// A string a person typed, wherever it comes from (a form, an action's
// arguments, a query): control characters are dropped before any other check,
// so no field can carry a NUL to the database. Chains like z.string().
export function typedText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).overwrite(stripControlChars);
}

// The same for a value read without a schema (a search box, a note).
export function typedValue(value: unknown): string {
  return typeof value === 'string' ? stripControlChars(value) : '';
}
