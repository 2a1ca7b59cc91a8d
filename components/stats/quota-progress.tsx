import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { Card } from '@/components/ui/card';
import type { QuotaProgress, UnitProgress } from '@/lib/quotas';
import { periodKey } from '@/lib/quotas/periods';
import { QuotaPeriodNav } from './quota-period-nav';
import { formatFigure } from './figures-table';
import { QuotaMeasure, QuotaStatusBadge } from './quota-measure';
import { usePeriodLabel } from './quota-period-label';

export type QuotaProgressSectionProps = {
  progress: QuotaProgress;
  // The page's address showing another period (its key: 2026-11, 2026-Q4, 2026).
  hrefFor: (periodKey: string) => string;
  // Whoever may set targets is offered the page that does.
  canManage: boolean;
  // The page is narrowed to a column, which quotas do not follow.
  columnFiltered: boolean;
};

function UnitCard({ unit, elapsed }: { unit: UnitProgress; elapsed: number }) {
  const t = useTranslations('quotas');
  const locale = useLocale();
  return (
    <li className="px-4 py-4 sm:px-5" data-testid="quota-unit" data-unit={unit.name} data-behind={unit.behind}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="min-w-0 text-sm font-semibold break-words text-ink-900">{unit.name}</h3>
        <QuotaStatusBadge status={unit.status} />
      </div>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {unit.adopted && <QuotaMeasure label={t('adopted')} progress={unit.adopted} elapsed={elapsed} kind="count" testId="quota-adopted" />}
        {unit.points && <QuotaMeasure label={t('points')} progress={unit.points} elapsed={elapsed} kind="decimal" testId="quota-points" />}
      </div>
      {/* Who brought in what: open where the unit is behind. */}
      <details className="group mt-3" open={unit.behind}>
        <summary className="cursor-pointer text-xs font-medium text-brand-700 hover:underline">{t('people', { count: unit.correspondents.length })}</summary>
        {unit.correspondents.length === 0 ? (
          <p className="mt-2 text-xs text-ink-500">{t('noPeople')}</p>
        ) : (
          <ol className="mt-2 divide-y divide-line rounded-md border border-line text-sm" data-testid="quota-people">
            {unit.correspondents.map((person) => (
              <li key={person.id} className="flex flex-wrap items-baseline justify-between gap-x-3 px-3 py-1.5" data-testid="quota-person" data-name={person.name}>
                <span className="min-w-0 break-words text-ink-900">
                  {person.name} <span className="text-xs text-ink-500">{person.username}</span>
                </span>
                <span className="text-xs whitespace-nowrap tabular-nums text-ink-700">
                  {t('personFigures', { adopted: formatFigure(person.adopted, 'count', locale), points: formatFigure(person.points, 'decimal', locale) })}
                </span>
              </li>
            ))}
          </ol>
        )}
      </details>
    </li>
  );
}

// 任务完成情况 on /stats: each unit with a target for the period, the ones
// behind first, with its correspondents' contributions.
export function QuotaProgressSection({ progress, hrefFor, canManage, columnFiltered }: QuotaProgressSectionProps) {
  const t = useTranslations('quotas');
  const locale = useLocale();
  const periodLabel = usePeriodLabel();
  const period = periodLabel(progress.period);
  const manageHref = canManage ? `/stats/quotas?period=${periodKey(progress.period)}` : null;
  const behind = progress.units.filter((u) => u.behind).length;
  return (
    <Card className="mb-4 overflow-hidden">
      <div data-testid="quota-progress">
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-line px-4 py-3 sm:px-5">
          <h2 className="text-base font-semibold text-ink-900">
            {t('progressTitle')} <span className="font-normal text-ink-500">· {period}</span>
          </h2>
          {manageHref && (
            <Link href={manageHref} className="text-sm text-brand-700 underline hover:no-underline" data-testid="quota-manage">
              {t('manage')}
            </Link>
          )}
        </div>
        <div className="border-b border-line">
          <QuotaPeriodNav period={progress.period} timeZone={progress.timeZone} hrefFor={hrefFor} />
        </div>
        <div className="space-y-1 px-4 pt-3 text-xs text-ink-500 sm:px-5">
          <p>{t('progressIntro', { period, elapsed: formatFigure(progress.elapsed, 'rate', locale) })}</p>
          {columnFiltered && <p>{t('progressColumnNote')}</p>}
        </div>
        {progress.units.length === 0 ? (
          <p className="px-4 py-6 text-sm text-ink-500 sm:px-5" data-testid="quota-none">
            {t('noTargets', { period })}
          </p>
        ) : (
          <>
            <p className={`px-4 pt-2 text-sm font-medium sm:px-5 ${behind ? 'text-amber-800' : 'text-green-800'}`} data-testid="quota-behind-count">
              {t('behindCount', { count: behind })}
            </p>
            <ul className="divide-y divide-line">
              {progress.units.map((unit) => (
                <UnitCard key={unit.unitId} unit={unit} elapsed={progress.elapsed} />
              ))}
            </ul>
          </>
        )}
      </div>
    </Card>
  );
}
