'use client';

import { useActionState, useState, type ChangeEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Field, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import { changePasswordAction } from '../actions';

type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';

// The site's rules (lib/security/account-policy.ts), listed under the new
// password's field as the server will check them.
export function PasswordForm({ minLength, rulesIntro, rules }: { minLength: number; rulesIntro: string; rules: string[] }) {
  const t = useTranslations('account');
  const tc = useTranslations('common');
  // Held here, not in the page's form state: a refusal keeps every field it
  // did not object to (and never sends a password back from the server).
  const [values, setValues] = useState<Record<PasswordField, string>>({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const [state, action] = useActionState<ActionState, FormData>(async (previous, formData) => {
    const next = await changePasswordAction(previous, formData);
    const refused = next.fieldErrors ?? {};
    setValues((v) => ({
      currentPassword: refused.currentPassword ? '' : v.currentPassword,
      newPassword: refused.newPassword ? '' : v.newPassword,
      // The confirmation repeats the new password: it goes when that does.
      confirmPassword: refused.newPassword || refused.confirmPassword ? '' : v.confirmPassword,
    }));
    return next;
  }, { ok: false });
  const e = state.fieldErrors ?? {};
  const bind = (name: PasswordField) => ({ name, value: values[name], onChange: (event: ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [name]: event.target.value })) });
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message && !state.ok && <Alert tone="error">{state.message}</Alert>}
      <Field label={t('currentPassword')} name="currentPassword" error={e.currentPassword}>
        <TextInput {...bind('currentPassword')} type="password" autoComplete="current-password" required error={e.currentPassword} />
      </Field>
      <Field label={t('newPassword')} name="newPassword" error={e.newPassword}>
        <TextInput {...bind('newPassword')} type="password" autoComplete="new-password" required minLength={minLength} error={e.newPassword} />
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
        <TextInput {...bind('confirmPassword')} type="password" autoComplete="new-password" required error={e.confirmPassword} />
      </Field>
      <SubmitButton pendingLabel={tc('saving')}>{t('savePassword')}</SubmitButton>
    </form>
  );
}
