import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { periodKey, periodsBeside, shiftPeriod, type QuotaPeriod } from '@/lib/quotas/periods';
import { usePeriodLabel } from './quota-period-label';

export type QuotaPeriodNavProps = {
  period: QuotaPeriod;
  timeZone: string;
  // The address showing another period, by its key (2026-11, 2026-Q4, 2026).
  hrefFor: (periodKey: string) => string;
};

const linkClass = (current: boolean) =>
  `rounded-md px-2.5 py-1 text-sm font-medium whitespace-nowrap ${current ? 'bg-brand-50 text-brand-700' : 'text-ink-700 hover:bg-gray-100'}`;

// Month, quarter or year, and the period before or after: links, so the
// address always names the period shown.
export function QuotaPeriodNav({ period, timeZone, hrefFor }: QuotaPeriodNavProps) {
  const t = useTranslations('quotas');
  const periodLabel = usePeriodLabel();
  const [previous, next] = [shiftPeriod(period, -1), shiftPeriod(period, 1)];
  return (
    <nav aria-label={t('periodLabel')} className="flex flex-wrap items-center gap-1 px-3 py-2" data-testid="quota-period-nav">
      {periodsBeside(period, timeZone).map((p) => (
        <Link key={p.kind} href={hrefFor(periodKey(p))} aria-current={p.kind === period.kind ? 'page' : undefined} className={linkClass(p.kind === period.kind)} scroll={false}>
          {t(`kind_${p.kind}`)}
        </Link>
      ))}
      <span className="ml-auto flex items-center gap-1">
        <Link href={hrefFor(periodKey(previous))} className={linkClass(false)} scroll={false} aria-label={`${t('previous')}: ${periodLabel(previous)}`} data-testid="quota-previous">
          ‹<span className="sr-only sm:not-sr-only sm:ml-1">{t('previous')}</span>
        </Link>
        <span className="px-1 text-sm font-semibold whitespace-nowrap text-ink-900" data-testid="quota-period">
          {periodLabel(period)}
        </span>
        <Link href={hrefFor(periodKey(next))} className={linkClass(false)} scroll={false} aria-label={`${t('next')}: ${periodLabel(next)}`} data-testid="quota-next">
          <span className="sr-only sm:not-sr-only sm:mr-1">{t('next')}</span>›
        </Link>
      </span>
    </nav>
  );
}
