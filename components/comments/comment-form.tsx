'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

type Audience = 'desk' | 'owner';

export type CommentFormProps = {
  storyId: number;
  canWriteInternal: boolean;
  onAdd: (id: number, body: string, internal: boolean) => Promise<{ ok: boolean; message?: string }>;
};

export function CommentForm({ storyId, canWriteInternal, onAdd }: CommentFormProps) {
  const t = useTranslations('comments');
  const router = useRouter();
  const [body, setBody] = useState('');
  // On the desk a note stays among editors unless the editor chooses otherwise,
  // for this one comment: the choice goes back to editors-only after each send.
  const [audience, setAudience] = useState<Audience>('desk');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const hintId = useId();
  const isInternal = canWriteInternal && audience === 'desk';
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
          const result = await onAdd(storyId, body, isInternal);
          if (!result.ok) setError(result.message ?? '');
          else {
            setBody('');
            setAudience('desk');
            setError(null);
            router.refresh();
          }
        });
      }}
    >
      <label htmlFor="comment-body" className="sr-only">
        {t('placeholder')}
      </label>
      <textarea id="comment-body" rows={3} maxLength={2000} value={body} onChange={(e) => setBody(e.target.value)} placeholder={t('placeholder')} aria-describedby={hintId} className={inputClass} />
      {canWriteInternal && (
        <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-ink-700">
          <legend className="float-left mr-2 font-medium text-ink-900">{t('audience')}</legend>
          {(['desk', 'owner'] as const).map((value) => (
            <label key={value} className="flex items-center gap-1.5">
              <input type="radio" name="audience" value={value} checked={audience === value} onChange={() => setAudience(value)} />
              {t(value === 'desk' ? 'audienceDesk' : 'audienceOwner')}
            </label>
          ))}
        </fieldset>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p id={hintId} className={`text-xs ${isInternal ? 'text-amber-800' : 'text-ink-500'}`} data-testid="comment-audience" aria-live="polite">
          {!canWriteInternal ? t('visibleToDesk') : isInternal ? t('readByDesk') : t('readByOwner')}
        </p>
        <Button type="submit" variant="secondary" disabled={pending} data-testid="add-comment">
          {pending ? t('sending') : !canWriteInternal ? t('send') : isInternal ? t('sendInternal') : t('sendToOwner')}
        </Button>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
    </form>
  );
}
