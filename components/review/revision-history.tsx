import { getTranslations } from 'next-intl/server';
import { StoryDiff } from '@/components/desk/story-diff';
import { buttonClass } from '@/components/ui/button';
import { getDateFormat } from '@/lib/i18n/dates';
import type { ActionState } from '@/lib/action-result';
import type { RevisionItem, RevisionText } from '@/lib/stories';
import { RestoreRevisionButton } from './restore-revision-button';

export type RevisionHistoryProps = {
  revisions: RevisionItem[];
  pair: { from: RevisionText; to: RevisionText } | null;
  selected: { from: number; to: number } | null;
  // For who holds the story (docs/live-articles.md): a restore button per
  // revision but the newest.
  restore?: { storyId: number; version: number; isLive: boolean; action: (id: number, version: number, revisionId: number) => Promise<ActionState> } | null;
};

function joined(r: RevisionText): string {
  return [r.title, r.subtitle, r.summary, r.bodyText].filter(Boolean).join('\n\n');
}

// Every revision with its author and time; any two compared. A plain GET
// form, so a comparison is a link an editor can share.
export async function RevisionHistory({ revisions, pair, selected, restore }: RevisionHistoryProps) {
  const [t, tk, tl, { formatDateTime }] = await Promise.all([getTranslations('review'), getTranslations('revisionKinds'), getTranslations('liveArticles.restore'), getDateFormat()]);
  const defaultFrom = selected?.from ?? revisions[1]?.id;
  const defaultTo = selected?.to ?? revisions[0]?.id;
  return (
    <section className="space-y-4" id="history" aria-labelledby="history-title">
      <div className="rounded-lg border border-line bg-white p-4">
        <h2 id="history-title" className="mb-3 text-sm font-semibold">
          {t('history')} <span className="font-normal text-ink-500">({revisions.length})</span>
        </h2>
        {revisions.length < 2 ? (
          <p className="text-sm text-ink-500">{t('historyEmpty')}</p>
        ) : (
          <form method="get" action="#history" className="space-y-3">
            <div className="max-h-80 overflow-auto">
              <table className="w-full text-sm">
                <thead className="sticky top-0 bg-gray-50 text-left text-xs text-ink-500">
                  <tr>
                    <th className="px-2 py-1.5 font-medium">{t('compareFrom')}</th>
                    <th className="px-2 py-1.5 font-medium">{t('compareTo')}</th>
                    <th className="px-2 py-1.5 font-medium">{t('revisionWhen')}</th>
                    <th className="px-2 py-1.5 font-medium">{t('revisionKind')}</th>
                    <th className="px-2 py-1.5 font-medium">{t('revisionAuthor')}</th>
                    <th className="px-2 py-1.5 text-right font-medium">{t('revisionChars')}</th>
                    {restore && <th className="px-2 py-1.5" />}
                  </tr>
                </thead>
                <tbody className="divide-y divide-line">
                  {revisions.map((r, i) => (
                    <tr key={r.id}>
                      <td className="px-2 py-1.5">
                        <input type="radio" name="from" value={r.id} defaultChecked={r.id === defaultFrom} aria-label={`${t('compareFrom')} ${formatDateTime(r.createdAt)}`} />
                      </td>
                      <td className="px-2 py-1.5">
                        <input type="radio" name="to" value={r.id} defaultChecked={r.id === defaultTo} aria-label={`${t('compareTo')} ${formatDateTime(r.createdAt)}`} />
                      </td>
                      <td className="px-2 py-1.5 whitespace-nowrap text-ink-700">{formatDateTime(r.createdAt)}</td>
                      <td className="px-2 py-1.5 whitespace-nowrap">{tk.has(r.kind) ? tk(r.kind) : r.kind}</td>
                      <td className="px-2 py-1.5 whitespace-nowrap">{r.authorName ?? '—'}</td>
                      <td className="px-2 py-1.5 text-right tabular-nums text-ink-500">{r.chars}</td>
                      {restore && (
                        <td className="px-2 py-1 text-right whitespace-nowrap">
                          {i > 0 && (
                            <RestoreRevisionButton
                              storyId={restore.storyId}
                              version={restore.version}
                              revisionId={r.id}
                              isLive={restore.isLive}
                              restore={restore.action}
                              label={tl('label', { at: formatDateTime(r.createdAt) })}
                            />
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button type="submit" className={buttonClass('secondary')} data-testid="compare-revisions">
              {t('compare')}
            </button>
          </form>
        )}
      </div>
      {pair && <StoryDiff before={joined(pair.from)} after={joined(pair.to)} title={t('compareTitle')} />}
    </section>
  );
}
