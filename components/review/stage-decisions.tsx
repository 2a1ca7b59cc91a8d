import { getTranslations } from 'next-intl/server';
import { getDateFormat } from '@/lib/i18n/dates';
import type { DecisionItem } from '@/lib/stories';

// Every stage decision with its opinion (审稿意见), for the reviewers: the
// record the 审查单 prints. A decision taken on text that has changed since
// says so.
export async function StageDecisions({ decisions }: { decisions: DecisionItem[] }) {
  const [t, { formatDateTime }] = await Promise.all([getTranslations('review.stages'), getDateFormat()]);
  return (
    <section className="rounded-lg border border-line bg-white p-4 text-sm" data-testid="stage-decisions">
      <h2 className="mb-3 text-sm font-semibold">{t('decisionsTitle')}</h2>
      {decisions.length === 0 ? (
        <p className="text-ink-500">{t('noDecisions')}</p>
      ) : (
        <ol className="space-y-3">
          {decisions.map((d) => (
            <li key={d.id} className="border-l-2 border-line pl-3" data-decision={d.decision}>
              <p>
                <span className="font-medium">{d.stageName}</span> · {t(`decision.${d.decision}`)}
              </p>
              <p className="text-xs text-ink-500">
                {d.actorName}
                {d.recordedForName && ` · ${t('recordedFor', { name: d.recordedForName })}`} · {formatDateTime(d.createdAt)}
              </p>
              {d.opinion && <p className="mt-1 rounded bg-gray-50 px-2 py-1 whitespace-pre-wrap text-ink-700">{d.opinion}</p>}
              {d.textChanged && <p className="mt-1 text-xs text-amber-800">{t('textChangedSince')}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
