import { useTranslations } from 'next-intl';
import type { QuotaPeriod } from '@/lib/quotas/periods';

// 2026年11月, 2026年第4季度, 2026年 (November 2026, Q4 2026, 2026).
export function usePeriodLabel(): (period: QuotaPeriod) => string {
  const t = useTranslations('quotas');
  return (period) => {
    const [year, month] = period.start.split('-').map(Number) as [number, number];
    if (period.kind === 'year') return t('periodYear', { year: String(year) });
    if (period.kind === 'quarter') return t('periodQuarter', { year: String(year), quarter: (month + 2) / 3 });
    return t('periodMonth', { year: String(year), month: String(month) });
  };
}
