import { AppError, validationError } from '@/lib/errors';
import { parseId } from '@/lib/ids';

// An id field that may be left empty (e.g. "no unit"); anything else that is
// not an id is a field error on that field.
export function parseOptionalId(value: unknown, field: string, errorKey: string): number | null {
  if (value === null || value === undefined || value === '') return null;
  const id = parseId(value);
  if (id === null) throw validationError({ [field]: errorKey });
  return id;
}

// The first value of a search parameter, if it is a string.
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

// The `id` field of a form acting on one row; a malformed one is "not found".
export function requireFormId(formData: FormData): number {
  const id = parseId(formData.get('id'));
  if (id === null) throw new AppError('not_found', 'malformed id');
  return id;
}
