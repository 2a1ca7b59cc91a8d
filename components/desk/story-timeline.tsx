import { getTranslations } from 'next-intl/server';
import { getDateFormat } from '@/lib/i18n/dates';
import type { TimelineEntry } from '@/lib/stories';

export async function StoryTimeline({ entries }: { entries: TimelineEntry[] }) {
  const [t, { formatDateTime }] = await Promise.all([getTranslations('story'), getDateFormat()]);
  return (
    <section className="rounded-lg border border-line bg-white p-4" data-testid="story-timeline">
      <h2 className="mb-3 text-sm font-semibold">{t('timeline')}</h2>
      <ol className="space-y-3 border-l-2 border-line pl-4">
        {entries.map((e) => (
          <li key={e.id} className="relative text-sm">
            <span aria-hidden className="absolute top-1.5 -left-[1.3rem] size-2.5 rounded-full bg-brand-600" />
            <p>
              <span className="font-medium">
                {e.stageName && t.has(`stageEvents.${e.action}`)
                  ? t(`stageEvents.${e.action}`, { stage: e.stageName })
                  : e.action === 'claim' && e.actorRole === 'unit_approver'
                    ? t('events.claim_unit')
                    : t.has(`events.${e.action}`)
                      ? t(`events.${e.action}`)
                      : e.action}
              </span>
              {e.actorName && <span className="text-ink-500"> · {e.actorName}</span>}
            </p>
            <p className="text-xs text-ink-500">{formatDateTime(e.createdAt)}</p>
            {e.note && <p className="mt-1 rounded bg-gray-50 px-2 py-1 whitespace-pre-wrap text-ink-700">{e.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
