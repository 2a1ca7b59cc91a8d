import { getTranslations } from 'next-intl/server';
import { diffStoryText, summarizeDiff } from '@/lib/content/diff';

// "What the editor changed": insertions and deletions marked inline.
export async function StoryDiff({ before, after, title, testId = 'story-diff' }: { before: string; after: string; title?: string; testId?: string }) {
  const t = await getTranslations('story');
  const segments = diffStoryText(before, after);
  const { inserted, deleted } = summarizeDiff(segments);
  return (
    <section className="rounded-lg border border-line bg-white p-4" data-testid={testId}>
      <h2 className="text-sm font-semibold">{title ?? t('changesTitle')}</h2>
      {inserted + deleted === 0 ? (
        <p className="mt-2 text-sm text-ink-500">{t('noChanges')}</p>
      ) : (
        <>
          <p className="mt-1 text-xs text-ink-500">{t('changesSummary', { inserted, deleted })}</p>
          <div className="mt-3 max-h-[32rem] overflow-auto text-[15px] leading-8 whitespace-pre-wrap">
            {segments.map((s, i) =>
              s.kind === 'equal' ? (
                <span key={i}>{s.text}</span>
              ) : s.kind === 'insert' ? (
                <ins key={i} className="bg-green-100 text-green-900 no-underline decoration-green-600 underline-offset-4 [text-decoration-line:underline]">
                  {s.text}
                </ins>
              ) : (
                <del key={i} className="bg-red-100 text-red-800">
                  {s.text}
                </del>
              ),
            )}
          </div>
        </>
      )}
    </section>
  );
}
