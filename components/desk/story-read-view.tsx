import { getTranslations } from 'next-intl/server';

export type StoryReadViewProps = {
  story: { subtitle: string; byline: string; source: string; summary: string; bodyHtml: string };
  columnName: string | null;
  // Why the story is shown read-only (its status), above it.
  notice: string;
};

// A story its correspondent may no longer change (submitted, in review,
// published): everything the form held, in the body's own column, so the
// receipt shows what was filed.
export async function StoryReadView({ story, columnName, notice }: StoryReadViewProps) {
  const t = await getTranslations('story');
  const meta = [
    { label: t('column'), value: columnName },
    { label: t('byline'), value: story.byline },
    { label: t('source'), value: story.source },
  ].filter((item): item is { label: string; value: string } => Boolean(item.value));
  return (
    <article className="rounded-lg border border-line bg-white p-5 sm:p-8" data-testid="story-read-view">
      {/* The measure of .prose-zh (42em at its font size), so both columns align. */}
      <div className="mx-auto max-w-[42em] text-[1.0625rem]">
        <p className="mb-4 text-sm text-ink-500">{notice}</p>
        {story.subtitle && <p className="mb-3 text-lg text-ink-700">{story.subtitle}</p>}
        {meta.length > 0 && (
          <dl className="mb-4 flex flex-wrap gap-x-6 gap-y-1 text-sm text-ink-500">
            {meta.map((item) => (
              <div key={item.label} className="flex gap-1.5">
                <dt>{item.label}:</dt>
                <dd className="text-ink-900">{item.value}</dd>
              </div>
            ))}
          </dl>
        )}
        {story.summary && (
          <div className="mb-5 rounded-md bg-gray-50 px-4 py-3 text-sm leading-7 text-ink-700">
            <span className="font-medium text-ink-900">{t('summary')}:</span> {story.summary}
          </div>
        )}
      </div>
      {/* Sanitized on the server when it was saved. */}
      <div className="prose-zh" dangerouslySetInnerHTML={{ __html: story.bodyHtml }} />
    </article>
  );
}
