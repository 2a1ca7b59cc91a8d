// The statistics tables as a download: ?format=xlsx|csv plus the page's own filters.
import { randomUUID } from 'node:crypto';
import { cookies } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { recordStatsExport } from '@/lib/audit';
import { userFacingError } from '@/lib/errors';
import { LOCALE_COOKIE, resolveLocale } from '@/lib/i18n/locales';
import { logger } from '@/lib/logger';
import { getViewer } from '@/lib/session';
import { loginPath } from '@/lib/http/redirects';
import { getSiteSettings } from '@/lib/settings';
import { toCsv, toXlsx, type ExportColumn, type ExportSheet } from '@/lib/stats/export';
import { getAdoptionStats } from '@/lib/stats/figures';
import { getQuotaProgress, quotaPeriodForRange } from '@/lib/quotas';
import { withQuotaColumns } from '@/lib/quotas/export';
import { quotaExportWords } from '@/components/stats/quota-period-label';
import { sortRows } from '@/lib/stats/sort';
import { DECISION_KINDS, getStageStats, stageSheetRows, type StageSheetRow } from '@/lib/stats/stages';
import { parseStatsQuery } from '../query';

function plain(text: string, status: number): NextResponse {
  return new NextResponse(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export async function GET(request: NextRequest) {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const [t, ts, tErrors, tq, tDeadlines] = await Promise.all([
    getTranslations({ locale, namespace: 'stats' }),
    getTranslations({ locale, namespace: 'stats.stages' }),
    getTranslations({ locale, namespace: 'errors' }),
    getTranslations({ locale, namespace: 'quotas' }),
    getTranslations({ locale, namespace: 'reviewDeadlines.stats' }),
  ]);
  const viewer = await getViewer();
  // Relative: the request's own URL names the address the server binds to.
  if (!viewer) return new NextResponse(null, { status: 307, headers: { Location: loginPath(request.nextUrl.pathname + request.nextUrl.search), 'Cache-Control': 'no-store' } });
  const format = request.nextUrl.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx';
  try {
    const { site } = await getSiteSettings();
    const query = parseStatsQuery(Object.fromEntries(request.nextUrl.searchParams), site.timeZone);
    // The stages' sheet is in the workbook only; a CSV is one table.
    const [stats, stageStats, quotas] = await Promise.all([
      getAdoptionStats(viewer, query.scope),
      format === 'xlsx' ? getStageStats(viewer, query.scope) : null,
      getQuotaProgress(viewer, { period: quotaPeriodForRange(query.scope.range, query.quota, site.timeZone), unitId: query.scope.unitId }),
    ]);
    const figures: ExportColumn[] = [
      { key: 'submitted', header: t('submitted'), kind: 'count' },
      { key: 'adopted', header: t('adopted'), kind: 'count' },
      { key: 'returned', header: t('returned'), kind: 'count' },
      { key: 'rejected', header: t('rejected'), kind: 'count' },
      { key: 'pending', header: t('pending'), kind: 'count' },
      { key: 'adoptionRate', header: t('adoptionRate'), kind: 'rate' },
      { key: 'views', header: t('views'), kind: 'count' },
      { key: 'averageViews', header: t('averageViews'), kind: 'decimal' },
      { key: 'characters', header: t('characters'), kind: 'count' },
      { key: 'points', header: t('points'), kind: 'decimal' },
    ];
    const correspondents: ExportSheet = {
      title: t('tabCorrespondents'),
      columns: [
        { key: 'name', header: t('name'), kind: 'text' },
        { key: 'username', header: t('username'), kind: 'text' },
        { key: 'unitName', header: t('unitName'), kind: 'text' },
        ...figures,
        { key: 'coCredited', header: t('coCredited'), kind: 'count' },
      ],
      rows: sortRows(stats.correspondents, query.sort),
      totals: stats.totals,
      totalsLabel: t('totals'),
    };
    const units: ExportSheet = {
      title: t('tabUnits'),
      columns: [{ key: 'name', header: t('unitName'), kind: 'text' }, ...figures],
      rows: sortRows(stats.units.map((u) => (u.key === null ? { ...u, name: t('noUnit') } : u)), query.sort),
      totals: stats.totals,
      totalsLabel: t('totals'),
    };
    const unitsWithQuotas = withQuotaColumns(units, quotas, quotaExportWords(tq, quotas.period), query.sort);
    const stages: ExportSheet<StageSheetRow> = {
      title: ts('sheet'),
      columns: [
        { key: 'stage', header: ts('exportStage'), kind: 'text' },
        { key: 'reviewer', header: ts('exportReviewer'), kind: 'text' },
        { key: 'username', header: ts('exportUsername'), kind: 'text' },
        { key: 'handled', header: ts('handled'), kind: 'count' },
        { key: 'decisionCount', header: ts('exportDecisions'), kind: 'count' },
        ...DECISION_KINDS.map((kind) => ({ key: kind, header: ts(kind), kind: 'count' as const })),
        { key: 'medianHours', header: ts('exportMedianHours'), kind: 'decimal', width: 16 },
        { key: 'p90Hours', header: ts('exportP90Hours'), kind: 'decimal', width: 16 },
        { key: 'waiting', header: ts('exportWaiting'), kind: 'count' },
        { key: 'oldestWaitingHours', header: ts('exportOldestHours'), kind: 'decimal', width: 16 },
        // Review deadlines: decisions after the limit, and stories past it now.
        { key: 'late', header: tDeadlines('exportLate'), kind: 'count' },
        { key: 'overdueNow', header: tDeadlines('exportOverdueNow'), kind: 'count' },
      ],
      rows: stageStats ? stageSheetRows(stageStats, ts('exportAllReviewers')) : [],
    };
    const { fromDate, toDate } = query.scope.range;
    const name = `${t('title')}-${fromDate}_${toDate}`;
    const body =
      format === 'xlsx'
        ? new Uint8Array(await (query.table === 'units' ? toXlsx([unitsWithQuotas, correspondents, stages]) : toXlsx([correspondents, unitsWithQuotas, stages])))
        : query.table === 'units'
          ? toCsv(unitsWithQuotas)
          : toCsv(correspondents);
    const file = `${name}${format === 'csv' && query.table === 'units' ? `-${t('tabUnits')}` : ''}.${format}`;
    await recordStatsExport(viewer, { format, from: fromDate, to: toDate, table: query.table, unitId: query.scope.unitId, columnId: query.scope.columnId });
    return new NextResponse(body, {
      headers: {
        'Content-Type': format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
        // An ASCII name for old clients, the real one (RFC 5987) for the rest.
        'Content-Disposition': `attachment; filename="statistics-${fromDate}_${toDate}.${format}"; filename*=UTF-8''${encodeURIComponent(file)}`,
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    const known = userFacingError(error);
    if (known) return plain(tErrors(known.code), known.code === 'forbidden' ? 403 : known.code === 'unavailable' ? 503 : 400);
    const ref = randomUUID().slice(0, 8);
    logger.error({ err: error, ref }, 'statistics export failed');
    return plain(`${t('exportFailed')} ${tErrors('reference', { ref })}`, 500);
  }
}
