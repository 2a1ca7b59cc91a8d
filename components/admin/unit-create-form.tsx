'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Field, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import type { FormAction } from './types';

export function UnitCreateForm({ action }: { action: FormAction }) {
  const t = useTranslations('admin.units');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  // After a success the fields start empty again; after a refusal they keep what was typed.
  const v = state.ok ? {} : (state.values ?? {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate data-testid="unit-create-form">
      {state.message && <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>}
      <Field label={t('name')} name="new-unit-name" error={e.name}>
        <TextInput id="new-unit-name" name="name" required maxLength={60} defaultValue={v.name ?? ''} error={e.name} aria-describedby={e.name ? 'new-unit-name-error' : undefined} key={`n-${v.name ?? ''}`} />
      </Field>
      <Field label={t('description')} name="new-unit-description" error={e.description} hint={t('addHint')}>
        <TextInput
          id="new-unit-description"
          name="description"
          maxLength={200}
          placeholder={t('optional')}
          defaultValue={v.description ?? ''}
          error={e.description}
          aria-describedby={e.description ? 'new-unit-description-error' : undefined}
          key={`d-${v.description ?? ''}`}
        />
      </Field>
      <SubmitButton pendingLabel={t('adding')}>{t('add')}</SubmitButton>
    </form>
  );
}
