'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { getTranslations } from 'next-intl/server';
import { formArgument, type ActionState } from '@/lib/action-result';
import { signIn } from '@/lib/auth';

// Only a path on this site may follow a login (no open redirect).
function safeNext(value: FormDataEntryValue | null): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/portal';
  return value;
}

export async function login(_prev: ActionState, form: FormData): Promise<ActionState> {
  const formData = formArgument(form);
  const username = String(formData.get('username') ?? '').slice(0, 200);
  const password = String(formData.get('password') ?? '').slice(0, 200);
  const t = await getTranslations('login');
  try {
    await signIn('credentials', { username, password, redirectTo: safeNext(formData.get('next')) });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = error instanceof CredentialsSignin ? error.code : 'invalid';
      const key = code === 'account_locked' || code === 'address_limited' ? code : 'invalid';
      return { ok: false, message: t(key), values: { username } };
    }
    throw error;
  }
  return { ok: true };
}
