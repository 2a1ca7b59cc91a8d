'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, TextInput } from '@/components/ui/field';
import { useSiteTimeZone } from '@/lib/i18n/dates';

export type ExpiryDialogProps = {
  open: boolean;
  onClose: () => void;
  // datetime-local in the site's zone; empty when none is set.
  value: string;
  // What is set now, formatted, or null.
  current: string | null;
  onConfirm: (unpublishAt: string) => Promise<{ message?: string; fieldErrors?: Record<string, string> } | null>;
};

// 到期撤下 of a published story: set, changed or removed.
export function ExpiryDialog({ open, onClose, value, current, onConfirm }: ExpiryDialogProps) {
  const t = useTranslations('liveArticles.review');
  const tReview = useTranslations('review');
  const timeZone = useSiteTimeZone();
  const [at, setAt] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const send = async (next: string) => {
    setPending(true);
    setError(null);
    const result = await onConfirm(next);
    setPending(false);
    setError(result ? (result.fieldErrors?.unpublishAt ?? result.message ?? tReview('failed')) : null);
  };
  return (
    <Dialog open={open} onClose={onClose} title={t('expiry')} testId="expiry-dialog">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void send(at);
        }}
      >
        <p className="text-sm text-ink-700" data-testid="expiry-current">
          {current ? t('expirySet', { at: current }) : t('expiryNone')}
        </p>
        <Field label={t('expiryAt')} name="unpublishAt" error={error ?? undefined} hint={t('expiryHint', { timeZone })}>
          <TextInput name="unpublishAt" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} error={error ?? undefined} required data-testid="expiry-input" />
        </Field>
        <div className="flex flex-wrap justify-end gap-2 border-t border-line pt-3">
          {current && (
            <Button variant="secondary" onClick={() => void send('')} disabled={pending} data-testid="clear-expiry">
              {t('expiryClear')}
            </Button>
          )}
          <Button variant="ghost" onClick={onClose}>
            {tReview('cancel')}
          </Button>
          <Button type="submit" disabled={pending} data-testid="confirm-expiry">
            {pending ? tReview('working') : t('expirySave')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
