import type { Metadata } from 'next';
import Link from 'next/link';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { SheetExportForm } from '@/components/review/sheet-export-form';
import { PageHeader } from '@/components/ui/page-header';
import { REVIEW_SHEET_EXPORT_MAX } from '@/lib/review-sheet';
import { resolveRange } from '@/lib/stats/range';
import { firstParam } from '../../admin/parse';
import { requirePagePermission } from '../../guards';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('review.sheet.export'))('title') };
}

// The review sheets of a period as one spreadsheet (the route writes it).
export default async function ReviewSheetExportPage({ searchParams }: Props) {
  await requirePagePermission('review:use');
  const [t, tSheet, timeZone, query] = await Promise.all([getTranslations('review.sheet.export'), getTranslations('review'), getTimeZone(), searchParams]);
  const { range } = resolveRange({ range: 'this-month' }, timeZone);
  const error = firstParam(query.error);
  return (
    <div className="space-y-4">
      <Link href="/review" className="text-sm text-ink-500 hover:text-brand-700">
        ← {tSheet('backToQueue')}
      </Link>
      <PageHeader title={t('title')} />
      <SheetExportForm
        from={firstParam(query.from) ?? range.fromDate}
        to={firstParam(query.to) ?? range.toDate}
        error={error && t.has(`errors.${error}`) ? t(`errors.${error}`, { max: REVIEW_SHEET_EXPORT_MAX }) : null}
      />
    </div>
  );
}
