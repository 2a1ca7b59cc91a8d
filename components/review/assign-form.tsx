'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Field, Select, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';

export type AssignFormProps = {
  // Bound to the story and the stage the page showed.
  assign: (state: ActionState, formData: FormData) => Promise<ActionState>;
  unassign: () => Promise<ActionState>;
  colleagues: { id: number; displayName: string }[];
  current: { assigneeId: number | null; dueAt: string };
  // The due time's label names the site's zone.
  dueLabel: string;
};

// 指派 / 改派 / 取消指派 at the story's stage: a colleague who may act there,
// and optionally until when (in the site's zone).
export function AssignForm({ assign, unassign, colleagues, current, dueLabel }: AssignFormProps) {
  const t = useTranslations('reviewDeadlines.assignment');
  const [state, formAction] = useActionState<ActionState, FormData>(assign, { ok: false });
  const [unassigned, unassignAction] = useActionState<ActionState, FormData>(() => unassign(), { ok: false });
  // After a refusal the fields keep what was typed.
  const v = state.ok ? {} : (state.values ?? {});
  const e = state.ok ? {} : (state.fieldErrors ?? {});
  const fieldKey = JSON.stringify([v, current]);
  const message = [state, unassigned].find((s) => s.message);
  return (
    <div className="space-y-3" data-testid="assign-form">
      {message?.message && <Alert tone={message.ok ? 'success' : 'error'}>{message.message}</Alert>}
      <form action={formAction} className="space-y-3" noValidate>
        <Field label={t('colleague')} name="assign-colleague" error={e.assigneeId}>
          <Select id="assign-colleague" name="assigneeId" defaultValue={v.assigneeId ?? (current.assigneeId ? String(current.assigneeId) : '')} error={e.assigneeId} key={`a-${fieldKey}`} aria-describedby={e.assigneeId ? 'assign-colleague-error' : undefined}>
            <option value="">{t('choose')}</option>
            {colleagues.map((c) => (
              <option key={c.id} value={c.id}>
                {c.displayName}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={dueLabel} name="assign-due" error={e.dueAt} hint={t('dueHint')}>
          <TextInput id="assign-due" name="dueAt" type="datetime-local" defaultValue={v.dueAt ?? current.dueAt} error={e.dueAt} key={`d-${fieldKey}`} aria-describedby={e.dueAt ? 'assign-due-error' : undefined} />
        </Field>
        <SubmitButton pendingLabel={t('saving')}>{current.assigneeId ? t('reassign') : t('assign')}</SubmitButton>
      </form>
      {current.assigneeId && (
        <form action={unassignAction}>
          <SubmitButton variant="ghost" pendingLabel={t('saving')}>
            {t('unassign')}
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
