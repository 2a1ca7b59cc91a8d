import { useLocale, useTranslations } from 'next-intl';
import { Card } from '@/components/ui/card';
import { formatDuration } from '@/lib/stats/duration';
import { DECISION_KINDS, type DecisionCounts, type StageFigures, type StageStats, type StageTimes } from '@/lib/stats/stages';
import { formatFigure } from './figures-table';
import { StageDeadlineFigures } from './stage-deadline-figures';

export type StageFiguresSectionProps = { stats: StageStats };

function DecisionList({ decisions }: { decisions: DecisionCounts }) {
  const t = useTranslations('stats.stages');
  const locale = useLocale();
  const made = DECISION_KINDS.filter((kind) => decisions[kind] > 0);
  if (made.length === 0) return <span className="text-ink-500">{t('noDecisions')}</span>;
  return (
    <span className="flex flex-wrap gap-x-3 gap-y-0.5">
      {made.map((kind) => (
        <span key={kind} className="whitespace-nowrap">
          {t(kind)} <span className="font-medium tabular-nums text-ink-900">{formatFigure(decisions[kind], 'count', locale)}</span>
        </span>
      ))}
    </span>
  );
}

const cellClass = 'md:table-cell md:px-3 md:py-2 md:align-top';

function Stage({ stage }: { stage: StageFigures }) {
  const t = useTranslations('stats.stages');
  const locale = useLocale();
  const figures = [
    { label: t('handled'), value: formatFigure(stage.handled, 'count', locale), testId: 'stage-handled' },
    { label: t('median'), value: formatDuration(stage.medianSeconds, locale), testId: 'stage-median' },
    { label: t('p90'), value: formatDuration(stage.p90Seconds, locale), testId: 'stage-p90' },
  ];
  const reviewerFigures = [
    { key: 'handled', label: t('handled'), value: (r: StageTimes) => formatFigure(r.handled, 'count', locale) },
    { key: 'median', label: t('median'), value: (r: StageTimes) => formatDuration(r.medianSeconds, locale) },
    { key: 'p90', label: t('p90'), value: (r: StageTimes) => formatDuration(r.p90Seconds, locale) },
  ];
  return (
    <li className="px-4 py-4 sm:px-5" data-testid="stage-figures" data-stage={stage.name}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 className="text-sm font-semibold text-ink-900">{stage.name}</h3>
        <p className="text-xs text-ink-500" data-testid="stage-waiting">
          {stage.waiting === 0
            ? t('noneWaiting')
            : stage.oldestWaitingSeconds === null
              ? t('waiting', { count: stage.waiting })
              : t('waitingOldest', { count: stage.waiting, age: formatDuration(stage.oldestWaitingSeconds, locale) })}
        </p>
      </div>
      <dl className="mt-3 grid grid-cols-3 gap-2">
        {figures.map((f) => (
          <div key={f.testId} className="min-w-0 rounded-md bg-gray-50 px-3 py-2">
            <dt className="text-xs text-ink-500">{f.label}</dt>
            <dd className="mt-0.5 text-sm font-semibold whitespace-nowrap tabular-nums text-ink-900 sm:text-lg" data-testid={f.testId}>
              {f.value}
            </dd>
          </div>
        ))}
      </dl>
      <StageDeadlineFigures stage={stage} />
      {stage.handled > 0 && (
        <div className="mt-2 text-xs text-ink-700" data-testid="stage-decisions">
          <DecisionList decisions={stage.decisions} />
        </div>
      )}
      {stage.reviewers.length === 0 ? (
        <p className="mt-3 text-xs text-ink-500">{t('noReviewers')}</p>
      ) : (
        // A table from md up; on a phone each reviewer is a small card. Fixed
        // column widths keep the stages' tables aligned with each other.
        <table className="mt-3 block w-full text-sm md:table md:table-fixed" data-testid="stage-reviewers">
          <thead className="hidden border-b border-line text-left text-xs text-ink-500 md:table-header-group">
            <tr>
              <th scope="col" className="w-[28%] px-3 py-2 font-medium">
                {t('reviewer')}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t('decisions')}
              </th>
              {reviewerFigures.map((f) => (
                <th key={f.key} scope="col" className="w-[14%] px-3 py-2 text-right font-medium">
                  {f.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="block divide-y divide-line rounded-md border border-line md:table-row-group md:rounded-none md:border-0">
            {stage.reviewers.map((r) => (
              <tr key={r.actorId} className="grid grid-cols-3 gap-x-2 gap-y-1 px-3 py-2.5 md:table-row md:p-0" data-testid="stage-reviewer" data-username={r.username}>
                <th scope="row" className={`col-span-3 text-left font-medium break-words text-ink-900 ${cellClass}`}>
                  {r.name}
                </th>
                <td className={`col-span-3 row-start-3 text-xs text-ink-700 md:text-sm ${cellClass}`}>
                  <DecisionList decisions={r.decisions} />
                </td>
                {reviewerFigures.map((f) => (
                  <td key={f.key} className={`tabular-nums text-ink-700 md:text-right ${cellClass}`}>
                    <span className="block text-xs text-ink-500 md:hidden">{f.label}</span>
                    {f.value(r)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

// The statistics page's 审稿环节: one block per stage, its reviewers below.
export function StageFiguresSection({ stats }: StageFiguresSectionProps) {
  const t = useTranslations('stats.stages');
  return (
    <div className="mt-4" data-testid="stage-stats">
      <Card>
        <div className="border-b border-line px-4 py-3 sm:px-5">
          <h2 className="text-base font-semibold text-ink-900">{t('title')}</h2>
          <p className="mt-1 text-xs text-ink-500">{t('intro')}</p>
        </div>
        {stats.stages.length === 0 ? (
          <p className="p-6 text-sm text-ink-500">{t('empty')}</p>
        ) : (
          <ul className="divide-y divide-line">
            {stats.stages.map((stage) => (
              <Stage key={stage.name} stage={stage} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
