// The audit trail for a period as a download: ?from=YYYY-MM-DD&to=YYYY-MM-DD&format=xlsx|csv.
import { randomUUID } from 'node:crypto';
import { cookies } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { getLocale, getTranslations } from 'next-intl/server';
import { timeZoneName } from '@/lib/i18n/zone-name';
import { AUDIT_EXPORT_MAX_ROWS, exportAuditTrail, type AuditExportRow } from '@/lib/audit-export';
import { isKnownAuditAction } from '@/lib/audit-trail';
import { userFacingError } from '@/lib/errors';
import { loginPath } from '@/lib/http/redirects';
import { LOCALE_COOKIE, resolveLocale } from '@/lib/i18n/locales';
import { logger } from '@/lib/logger';
import { getViewer } from '@/lib/session';
import { toCsv, toXlsx, type ExportSheet } from '@/lib/stats/export';

function plain(text: string, status: number): NextResponse {
  return new NextResponse(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

type SheetRow = AuditExportRow & { event: string; outcomeLabel: string; source: string };

export async function GET(request: NextRequest) {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const [t, tAudit, tErrors] = await Promise.all([
    getTranslations({ locale, namespace: 'admin.audit.export' }),
    getTranslations({ locale, namespace: 'admin.audit' }),
    getTranslations({ locale, namespace: 'errors' }),
  ]);
  const viewer = await getViewer();
  // Relative: the request's own URL names the address the server binds to.
  if (!viewer) return new NextResponse(null, { status: 307, headers: { Location: loginPath(request.nextUrl.pathname + request.nextUrl.search), 'Cache-Control': 'no-store' } });
  const params = request.nextUrl.searchParams;
  try {
    const trail = await exportAuditTrail(viewer, { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined, format: params.get('format') ?? undefined });
    const rows: SheetRow[] = trail.rows.map((row) => ({
      ...row,
      source: t(`sources.${row.table}`),
      event: isKnownAuditAction(row.action) ? tAudit(`actions.${row.action.replace('.', '_')}`) : row.action,
      outcomeLabel: t(`outcomes.${row.outcome}`),
    }));
    const text = (key: keyof SheetRow, width: number) => ({ key, header: t(`columns.${key}`), kind: 'text' as const, width });
    const sheet: ExportSheet<SheetRow> = {
      title: t('sheet'),
      columns: [
        { ...text('time', 20), header: t('columns.time', { timeZone: timeZoneName(trail.timeZone, await getLocale()) }) },
        text('username', 14),
        text('displayName', 14),
        text('ip', 16),
        text('event', 18),
        text('action', 22),
        text('outcomeLabel', 8),
        text('target', 14),
        text('details', 40),
        text('source', 10),
        { key: 'id', header: t('columns.id'), kind: 'count', width: 10 },
        text('hashAlg', 8),
        text('prevHash', 24),
        text('hash', 24),
      ],
      rows,
    };
    const body = trail.format === 'xlsx' ? new Uint8Array(await toXlsx([sheet])) : toCsv(sheet);
    const file = `${t('fileName')}-${trail.from}_${trail.to}.${trail.format}`;
    return new NextResponse(body, {
      headers: {
        'Content-Type': trail.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
        // An ASCII name for old clients, the real one (RFC 5987) for the rest.
        'Content-Disposition': `attachment; filename="audit-trail-${trail.from}_${trail.to}.${trail.format}"; filename*=UTF-8''${encodeURIComponent(file)}`,
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    const known = userFacingError(error);
    if (known?.code === 'validation') {
      const key = Object.values(known.fieldErrors ?? {})[0] ?? '';
      return plain(t.has(`errors.${key}`) ? t(`errors.${key}`, { max: AUDIT_EXPORT_MAX_ROWS }) : tErrors('validation'), 400);
    }
    if (known) return plain(tErrors(known.code), known.code === 'forbidden' ? 403 : known.code === 'unavailable' ? 503 : 400);
    const ref = randomUUID().slice(0, 8);
    logger.error({ err: error, ref }, 'audit trail export failed');
    return plain(`${t('failed')} ${tErrors('reference', { ref })}`, 500);
  }
}
