'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import type { ActionState } from '@/lib/action-result';
import { useWorkingVersion } from './working-version';

export type RestoreRevisionButtonProps = {
  storyId: number;
  // The page's version; the editor's, when there is one, wins.
  version: number;
  revisionId: number;
  label: string;
  // A published story: the restored text becomes the pending revision.
  isLive: boolean;
  restore: (id: number, version: number, revisionId: number) => Promise<ActionState>;
};

// 恢复: an earlier revision back into the editor, after a confirmation.
export function RestoreRevisionButton({ storyId, version, revisionId, label, isLive, restore }: RestoreRevisionButtonProps) {
  const t = useTranslations('liveArticles.restore');
  const tReview = useTranslations('review');
  const router = useRouter();
  const currentVersion = useWorkingVersion(version);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const confirm = () =>
    start(async () => {
      setError(null);
      const at = await currentVersion();
      if (at === null) return setError(tReview('saveFirst'));
      const state = await restore(storyId, at, revisionId);
      if (!state.ok) return setError(state.message ?? tReview('failed'));
      setOpen(false);
      router.refresh();
    });
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="rounded px-2 py-0.5 text-brand-700 hover:bg-brand-50 hover:underline" aria-label={label} data-testid={`restore-revision-${revisionId}`}>
        {t('button')}
      </button>
      {/* Mounted only while open: a history has one button per revision. */}
      {open && (
      <Dialog open onClose={() => setOpen(false)} title={t('title')} testId="restore-dialog">
        <div className="space-y-3 text-sm">
          <p>{t('confirm')}</p>
          {isLive && <Alert tone="info">{t('confirmLive')}</Alert>}
          {error && <Alert tone="error">{error}</Alert>}
          <DialogActions cancelLabel={tReview('cancel')} onCancel={() => setOpen(false)}>
            <Button onClick={confirm} disabled={pending} data-testid="confirm-restore">
              {pending ? tReview('working') : t('confirmButton')}
            </Button>
          </DialogActions>
        </div>
      </Dialog>
      )}
    </>
  );
}
