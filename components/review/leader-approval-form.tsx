'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Field, inputClass, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';

export type LeaderApprovalFormProps = {
  // Bound to the story and the version the page showed.
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  // The leader the correspondent named, as a start.
  leaderName: string;
  limits: { leaderName: number; note: number };
};

// 代录: the editor records a unit leader's approval given by phone or on
// paper, in the leader's name, with a note of how it came.
export function LeaderApprovalForm({ action, leaderName, limits }: LeaderApprovalFormProps) {
  const t = useTranslations('review.sheet.leaderForm');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  // After a refusal the fields keep what was typed; after a success, what was recorded.
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  const fieldKey = JSON.stringify(v);
  return (
    <section className="mx-auto w-full max-w-[210mm] rounded-lg border border-line bg-white p-4 sm:p-5 print:hidden" data-testid="leader-approval">
      <h2 className="text-base font-semibold">{t('title')}</h2>
      <p className="mt-1 text-sm text-ink-500">{t('intro')}</p>
      <form action={formAction} className="mt-4 grid gap-4 sm:grid-cols-[14rem_1fr]" noValidate>
        {state.message && (
          <div className="sm:col-span-2">
            <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>
          </div>
        )}
        <Field label={t('leaderName')} name="leader-name" error={e.leaderName}>
          <TextInput id="leader-name" name="leaderName" required maxLength={limits.leaderName} defaultValue={v.leaderName ?? leaderName} error={e.leaderName} aria-describedby={e.leaderName ? 'leader-name-error' : undefined} key={`n-${fieldKey}`} />
        </Field>
        <Field label={t('note')} name="leader-note" error={e.note} hint={t('noteHint')}>
          <textarea
            id="leader-note"
            name="note"
            rows={2}
            required
            maxLength={limits.note}
            defaultValue={v.note ?? ''}
            aria-invalid={e.note ? true : undefined}
            aria-describedby={e.note ? 'leader-note-error' : undefined}
            className={inputClass}
            key={`o-${fieldKey}`}
          />
        </Field>
        <div className="sm:col-span-2">
          <SubmitButton pendingLabel={t('submitting')}>{t('submit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
