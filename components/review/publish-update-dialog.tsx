'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { WordOverrideField } from './word-override-field';
import { Field, inputClass } from '@/components/ui/field';

export type PublishUpdateDialogProps = {
  open: boolean;
  onClose: () => void;
  // Resolves to null when published, else the message and field errors.
  onConfirm: (input: { kind: 'correction' | 'minor'; note: string; wordOverrideReason?: string }) => Promise<{ message?: string; fieldErrors?: Record<string, string> } | null>;
};

// 发布更新: a live story's pending revision goes out, with a correction note
// for readers or marked minor.
export function PublishUpdateDialog({ open, onClose, onConfirm }: PublishUpdateDialogProps) {
  const t = useTranslations('liveArticles.review');
  const tReview = useTranslations('review');
  const [kind, setKind] = useState<'correction' | 'minor'>('correction');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Shown once the server finds forbidden words in the update, as at a sign-off.
  const [needsOverride, setNeedsOverride] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  return (
    <Dialog open={open} onClose={onClose} title={t('updateTitle')} testId="publish-update-dialog">
      <form
        className="space-y-4"
        onSubmit={async (event) => {
          event.preventDefault();
          setPending(true);
          setMessage(null);
          const result = await onConfirm({ kind, note: kind === 'correction' ? note : '', ...(needsOverride ? { wordOverrideReason: overrideReason } : {}) });
          setPending(false);
          setErrors(result?.fieldErrors ?? {});
          if (result?.fieldErrors?.wordOverrideReason) setNeedsOverride(true);
          // A field's error shows beside it; anything else (nothing pending, a conflict) above the buttons.
          setMessage(result?.fieldErrors?.note || result?.fieldErrors?.wordOverrideReason ? null : (result?.message ?? null));
        }}
      >
        <p className="text-sm text-ink-700">{t('updateIntro')}</p>
        <fieldset className="space-y-2">
          {(['correction', 'minor'] as const).map((value) => (
            <label key={value} className={`flex items-start gap-2 rounded-md border p-3 text-sm ${kind === value ? 'border-brand-600 bg-brand-50/40' : 'border-line'}`}>
              <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} className="mt-1" data-testid={`update-kind-${value}`} />
              <span>
                <span className="font-medium text-ink-900">{value === 'correction' ? t('kindCorrection') : t('kindMinor')}</span>
                <span className="block text-xs text-ink-500">{value === 'correction' ? t('kindCorrectionHint') : t('kindMinorHint')}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {kind === 'correction' && (
          <Field label={t('note')} name="note" error={errors.note} hint={t('noteHint')}>
            <textarea
              id="note"
              name="note"
              rows={3}
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-required
              aria-invalid={errors.note ? true : undefined}
              className={inputClass}
              data-testid="correction-note"
            />
          </Field>
        )}
        {needsOverride && (
          <WordOverrideField value={overrideReason} onChange={setOverrideReason} error={errors.wordOverrideReason} testId="update-word-override-reason" />
        )}
        {message && <Alert tone="error">{message}</Alert>}
        <DialogActions cancelLabel={tReview('cancel')} onCancel={onClose}>
          <Button type="submit" disabled={pending} data-testid="confirm-publish-update">
            {pending ? tReview('working') : t('confirmUpdate')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
