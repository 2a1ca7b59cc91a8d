'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { Field, TextInput } from '@/components/ui/field';

export type SecrecyConfirmation = { secrecyConfirmed: boolean; unitLeaderName: string };

// 保密审查 at submit, where the site asks for it: the correspondent confirms
// the story carries no secret nor anyone's privacy (涉密不上网) and names the
// leader of their unit who approved it. Both go on the review sheet.
export function SubmitConfirmDialog({
  open,
  onClose,
  onConfirm,
}: {
  open: boolean;
  onClose: () => void;
  // Resolves to field errors and a message, or null when submitted.
  onConfirm: (confirmation: SecrecyConfirmation) => Promise<{ message?: string; fieldErrors?: Record<string, string> } | null>;
}) {
  const t = useTranslations('story.secrecy');
  const [confirmed, setConfirmed] = useState(false);
  const [leader, setLeader] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <Dialog open={open} onClose={onClose} title={t('title')} testId="submit-confirm-dialog">
      <form
        className="space-y-4"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          setPending(true);
          setMessage(null);
          const result = await onConfirm({ secrecyConfirmed: confirmed, unitLeaderName: leader });
          setPending(false);
          setErrors(result?.fieldErrors ?? {});
          setMessage(result?.message ?? null);
        }}
      >
        <p className="text-sm text-ink-700">{t('intro')}</p>
        <div>
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="secrecyConfirmed"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
              className="mt-0.5 size-4 accent-brand-600"
              aria-invalid={errors.secrecyConfirmed ? true : undefined}
              aria-describedby={errors.secrecyConfirmed ? 'secrecyConfirmed-error' : undefined}
              data-testid="secrecy-confirmed"
            />
            <span className="font-medium text-ink-900">{t('statement')}</span>
          </label>
          {errors.secrecyConfirmed && (
            <p id="secrecyConfirmed-error" className="mt-1 text-sm text-red-700" role="alert">
              {errors.secrecyConfirmed}
            </p>
          )}
        </div>
        <Field label={t('leader')} name="unitLeaderName" error={errors.unitLeaderName} hint={t('leaderHint')}>
          <TextInput name="unitLeaderName" value={leader} maxLength={40} onChange={(e) => setLeader(e.target.value)} error={errors.unitLeaderName} data-testid="unit-leader-name" />
        </Field>
        {message && <Alert tone="error">{message}</Alert>}
        <DialogActions cancelLabel={t('cancel')} onCancel={onClose}>
          <Button type="submit" disabled={pending} data-testid="confirm-submit">
            {pending ? t('submitting') : t('submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
