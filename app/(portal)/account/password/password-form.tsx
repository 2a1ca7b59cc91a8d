'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Field, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import { changePasswordAction } from '../actions';

export function PasswordForm() {
  const t = useTranslations('account');
  const tc = useTranslations('common');
  const [state, action] = useActionState<ActionState, FormData>(changePasswordAction, { ok: false });
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message && !state.ok && <Alert tone="error">{state.message}</Alert>}
      <Field label={t('currentPassword')} name="currentPassword" error={e.currentPassword}>
        <TextInput name="currentPassword" type="password" autoComplete="current-password" required error={e.currentPassword} />
      </Field>
      <Field label={t('newPassword')} name="newPassword" error={e.newPassword} hint={t('passwordHint')}>
        <TextInput name="newPassword" type="password" autoComplete="new-password" required minLength={10} error={e.newPassword} />
      </Field>
      <Field label={t('confirmPassword')} name="confirmPassword" error={e.confirmPassword}>
        <TextInput name="confirmPassword" type="password" autoComplete="new-password" required error={e.confirmPassword} />
      </Field>
      <SubmitButton pendingLabel={tc('saving')}>{t('savePassword')}</SubmitButton>
    </form>
  );
}
