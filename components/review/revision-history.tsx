import { getTranslations } from 'next-intl/server';
import { StoryDiff } from '@/components/desk/story-diff';
import { buttonClass } from '@/components/ui/button';
import { DataTable, type DataColumn } from '@/components/ui/data-table';
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

type HistoryRow = { revision: RevisionItem; index: number };

function joined(r: RevisionText): string {
  return [r.title, r.subtitle, r.summary, r.bodyText].filter(Boolean).join('\n\n');
}

// Every revision with its author and time; any two compared. A plain GET
// form, so a comparison is a link an editor can share.
export async function RevisionHistory({ revisions, pair, selected, restore }: RevisionHistoryProps) {
  const [t, tk, tl, { formatDateTime }] = await Promise.all([getTranslations('review'), getTranslations('revisionKinds'), getTranslations('liveArticles.restore'), getDateFormat()]);
  const defaultFrom = selected?.from ?? revisions[1]?.id;
  const defaultTo = selected?.to ?? revisions[0]?.id;
  const columns: DataColumn<HistoryRow>[] = [
    {
      key: 'from',
      label: t('compareFrom'),
      cell: ({ revision: r }) => <input type="radio" name="from" value={r.id} defaultChecked={r.id === defaultFrom} aria-label={`${t('compareFrom')} ${formatDateTime(r.createdAt)}`} />,
    },
    {
      key: 'to',
      label: t('compareTo'),
      cell: ({ revision: r }) => <input type="radio" name="to" value={r.id} defaultChecked={r.id === defaultTo} aria-label={`${t('compareTo')} ${formatDateTime(r.createdAt)}`} />,
    },
    { key: 'when', label: t('revisionWhen'), card: 'title', className: 'whitespace-nowrap font-normal text-ink-700', cell: ({ revision: r }) => formatDateTime(r.createdAt) },
    { key: 'kind', label: t('revisionKind'), card: 'aside', className: 'whitespace-nowrap', cell: ({ revision: r }) => (tk.has(r.kind) ? tk(r.kind) : r.kind) },
    { key: 'author', label: t('revisionAuthor'), className: 'whitespace-nowrap', cell: ({ revision: r }) => r.authorName ?? '—' },
    { key: 'chars', label: t('revisionChars'), align: 'end', className: 'tabular-nums text-ink-500', cell: ({ revision: r }) => r.chars },
  ];
  if (restore) {
    columns.push({
      key: 'restore',
      label: tl('title'),
      header: <span className="sr-only">{tl('title')}</span>,
      card: 'end',
      align: 'end',
      className: 'whitespace-nowrap',
      cell: ({ revision: r, index }) =>
        index > 0 && (
          <RestoreRevisionButton storyId={restore.storyId} version={restore.version} revisionId={r.id} isLive={restore.isLive} restore={restore.action} label={tl('label', { at: formatDateTime(r.createdAt) })} />
        ),
    });
  }
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
            <DataTable rows={revisions.map((revision, index) => ({ revision, index }))} columns={columns} rowKey={({ revision }) => revision.id} className="max-h-80 overflow-y-auto" stickyHead testId="revision-table" />
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
