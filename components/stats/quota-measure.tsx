import { useLocale, useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { MeasureProgress, QuotaStatus } from '@/lib/quotas/pace';
import { formatFigure } from './figures-table';

export const quotaStatusTone: Record<QuotaStatus, BadgeTone> = { met: 'green', on_track: 'blue', behind: 'amber', missed: 'red', upcoming: 'gray' };

const barTone: Record<QuotaStatus, string> = { met: 'bg-green-600', on_track: 'bg-brand-600', behind: 'bg-amber-500', missed: 'bg-red-600', upcoming: 'bg-gray-400' };

export function QuotaStatusBadge({ status }: { status: QuotaStatus }) {
  const t = useTranslations('quotas');
  return (
    <span data-testid="quota-status" data-status={status}>
      <Badge tone={quotaStatusTone[status]}>{t(`status_${status}`)}</Badge>
    </span>
  );
}

export type QuotaMeasureProps = { label: string; progress: MeasureProgress; elapsed: number; kind: 'count' | 'decimal'; testId: string };

// One target: what is done of it, as figures and a bar, with a tick where
// the pace stands now (the share of the period gone).
export function QuotaMeasure({ label, progress, elapsed, kind, testId }: QuotaMeasureProps) {
  const t = useTranslations('quotas');
  const locale = useLocale();
  const done = Math.min(1, progress.ratio);
  const figures = t('ofTarget', { actual: formatFigure(progress.actual, kind, locale), target: formatFigure(progress.target, kind, locale) });
  const percent = formatFigure(progress.ratio, 'rate', locale);
  return (
    <div className="min-w-0" data-testid={testId} data-actual={progress.actual} data-target={progress.target}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-2 text-xs">
        <span className="font-medium text-ink-700">{label}</span>
        <span className="tabular-nums text-ink-700">
          <span className="text-sm font-semibold text-ink-900" data-testid={`${testId}-figures`}>
            {figures}
          </span>{' '}
          · {t('percent', { percent })}
        </span>
      </div>
      <div
        className="relative mt-1 h-2 rounded-full bg-gray-200"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={progress.target}
        aria-valuenow={Math.min(progress.actual, progress.target)}
        aria-valuetext={`${figures} · ${t(`status_${progress.status}`)}`}
      >
        <div className={`h-full rounded-full ${barTone[progress.status]}`} style={{ width: `${done * 100}%` }} />
        {elapsed > 0 && elapsed < 1 && <div className="absolute -top-0.5 h-3 w-0.5 bg-ink-900" style={{ left: `calc(${elapsed * 100}% - 1px)` }} title={t('pace', { percent: formatFigure(elapsed, 'rate', locale) })} aria-hidden />}
      </div>
    </div>
  );
}
