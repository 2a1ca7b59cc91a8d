'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { getTranslations } from 'next-intl/server';
import { formArgument, type ActionState } from '@/lib/action-result';
import { SecondFactorRequired, signIn } from '@/lib/auth';

// Only a path on this site may follow a login (no open redirect).
function safeNext(value: FormDataEntryValue | null): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/portal';
  return value;
}

// What the login page says for each refusal; anything else is "invalid".
const refusalKeys = ['account_locked', 'address_limited', 'challenge_expired', 'disabled', 'dormant', 'address_not_allowed'] as const;

const field = (formData: FormData, name: string) => String(formData.get(name) ?? '').slice(0, 200);

// Both steps of signing in post here. The password step of an account with a
// second factor answers with the challenge (in this state, never in a URL),
// and the form turns into the code step, which posts the challenge back with
// the code. Neither the password step nor a pending challenge is a session.
export async function login(_prev: ActionState, form: FormData): Promise<ActionState> {
  const formData = formArgument(form);
  const username = field(formData, 'username');
  const challenge = field(formData, 'challenge');
  const redirectTo = safeNext(formData.get('next'));
  const t = await getTranslations('login');
  try {
    if (challenge) await signIn('credentials', { challenge, code: field(formData, 'code'), redirectTo });
    else await signIn('credentials', { username, password: field(formData, 'password'), redirectTo });
  } catch (error) {
    if (error instanceof SecondFactorRequired) return { ok: false, data: { challenge: error.challenge }, values: { username } };
    if (error instanceof AuthError) {
      const code = error instanceof CredentialsSignin ? error.code : 'invalid';
      // A wrong code keeps the code step; anything else starts again at the password.
      if (challenge && code === 'invalid_code') return { ok: false, message: t('invalid_code'), data: { challenge }, values: { username } };
      const key = refusalKeys.find((k) => k === code) ?? 'invalid';
      return { ok: false, message: t(key), values: { username } };
    }
    throw error;
  }
  return { ok: true };
}
