import { getTranslations } from 'next-intl/server';
import type { CommentItem } from '@/lib/stories';
import { getDateFormat } from '@/lib/i18n/dates';
import { CommentForm } from './comment-form';

export type CommentThreadProps = {
  storyId: number;
  comments: CommentItem[];
  // Editors may mark a comment internal; correspondents always write visibly.
  canWriteInternal: boolean;
  canWrite: boolean;
  onAdd: (id: number, body: string, internal: boolean) => Promise<{ ok: boolean; message?: string }>;
};

export async function CommentThread({ storyId, comments, canWriteInternal, canWrite, onAdd }: CommentThreadProps) {
  const [t, { formatDateTime }] = await Promise.all([getTranslations('comments'), getDateFormat()]);
  return (
    <section className="rounded-lg border border-line bg-white p-4" data-testid="comment-thread" aria-labelledby="comments-title">
      <h2 id="comments-title" className="mb-3 text-sm font-semibold">
        {t('title')} <span className="font-normal text-ink-500">({comments.length})</span>
      </h2>
      {comments.length === 0 ? (
        <p className="text-sm text-ink-500">{t('empty')}</p>
      ) : (
        <ol className="space-y-3">
          {comments.map((c) => (
            <li key={c.id} className={`rounded-md border px-3 py-2 text-sm ${c.isInternal ? 'border-amber-200 bg-amber-50' : 'border-line bg-gray-50'}`} data-testid="comment">
              <p className="flex flex-wrap items-center gap-x-2 text-xs text-ink-500">
                <span className="font-medium text-ink-900">{c.authorName ?? t('someone')}</span>
                <span>{formatDateTime(c.createdAt)}</span>
                {c.isInternal ? <span className="rounded bg-amber-200 px-1.5 text-amber-900">{t('internal')}</span> : canWriteInternal && <span className="rounded bg-sky-100 px-1.5 text-sky-900">{t('visible')}</span>}
              </p>
              <p className="mt-1 whitespace-pre-wrap text-ink-900">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canWrite && <CommentForm storyId={storyId} canWriteInternal={canWriteInternal} onAdd={onAdd} />}
    </section>
  );
}
