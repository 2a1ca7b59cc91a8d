import { useTranslations } from 'next-intl';
import { Card } from '@/components/ui/card';
import { QuotaMeasure, QuotaStatusBadge } from '@/components/stats/quota-measure';
import { usePeriodLabel } from '@/components/stats/quota-period-label';
import type { OwnUnitProgress } from '@/lib/quotas';

// The correspondent's unit against its targets for the month, quarter and
// year it is now: a compact card on the desk; nothing when there are none.
export function UnitProgressCard({ progress }: { progress: OwnUnitProgress | null }) {
  const t = useTranslations('quotas');
  const periodLabel = usePeriodLabel();
  if (!progress || progress.periods.length === 0) return null;
  return (
    <Card className="mb-4 px-4 py-3 sm:max-w-xl">
      <div data-testid="unit-progress">
        <h2 className="text-sm font-semibold break-words text-ink-900">{t('deskTitle', { unit: progress.unitName })}</h2>
        <ul className="mt-2 space-y-3">
          {progress.periods.map((p) => (
            <li key={p.period.kind} data-testid="unit-progress-period" data-kind={p.period.kind}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="text-xs font-medium text-ink-700">{periodLabel(p.period)}</span>
                <QuotaStatusBadge status={p.status} />
              </div>
              <div className="mt-1.5 grid gap-2 sm:grid-cols-2">
                {p.adopted && <QuotaMeasure label={t('adopted')} progress={p.adopted} elapsed={p.elapsed} kind="count" testId="quota-adopted" />}
                {p.points && <QuotaMeasure label={t('points')} progress={p.points} elapsed={p.elapsed} kind="decimal" testId="quota-points" />}
              </div>
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}
