import 'server-only';
import { randomUUID } from 'node:crypto';
import { unstable_rethrow } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { AppError, fieldErrorsFrom, userFacingError, validationError } from './errors';
import { parseId } from './ids';
import { logger } from './logger';
import { requireActionViewer } from './session';
import type { Viewer } from './viewer';

// What every server action returns to its form: translated, never a stack.
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  // What the user typed, so a refused form keeps it.
  values?: Record<string, string>;
  // One-time data to show after success (e.g. a generated password).
  data?: Record<string, string>;
  // The same request may succeed shortly (the database was unreachable).
  retryable?: boolean;
};

export const initialActionState: ActionState = { ok: false };

// A form's data as an action received it. The arguments come from the
// network: a script may call the action with anything in the form's place,
// which reads as an empty form (and is refused as one), never as a crash.
export function formArgument(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

export function formValues(formData: FormData, skip: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formArgument(formData).entries()) {
    if (typeof value === 'string' && !key.startsWith('$') && !skip.includes(key)) out[key] = value;
  }
  return out;
}

// Turns anything thrown by lib/ into a message in the user's language.
// Unknown errors are logged with a reference the user can quote.
export async function toActionState(error: unknown, values?: Record<string, string>): Promise<ActionState> {
  unstable_rethrow(error);
  const t = await getTranslations('errors');
  const known = userFacingError(error);
  if (known) {
    const fieldErrors = known.fieldErrors
      ? Object.fromEntries(Object.entries(known.fieldErrors).map(([field, key]) => [field, t.has(`fields.${key}`) ? t(`fields.${key}`, known.params ?? {}) : t('validation')]))
      : undefined;
    const formError = fieldErrors?.form;
    const retryable = known.code === 'unavailable' ? { retryable: true } : {};
    return { ok: false, message: formError ?? t(known.code, known.params ?? {}), fieldErrors, values, ...retryable };
  }
  const ref = randomUUID().slice(0, 8);
  logger.error({ err: error, ref }, 'server action failed');
  return { ok: false, message: `${t('unexpected')} ${t('reference', { ref })}`, values };
}

// How a server action reads, checks and answers; see validatedAction.
export type ActionSpec<A extends unknown[], S extends z.ZodType, T> = {
  // What the schema parses, from the action's own arguments: a form's fields
  // (formFields) or the plain arguments a component passes. Its parameter
  // types are the action's signature.
  input: (...args: A) => unknown;
  schema: S;
  // What a refused form shows again (formValues); nothing by default.
  values?: (...args: A) => Record<string, string>;
  // A malformed input as the error to show; by default the schema's messages
  // as field errors (catalog keys under errors.fields).
  malformed?: (error: z.ZodError) => AppError;
  // Wording of a refusal other than toActionState's (a page's own catalog,
  // another result shape).
  refused?: (error: unknown, values: Record<string, string> | undefined) => Promise<T>;
};

type ActionRun<S extends z.ZodType, T> = (input: z.output<S>, viewer: Viewer, values: Record<string, string> | undefined) => Promise<T>;

// Every server action's plumbing, once: the viewer (or `unauthorized`), the
// input parsed, the lib/ call, and anything thrown turned into the state the
// form shows. The viewer comes first, so a signed-out caller learns nothing
// about what input would pass. `run` may revalidate, redirect() or
// notFound(): those propagate as Next expects.
export function validatedAction<A extends unknown[], S extends z.ZodType, T>(
  spec: ActionSpec<A, S, T> & { refused: NonNullable<ActionSpec<A, S, T>['refused']> },
  run: ActionRun<S, NoInfer<T>>,
): (...args: A) => Promise<T>;
export function validatedAction<A extends unknown[], S extends z.ZodType>(spec: ActionSpec<A, S, ActionState>, run: ActionRun<S, ActionState>): (...args: A) => Promise<ActionState>;
export function validatedAction<A extends unknown[], S extends z.ZodType, T>(spec: ActionSpec<A, S, T>, run: ActionRun<S, T>): (...args: A) => Promise<T> {
  // Without `refused` the second signature applies, where T is ActionState.
  const refused = spec.refused ?? (toActionState as NonNullable<ActionSpec<A, S, T>['refused']>);
  return async (...args) => {
    let values: Record<string, string> | undefined;
    try {
      values = spec.values?.(...args);
      const viewer = await requireActionViewer();
      const parsed = spec.schema.safeParse(spec.input(...args));
      if (!parsed.success) throw spec.malformed ? spec.malformed(parsed.error) : validationError(fieldErrorsFrom(parsed.error));
      return await run(parsed.data, viewer, values);
    } catch (error) {
      unstable_rethrow(error);
      return refused(error, values);
    }
  };
}

// A form's fields as the schema reads them: each name's first value, as
// formData.get gives it. Its signature is that of a useActionState action.
export function formFields(_prev: ActionState, formData: FormData): Record<string, FormDataEntryValue> {
  const out: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of formArgument(formData).entries()) out[key] ??= value;
  return out;
}

// A text field; missing (or a file in its place) reads as empty, and lib/
// says whether empty is allowed.
export const formText = z.string().catch('');

// The `id` of the row a form acts on.
export const formId = z.unknown().transform((value, ctx) => {
  const id = parseId(value);
  if (id === null) {
    ctx.addIssue({ code: 'custom', message: 'not_found' });
    return z.NEVER;
  }
  return id;
});

// For a form acting on one row: a malformed id is "not found", like a row
// that is gone; any other field is refused with its field error.
export function malformedRowForm(error: z.ZodError): AppError {
  return error.issues.some((issue) => issue.path[0] === 'id') ? new AppError('not_found', 'malformed id') : validationError(fieldErrorsFrom(error));
}
