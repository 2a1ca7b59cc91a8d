import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTimeZone, getTranslations } from 'next-intl/server';
import { PrintButton } from '@/components/public/print-button';
import { formatFigure } from '@/components/stats/figures-table';
import { isAppError } from '@/lib/errors';
import { getDateFormat } from '@/lib/i18n/dates';
import { currentYear } from '@/lib/stats/range';
import { getAnnualReport, type AnnualReport, type ReportSubject } from '@/lib/stats/reports';
import { requirePagePermission } from '../../../../guards';
import { parseId } from '@/lib/ids';
import { firstParam } from '../../../../admin/parse';

type Params = Promise<{ kind: string; id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function load(params: Params, searchParams: SearchParams): Promise<AnnualReport> {
  const viewer = await requirePagePermission('stats:read');
  const { kind, id: rawId } = await params;
  const id = parseId(rawId);
  if ((kind !== 'correspondent' && kind !== 'unit') || id === null) notFound();
  const rawYear = firstParam((await searchParams).year);
  // Without a year, this year in the site's zone.
  const year = rawYear && /^\d{4}$/.test(rawYear) ? Number(rawYear) : currentYear(await getTimeZone());
  try {
    return await getAnnualReport(viewer, { kind, id } satisfies ReportSubject, year);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
}

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const report = await load(params, searchParams);
  return { title: (await getTranslations('stats'))('reportFor', { name: report.subject.name, year: report.year }) };
}

// 年度采用报告: one page to print and sign, every adopted story of the year.
export default async function AnnualReportPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const report = await load(params, searchParams);
  const [t, locale, { formatDate, formatDateTime }] = await Promise.all([getTranslations('stats'), getLocale(), getDateFormat()]);
  const { subject, year } = report;
  const base = `/stats/report/${subject.kind}/${subject.id}`;
  return (
    <article className="mx-auto max-w-4xl rounded-lg border border-line bg-white p-6 shadow-xs print:border-0 print:p-0 print:shadow-none sm:p-10" data-testid="annual-report">
      <div className="mb-6 flex flex-wrap items-center justify-between gap-2 print:hidden">
        <Link href={`/stats?range=custom&from=${year}-01-01&to=${year}-12-31`} className="text-sm text-brand-700 hover:underline">
          ← {t('reportBack')}
        </Link>
        <div className="flex items-center gap-2 text-sm">
          <Link href={`${base}?year=${year - 1}`} className="rounded-md border border-line px-3 py-1.5 hover:bg-gray-50">
            {year - 1}
          </Link>
          <Link href={`${base}?year=${year + 1}`} className="rounded-md border border-line px-3 py-1.5 hover:bg-gray-50">
            {year + 1}
          </Link>
          <PrintButton label={t('reportPrint')} />
        </div>
      </div>
      <header className="mb-6 border-b-2 border-ink-900 pb-4 text-center">
        <h1 className="text-2xl font-bold tracking-wide text-ink-900">{t('reportTitle', { year })}</h1>
        <p className="mt-2 text-base text-ink-700">
          {t('reportWho', { label: subject.kind === 'correspondent' ? t('reportCorrespondent') : t('reportUnit') })}
          <strong>{subject.name}</strong>
          {subject.unitName ? t('reportUnitSuffix', { unit: subject.unitName }) : ''}
        </p>
      </header>
      {report.stories.length === 0 ? (
        <p className="py-10 text-center text-ink-500">{t('reportEmpty')}</p>
      ) : (
        <table className="w-full border-collapse text-sm tabular-nums">
          <thead>
            <tr className="border-b border-ink-700 text-left text-xs text-ink-500">
              <th className="w-10 py-2 pr-2 font-medium">#</th>
              <th className="w-28 py-2 pr-2 font-medium">{t('reportDate')}</th>
              <th className="py-2 pr-2 font-medium">{t('reportTitleCol')}</th>
              <th className="w-24 py-2 pr-2 font-medium">{t('reportColumn')}</th>
              <th className="w-16 py-2 pr-2 text-right font-medium">{t('reportViews')}</th>
              <th className="w-16 py-2 text-right font-medium">{t('reportPoints')}</th>
            </tr>
          </thead>
          <tbody>
            {report.stories.map((story, i) => (
              <tr key={story.id} className="break-inside-avoid border-b border-line align-top">
                <td className="py-2 pr-2 text-ink-500">{i + 1}</td>
                <td className="py-2 pr-2 whitespace-nowrap">{formatDate(story.publishedAt)}</td>
                <td className="py-2 pr-2">
                  {story.title}
                  <span className="block text-xs text-ink-500">
                    {[story.receiptNo, story.isHeadline ? t('reportHeadline') : null, story.credited > 1 ? t('reportShared', { count: story.credited }) : null].filter(Boolean).join(' · ')}
                  </span>
                </td>
                <td className="py-2 pr-2">{story.columnName ?? '—'}</td>
                <td className="py-2 pr-2 text-right">{formatFigure(story.views, 'count', locale)}</td>
                <td className="py-2 text-right font-medium">{formatFigure(story.points, 'decimal', locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="mt-6 text-right text-base font-semibold text-ink-900" data-testid="report-totals">
        {t('reportTotals', { stories: report.totals.stories, views: formatFigure(report.totals.views, 'count', locale), points: formatFigure(report.totals.points, 'decimal', locale) })}
      </p>
      <p className="mt-8 text-right text-xs text-ink-500">{t('reportGenerated', { time: formatDateTime(new Date()) })}</p>
    </article>
  );
}
