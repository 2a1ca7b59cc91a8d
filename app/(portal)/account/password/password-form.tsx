'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Field, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import { changePasswordAction } from '../actions';

// The site's rules (lib/security/account-policy.ts), listed under the new
// password's field as the server will check them.
export function PasswordForm({ minLength, rulesIntro, rules }: { minLength: number; rulesIntro: string; rules: string[] }) {
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
      <Field label={t('newPassword')} name="newPassword" error={e.newPassword}>
        <TextInput name="newPassword" type="password" autoComplete="new-password" required minLength={minLength} error={e.newPassword} />
      </Field>
      <div className="-mt-2 text-xs text-ink-500" data-testid="password-rules">
        <p>{rulesIntro}</p>
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </div>
      <Field label={t('confirmPassword')} name="confirmPassword" error={e.confirmPassword}>
        <TextInput name="confirmPassword" type="password" autoComplete="new-password" required error={e.confirmPassword} />
      </Field>
      <SubmitButton pendingLabel={tc('saving')}>{t('savePassword')}</SubmitButton>
    </form>
  );
}
