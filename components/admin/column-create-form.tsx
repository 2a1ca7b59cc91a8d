'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Field, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import type { FormAction } from './types';

export function ColumnCreateForm({ action }: { action: FormAction }) {
  const t = useTranslations('admin.columns');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  // After a success the fields start empty again; after a refusal they keep what was typed.
  const v = state.ok ? {} : (state.values ?? {});
  const e = state.fieldErrors ?? {};
  const hasFieldError = Boolean(e.name || e.slug || e.description);
  return (
    <form action={formAction} className="space-y-4" noValidate data-testid="column-create-form">
      {state.message && (state.ok || !hasFieldError) && <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>}
      <Field label={t('name')} name="new-column-name" error={e.name}>
        <TextInput id="new-column-name" name="name" required maxLength={30} defaultValue={v.name ?? ''} error={e.name} aria-describedby={e.name ? 'new-column-name-error' : undefined} key={`n-${v.name ?? ''}`} />
      </Field>
      <Field label={t('slug')} name="new-column-slug" error={e.slug} hint={t('slugHint')}>
        <TextInput
          id="new-column-slug"
          name="slug"
          required
          maxLength={63}
          placeholder="fzyw"
          autoCapitalize="none"
          spellCheck={false}
          defaultValue={v.slug ?? ''}
          error={e.slug}
          aria-describedby={e.slug ? 'new-column-slug-error' : undefined}
          key={`s-${v.slug ?? ''}`}
        />
      </Field>
      <Field label={t('description')} name="new-column-description" error={e.description} hint={t('addHint')}>
        <TextInput
          id="new-column-description"
          name="description"
          maxLength={200}
          placeholder={t('optional')}
          defaultValue={v.description ?? ''}
          error={e.description}
          aria-describedby={e.description ? 'new-column-description-error' : undefined}
          key={`d-${v.description ?? ''}`}
        />
      </Field>
      <SubmitButton pendingLabel={t('adding')}>{t('add')}</SubmitButton>
    </form>
  );
}
