'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/components/admin/types';
import { Alert } from '@/components/ui/alert';
import { Field, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import { RecoveryCodes } from './recovery-codes';

// The forms of /account/two-factor. Their actions come from the page.

export function TwoFactorStartForm({ action, label, variant = 'primary' }: { action: FormAction; label: string; variant?: 'primary' | 'ghost' }) {
  const t = useTranslations('twoFactor');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  return (
    <form action={formAction} className="space-y-3">
      {state.message && !state.ok && <Alert tone="error">{state.message}</Alert>}
      <SubmitButton variant={variant} pendingLabel={t('working')}>
        {label}
      </SubmitButton>
    </form>
  );
}

export type TwoFactorCodeFormProps = { action: FormAction; submitLabel: string; continueHref: string; testId: string };

// A code from the app, answered by a fresh set of recovery codes (turning
// two-factor on, or replacing the codes), which then take the form's place.
export function TwoFactorCodeForm({ action, submitLabel, continueHref, testId }: TwoFactorCodeFormProps) {
  const t = useTranslations('twoFactor');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  const codes = state.ok ? state.data?.recoveryCodes?.split(' ') : undefined;
  if (codes) {
    return (
      <div className="space-y-4">
        {state.message && <Alert tone="success">{state.message}</Alert>}
        <RecoveryCodes codes={codes} continueHref={continueHref} />
      </div>
    );
  }
  const error = state.fieldErrors?.code;
  return (
    <form action={formAction} className="space-y-3" noValidate data-testid={testId}>
      {state.message && !error && <Alert tone="error">{state.message}</Alert>}
      <Field label={t('code')} name="code" error={error} hint={t('codeHint')}>
        <TextInput
          name="code"
          required
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={10}
          placeholder="123456"
          className="max-w-48 font-mono text-base tracking-widest"
          error={error}
        />
      </Field>
      <SubmitButton pendingLabel={t('working')}>{submitLabel}</SubmitButton>
    </form>
  );
}

// Turning two-factor off: the current password or a code from the app.
export function TwoFactorDisableForm({ action }: { action: FormAction }) {
  const t = useTranslations('twoFactor');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  const error = state.fieldErrors?.credential;
  return (
    <form
      action={formAction}
      className="space-y-3"
      noValidate
      data-testid="two-factor-disable"
      onSubmit={(event) => {
        if (!window.confirm(t('disableConfirm'))) event.preventDefault();
      }}
    >
      {state.message && !error && <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>}
      <Field label={t('disableCredential')} name="credential" error={error} hint={t('disableCredentialHint')}>
        <TextInput name="credential" type="password" required autoComplete="current-password" className="max-w-sm" error={error} />
      </Field>
      <SubmitButton variant="danger" pendingLabel={t('working')}>
        {t('disable')}
      </SubmitButton>
    </form>
  );
}
