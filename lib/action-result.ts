import 'server-only';
import { randomUUID } from 'node:crypto';
import { unstable_rethrow } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { isAppError } from './errors';
import { logger } from './logger';

// What every server action returns to its form: translated, never a stack.
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  // What the user typed, so a refused form keeps it.
  values?: Record<string, string>;
  // One-time data to show after success (e.g. a generated password).
  data?: Record<string, string>;
};

export const initialActionState: ActionState = { ok: false };

export function formValues(formData: FormData, skip: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !key.startsWith('$') && !skip.includes(key)) out[key] = value;
  }
  return out;
}

// Turns anything thrown by lib/ into a message in the user's language.
// Unknown errors are logged with a reference the user can quote.
export async function toActionState(error: unknown, values?: Record<string, string>): Promise<ActionState> {
  unstable_rethrow(error);
  const t = await getTranslations('errors');
  if (isAppError(error)) {
    const fieldErrors = error.fieldErrors
      ? Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, t.has(`fields.${key}`) ? t(`fields.${key}`) : t('validation')]))
      : undefined;
    const formError = fieldErrors?.form;
    return { ok: false, message: formError ?? t(error.code, error.params ?? {}), fieldErrors, values };
  }
  const ref = randomUUID().slice(0, 8);
  logger.error({ err: error, ref }, 'server action failed');
  return { ok: false, message: `${t('unexpected')} ${t('reference', { ref })}`, values };
}
