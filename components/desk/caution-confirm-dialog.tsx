'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';

// Caution words or personal information found at submit: the server's message
// names them field by field; submitting again acknowledges them for this
// version of the story only (an edit is checked afresh).
export function CautionConfirmDialog({ message, onClose, onConfirm }: { message: string | null; onClose: () => void; onConfirm: () => Promise<void> }) {
  const t = useTranslations('story.words');
  const [pending, setPending] = useState(false);
  return (
    <Dialog open={message !== null} onClose={onClose} title={t('cautionTitle')} testId="caution-confirm-dialog">
      <div className="space-y-4">
        <p className="text-sm text-ink-700">{t('cautionIntro')}</p>
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm break-words text-amber-900" data-testid="caution-words">
          {message}
        </p>
        <DialogActions cancelLabel={t('cancel')} onCancel={onClose}>
          <Button
            disabled={pending}
            data-testid="confirm-caution"
            onClick={async () => {
              setPending(true);
              await onConfirm();
              setPending(false);
            }}
          >
            {pending ? t('submitting') : t('cautionConfirm')}
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
