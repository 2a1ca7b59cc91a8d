import { useLocale, useTranslations } from 'next-intl';
import type { StageFigures } from '@/lib/stats/stages';
import { formatFigure } from './figures-table';

// A stage's review deadlines (审稿时限) under its figures: stories past their
// due time now, and the period's decisions taken after the limit. Nothing
// for a stage that never had a limit in the period or now.
export function StageDeadlineFigures({ stage }: { stage: Pick<StageFigures, 'withDeadline' | 'overdueNow' | 'limited' | 'late'> }) {
  const t = useTranslations('reviewDeadlines.stats');
  const locale = useLocale();
  if (stage.withDeadline === 0 && stage.limited === 0) return null;
  const n = (value: number) => formatFigure(value, 'count', locale);
  return (
    <p className="mt-2 flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-ink-700" data-testid="stage-deadlines">
      <span>
        {t('overdueNow')}{' '}
        <span className={`font-medium tabular-nums ${stage.overdueNow > 0 ? 'text-red-700' : 'text-ink-900'}`} data-testid="stage-overdue-now">
          {n(stage.overdueNow)}
        </span>
        <span className="text-ink-500"> / {t('withDeadline', { count: stage.withDeadline })}</span>
      </span>
      <span>
        {t('late')}{' '}
        <span className="font-medium tabular-nums text-ink-900" data-testid="stage-late">
          {n(stage.late)}
        </span>
        <span className="text-ink-500"> / {t('limited', { count: stage.limited })}</span>
      </span>
    </p>
  );
}
