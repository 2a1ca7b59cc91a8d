'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Field, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import type { FormAction } from './types';

export type SettingsTestMailFormProps = { action: FormAction; defaultTo: string };

// Sends one message with the saved SMTP settings to an address the
// administrator chooses (their own, if their account has one).
export function SettingsTestMailForm({ action, defaultTo }: SettingsTestMailFormProps) {
  const t = useTranslations('admin.settings.smtp');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  const to = state.values?.testTo ?? defaultTo;
  const error = state.fieldErrors?.testTo;
  return (
    <form action={formAction} className="space-y-3" noValidate data-testid="settings-test-mail-form">
      {state.ok && state.message && <Alert tone="success">{state.message}</Alert>}
      {!state.ok && state.message && !error && <Alert tone="error">{state.message}</Alert>}
      <Field label={t('testTo')} name="testTo" error={error} hint={t('testHint')}>
        <div className="flex flex-col gap-2 sm:flex-row">
          <TextInput name="testTo" type="email" maxLength={200} autoComplete="email" defaultValue={to} error={error} key={`to-${to}`} />
          <SubmitButton variant="secondary" pendingLabel={t('testSending')} className="shrink-0">
            {t('testSend')}
          </SubmitButton>
        </div>
      </Field>
    </form>
  );
}
