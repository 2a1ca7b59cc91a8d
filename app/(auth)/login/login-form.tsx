'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Field, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import { login } from './actions';

export function LoginForm({ next }: { next?: string }) {
  const t = useTranslations('login');
  const [state, action] = useActionState<ActionState, FormData>(login, { ok: false });
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <input type="hidden" name="next" value={next ?? ''} />
      <Field label={t('username')} name="username">
        <TextInput name="username" autoComplete="username" required autoFocus defaultValue={state.values?.username ?? ''} autoCapitalize="none" spellCheck={false} />
      </Field>
      <Field label={t('password')} name="password">
        <TextInput name="password" type="password" autoComplete="current-password" required />
      </Field>
      <SubmitButton className="w-full py-2.5" pendingLabel={t('submitting')}>
        {t('submit')}
      </SubmitButton>
    </form>
  );
}
