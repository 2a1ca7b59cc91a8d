import type { z } from 'zod';
import { isDatabaseUnavailable } from '@/db/availability';

// One error type for the domain. The code picks the message the user sees
// (from the catalog, key errors.<code>); `detail` is for the log only.
export type AppErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  // Another editor holds the story; params.name says who.
  | 'claimed'
  | 'invalid_transition'
  | 'validation'
  | 'rate_limited'
  | 'password_change_required'
  | 'two_factor_required'
  // The database cannot be reached (db/availability.ts): try again shortly.
  | 'unavailable';

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly detail?: string,
    // Field name → catalog key, for inline form errors.
    readonly fieldErrors?: FieldErrors,
    // Values interpolated into the user message (e.g. who holds a claim).
    readonly params?: Record<string, string | number>,
  ) {
    super(detail ?? code);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

// What the user is told about a thrown error: an AppError as it is, a
// database that cannot be reached as `unavailable`; null for a fault of ours.
export function userFacingError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  if (isDatabaseUnavailable(error)) return new AppError('unavailable', 'database unavailable');
  return null;
}

export function validationError(fieldErrors: FieldErrors, detail?: string): AppError {
  return new AppError('validation', detail, fieldErrors);
}

// Where an issue is shown and what it says: the form field and a catalog key.
export type IssueMapper = (issue: z.core.$ZodIssue) => readonly [field: string, key: string];

// The field an issue belongs to: the top-level key it is under (a form's
// fields are flat), or the whole form for a problem with the input itself.
export function issueField(issue: z.core.$ZodIssue): string {
  return String(issue.path[0] ?? 'form');
}

const byPath: IssueMapper = (issue) => [issueField(issue), issue.message];

// A failed parse as field errors. The first problem of each field is the one
// worth saying (zod reports a field's checks in order: "required" before
// "too long"), so a later issue never overwrites it.
export function fieldErrorsFrom(error: z.ZodError, mapIssue: IssueMapper = byPath): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const [field, key] = mapIssue(issue);
    out[field] ??= key;
  }
  return out;
}

export type TakenField = { field: string; key: string; constraint?: string };

// A write whose unique constraints mean "already taken" on its form: a
// violation becomes that field's error (the first entry that matches; one
// without a constraint matches any), anything else passes through.
export async function takenAsFieldError<T>(taken: readonly TakenField[], write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const match = taken.find((t) => isUniqueViolation(error, t.constraint));
    if (match) throw validationError({ [match.field]: match.key });
    throw error;
  }
}

// A PostgreSQL unique violation (of one constraint, or any), so callers can
// turn it into a field error.
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = (error as { cause?: unknown })?.cause ?? error;
  const code = (e as { code?: string })?.code;
  const name = (e as { constraint_name?: string; constraint?: string })?.constraint_name ?? (e as { constraint?: string })?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
