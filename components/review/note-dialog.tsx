'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { inputClass } from '@/components/ui/field';

export type NoteDialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  label: string;
  hint: string;
  confirmLabel: string;
  danger?: boolean;
  // An opinion that may be left empty (an approval where the stage asks none).
  optional?: boolean;
  testId: string;
  // Resolves to an error message, or null when done.
  onConfirm: (note: string) => Promise<string | null>;
};

// Return, reject and unpublish all need a note the correspondent will read.
export function NoteDialog({ open, onClose, title, label, hint, confirmLabel, danger, optional, testId, onConfirm }: NoteDialogProps) {
  const t = useTranslations('review');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <Dialog open={open} onClose={onClose} title={title} testId={testId}>
      <form
        className="space-y-3"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!optional && !note.trim()) {
            setError(t('noteRequired'));
            return;
          }
          setPending(true);
          setError(null);
          const message = await onConfirm(note);
          setPending(false);
          if (message) setError(message);
          else setNote('');
        }}
      >
        <label htmlFor={`${testId}-note`} className="block text-sm font-medium text-ink-700">
          {label}
        </label>
        <textarea id={`${testId}-note`} name="note" rows={5} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} className={inputClass} required={!optional} aria-describedby={`${testId}-hint`} />
        <p id={`${testId}-hint`} className="text-xs text-ink-500">
          {hint}
        </p>
        {error && <Alert tone="error">{error}</Alert>}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button type="submit" variant={danger ? 'danger' : 'primary'} disabled={pending}>
            {pending ? t('working') : confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
