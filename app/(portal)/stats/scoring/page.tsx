import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ScoringForm } from '@/components/stats/scoring-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listStatsFilters } from '@/lib/stats/figures';
import { getScoringRules } from '@/lib/stats/scoring';
import { columnWeight } from '@/lib/stats/scoring-rules';
import { requirePagePermission } from '../../guards';
import { updateScoringRulesAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stats.scoring'))('title') };
}

export default async function ScoringPage() {
  const viewer = await requirePagePermission('scoring:manage');
  const [t, rules, { columns }] = await Promise.all([getTranslations('stats.scoring'), getScoringRules(viewer), listStatsFilters(viewer)]);
  return (
    <div className="max-w-4xl">
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          <Link href="/stats" className="text-sm text-brand-700 hover:underline">
            ← {t('back')}
          </Link>
        }
      />
      <Card className="p-5 sm:p-6">
        <ScoringForm action={updateScoringRulesAction} rules={rules} columns={columns.map((c) => ({ ...c, weight: columnWeight(rules, c.id) }))} />
      </Card>
    </div>
  );
}
