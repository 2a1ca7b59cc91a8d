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

export function validationError(fieldErrors: FieldErrors, detail?: string): AppError {
  return new AppError('validation', detail, fieldErrors);
}

// A PostgreSQL unique violation, so callers can turn it into a field error.
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = (error as { cause?: unknown })?.cause ?? error;
  const code = (e as { code?: string })?.code;
  const name = (e as { constraint_name?: string; constraint?: string })?.constraint_name ?? (e as { constraint?: string })?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
