import type { Metadata } from 'next';
import Link from 'next/link';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { QuotaCopyForm, QuotaTargetsForm } from '@/components/stats/quota-targets-form';
import { QuotaPeriodNav } from '@/components/stats/quota-period-nav';
import { formatPeriod } from '@/components/stats/quota-period-label';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listUnitTargets, parsePeriodKey, periodContaining, periodKey, previousPeriod, todayIn } from '@/lib/quotas';
import { requirePagePermission } from '../../guards';
import { firstParam } from '../../admin/parse';
import { copyPreviousTargetsAction, setUnitTargetsAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('quotas'))('title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// 任务指标: the targets of every unit for one period (this month unless the
// address names another: ?period=2026-11, 2026-Q4 or 2026).
export default async function QuotasPage({ searchParams }: Props) {
  const viewer = await requirePagePermission('quotas:manage');
  const timeZone = await getTimeZone();
  const period = parsePeriodKey(firstParam((await searchParams).period)) ?? periodContaining('month', todayIn(timeZone));
  const key = periodKey(period);
  const [t, tUnits, targets] = await Promise.all([getTranslations('quotas'), getTranslations('admin.units'), listUnitTargets(viewer, key)]);
  return (
    <div className="max-w-4xl">
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          <Link href={`/stats?quota=${key}`} className="text-sm whitespace-nowrap text-brand-700 underline hover:no-underline">
            ← {t('back')}
          </Link>
        }
      />
      <Card className="mb-4 overflow-hidden">
        <QuotaPeriodNav period={period} timeZone={timeZone} hrefFor={(k) => `/stats/quotas?period=${k}`} />
      </Card>
      {targets.units.length === 0 ? (
        <Card className="p-5">
          <p className="text-sm text-ink-500">
            {t('noUnits')}{' '}
            <Link href="/admin/units" className="text-brand-700 underline hover:no-underline">
              {tUnits('title')}
            </Link>
          </p>
        </Card>
      ) : (
        <>
          <Card className="mb-4 p-4 sm:p-5">
            <QuotaCopyForm
              key={`copy-${key}`}
              action={copyPreviousTargetsAction}
              period={key}
              hint={t(targets.previousCount > 0 ? 'copyHint' : 'copyNone', { period: formatPeriod(t, previousPeriod(period)) })}
              button={targets.previousCount > 0 ? t('copy') : null}
            />
          </Card>
          <Card className="overflow-hidden">
            <QuotaTargetsForm
              key={key}
              action={setUnitTargetsAction}
              period={key}
              units={targets.units}
              labels={{ unit: t('unit'), adoptedTarget: t('adoptedTarget'), pointsTarget: t('pointsTarget'), save: t('save'), formHint: t('formHint') }}
            />
          </Card>
        </>
      )}
    </div>
  );
}
