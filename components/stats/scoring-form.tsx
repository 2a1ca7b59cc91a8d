'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Field, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';

export type ScoringFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  rules: { pointsPerStory: number; headlineBonus: number };
  columns: { id: number; name: string; weight: number }[];
};

// 积分规则: base points, the headline bonus, a weight per column.
export function ScoringForm({ action, rules, columns }: ScoringFormProps) {
  const t = useTranslations('stats.scoring');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  // A refused form keeps what was typed; a saved one shows what was saved.
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  const value = (name: string, saved: number) => v[name] ?? String(saved);
  return (
    <form action={formAction} className="space-y-5" noValidate data-testid="scoring-form">
      {state.message && <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('pointsPerStory')} name="pointsPerStory" error={e.pointsPerStory} hint={t('pointsPerStoryHint')}>
          <TextInput name="pointsPerStory" inputMode="decimal" defaultValue={value('pointsPerStory', rules.pointsPerStory)} error={e.pointsPerStory} key={`p-${v.pointsPerStory}`} />
        </Field>
        <Field label={t('headlineBonus')} name="headlineBonus" error={e.headlineBonus} hint={t('headlineBonusHint')}>
          <TextInput name="headlineBonus" inputMode="decimal" defaultValue={value('headlineBonus', rules.headlineBonus)} error={e.headlineBonus} key={`h-${v.headlineBonus}`} />
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-ink-700">{t('weights')}</legend>
        <p className="mb-3 text-xs text-ink-500">{t('weightsHint')}</p>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {columns.map((column) => {
            const name = `weight-${column.id}`;
            return (
              <Field key={column.id} label={column.name} name={name} error={e[name]}>
                <TextInput name={name} inputMode="decimal" defaultValue={value(name, column.weight)} error={e[name]} key={`${name}-${v[name]}`} />
              </Field>
            );
          })}
        </div>
      </fieldset>
      <SubmitButton pendingLabel={t('save')}>{t('save')}</SubmitButton>
    </form>
  );
}
