import { useTranslations } from 'next-intl';
import type { QuotaExportWords } from '@/lib/quotas/export';
import type { QuotaStatus } from '@/lib/quotas/pace';
import type { QuotaPeriod } from '@/lib/quotas/periods';

type PeriodMessages = (key: 'periodMonth' | 'periodQuarter' | 'periodYear', values: Record<string, string | number>) => string;

// 2026年11月, 2026年第4季度, 2026年 (November 2026, Q4 2026, 2026), with the
// `quotas` messages (a page's or an export's).
export function formatPeriod(t: PeriodMessages, period: QuotaPeriod): string {
  const [year, month] = period.start.split('-').map(Number) as [number, number];
  if (period.kind === 'year') return t('periodYear', { year: String(year) });
  if (period.kind === 'quarter') return t('periodQuarter', { year: String(year), quarter: (month + 2) / 3 });
  return t('periodMonth', { year: String(year), month: String(month) });
}

export function usePeriodLabel(): (period: QuotaPeriod) => string {
  const t = useTranslations('quotas');
  return (period) => formatPeriod(t, period);
}

type QuotaExportMessages = PeriodMessages &
  ((key: `export.${'period' | 'adopted' | 'adoptedTarget' | 'adoptedProgress' | 'points' | 'pointsTarget' | 'pointsProgress' | 'status'}` | `status_${QuotaStatus}`) => string);

// What the statistics export writes about quotas, in the file's language.
export function quotaExportWords(t: QuotaExportMessages, period: QuotaPeriod): QuotaExportWords {
  return {
    headers: {
      quotaPeriod: t('export.period'),
      quotaAdopted: t('export.adopted'),
      adoptedTarget: t('export.adoptedTarget'),
      adoptedProgress: t('export.adoptedProgress'),
      quotaPoints: t('export.points'),
      pointsTarget: t('export.pointsTarget'),
      pointsProgress: t('export.pointsProgress'),
      quotaStatus: t('export.status'),
    },
    period: formatPeriod(t, period),
    status: (status) => t(`status_${status}`),
  };
}
