'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Field, TextInput } from '@/components/ui/field';
import { ConfirmSubmitButton } from '@/components/ui/confirm-submit-button';
import type { ActionState } from '@/lib/action-result';
import { OneTimePassword } from './one-time-password';
import type { FormAction } from './types';

export type UserResetPasswordFormProps = { action: FormAction; userId: number };

export function UserResetPasswordForm({ action, userId }: UserResetPasswordFormProps) {
  const t = useTranslations('admin.users');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  const generated = state.ok ? state.data?.generatedPassword : undefined;
  const error = state.fieldErrors?.password;
  return (
    <form action={formAction} className="space-y-3" noValidate data-testid="user-reset-password-form">
      {state.message && !error && <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>}
      {generated && <OneTimePassword label={t('generatedPassword')} value={generated} />}
      <input type="hidden" name="id" value={userId} />
      <Field label={t('resetPasswordLabel')} name="password" error={error} hint={t('resetHint')}>
        <TextInput name="password" type="text" maxLength={128} autoComplete="off" autoCapitalize="none" spellCheck={false} className="font-mono" error={error} />
      </Field>
      {/* A reset signs the user out at once: asked first. */}
      <ConfirmSubmitButton
        variant="secondary"
        pendingLabel={t('resetting')}
        title={t('resetAsk')}
        message={t('resetHint')}
        confirmLabel={t('resetPassword')}
        cancelLabel={t('cancel')}
        testId="reset-password"
      >
        {t('resetPassword')}
      </ConfirmSubmitButton>
    </form>
  );
}
