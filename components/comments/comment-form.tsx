'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

export function CommentForm({ storyId, canWriteInternal, onAdd }: { storyId: number; canWriteInternal: boolean; onAdd: (id: number, body: string, internal: boolean) => Promise<{ ok: boolean; message?: string }> }) {
  const t = useTranslations('comments');
  const router = useRouter();
  const [body, setBody] = useState('');
  // Internal by default on the desk: a note to the correspondent is a deliberate choice.
  const [internal, setInternal] = useState(canWriteInternal);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="mt-4 space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!body.trim()) {
          setError(t('required'));
          return;
        }
        start(async () => {
          const result = await onAdd(storyId, body, canWriteInternal && internal);
          if (!result.ok) setError(result.message ?? '');
          else {
            setBody('');
            setError(null);
            router.refresh();
          }
        });
      }}
    >
      <label htmlFor="comment-body" className="sr-only">
        {t('placeholder')}
      </label>
      <textarea id="comment-body" rows={3} maxLength={2000} value={body} onChange={(e) => setBody(e.target.value)} placeholder={t('placeholder')} className={inputClass} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        {canWriteInternal ? (
          <label className="flex items-center gap-2 text-sm text-ink-700">
            <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} name="internal" />
            {t('internalLabel')}
          </label>
        ) : (
          <span className="text-xs text-ink-500">{t('visibleToDesk')}</span>
        )}
        <Button type="submit" variant="secondary" disabled={pending} data-testid="add-comment">
          {pending ? t('sending') : t('send')}
        </Button>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
    </form>
  );
}
