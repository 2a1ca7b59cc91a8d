import { getTranslations } from 'next-intl/server';
import { StoryDiff } from '@/components/desk/story-diff';
import { getDateFormat } from '@/lib/i18n/dates';
import type { LiveFile } from '@/lib/stories';

type Text = { title: string; subtitle: string; summary: string; bodyText: string };

function joined(r: Text): string {
  return [r.title, r.subtitle, r.summary, r.bodyText].filter(Boolean).join('\n\n');
}

function Column({ heading, text, testId, tone }: { heading: string; text: Text; testId: string; tone: 'live' | 'pending' }) {
  return (
    <div className={`min-w-0 rounded-md border p-3 ${tone === 'live' ? 'border-line bg-gray-50' : 'border-amber-200 bg-amber-50/50'}`} data-testid={testId}>
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-ink-500">{heading}</h3>
      <p className="font-semibold break-words text-ink-900" lang="zh-CN">
        {text.title}
      </p>
      {text.subtitle && (
        <p className="mt-1 break-words text-ink-700" lang="zh-CN">
          {text.subtitle}
        </p>
      )}
      <div className="mt-2 max-h-96 overflow-auto text-sm leading-7 break-words whitespace-pre-wrap text-ink-700" lang="zh-CN">
        {text.summary && <p className="mb-2 text-ink-500">{text.summary}</p>}
        {text.bodyText}
      </div>
    </div>
  );
}

// A live story on the review desk: what readers see beside the pending
// revision, the changes between them, and the corrections already out.
export async function LiveComparison({ live, story }: { live: LiveFile; story: Text }) {
  const [t, { formatDateTime }] = await Promise.all([getTranslations('liveArticles.review'), getDateFormat()]);
  return (
    <section className="space-y-3 rounded-lg border border-line bg-white p-4" aria-labelledby="live-title" data-testid="live-comparison">
      <div>
        <h2 id="live-title" className="text-sm font-semibold">
          {t('title')}
        </h2>
        <p className="mt-1 text-sm text-ink-500">{t('intro')}</p>
      </div>
      {live.pending ? (
        <>
          <p className="text-sm text-amber-900" data-testid="pending-by">
            {t('pendingBy', { name: live.pending.updatedByName ?? '—', at: formatDateTime(live.pending.updatedAt) })}
          </p>
          {!live.mayPublishUpdate && <p className="text-sm text-ink-500">{t('notSignOff')}</p>}
          <div className="grid gap-3 lg:grid-cols-2">
            <Column heading={t('live')} text={story} testId="live-version" tone="live" />
            <Column heading={t('pending')} text={live.pending} testId="pending-version" tone="pending" />
          </div>
          <StoryDiff before={joined(story)} after={joined(live.pending)} title={t('diffTitle')} />
        </>
      ) : (
        <p className="text-sm text-ink-500" data-testid="no-pending">
          {t('noPending')}
        </p>
      )}
      {live.corrections.length > 0 && (
        <div>
          <h3 className="text-xs font-semibold text-ink-500">{t('corrections')}</h3>
          <ol className="mt-1 space-y-1 text-sm">
            {live.corrections.map((c) => (
              <li key={c.id} className="break-words">
                <span className="whitespace-pre-line">{c.note}</span> <span className="text-xs text-ink-500">{formatDateTime(c.createdAt)}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
