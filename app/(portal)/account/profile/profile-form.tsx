'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Field, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import { updateProfileAction } from '../actions';

export type ProfileFormProps = { initial: { displayName: string; email: string; phone: string } };

export function ProfileForm({ initial }: ProfileFormProps) {
  const t = useTranslations('account');
  const tc = useTranslations('common');
  const [state, action] = useActionState<ActionState, FormData>(updateProfileAction, { ok: false });
  const v = state.values ?? initial;
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message && <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>}
      <Field label={t('displayName')} name="displayName" error={e.displayName} hint={t('displayNameHint')}>
        <TextInput name="displayName" required maxLength={40} defaultValue={v.displayName} error={e.displayName} key={`dn-${v.displayName}`} />
      </Field>
      <Field label={t('email')} name="email" error={e.email}>
        <TextInput name="email" type="email" maxLength={120} defaultValue={v.email} error={e.email} key={`em-${v.email}`} />
      </Field>
      <Field label={t('phone')} name="phone" error={e.phone}>
        <TextInput name="phone" type="tel" maxLength={40} defaultValue={v.phone} error={e.phone} key={`ph-${v.phone}`} />
      </Field>
      <SubmitButton pendingLabel={tc('saving')}>{t('saveProfile')}</SubmitButton>
    </form>
  );
}
