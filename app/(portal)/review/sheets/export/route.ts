// The review sheets (稿件审查单) of a period as a spreadsheet: ?from=YYYY-MM-DD&to=YYYY-MM-DD.
import { randomUUID } from 'node:crypto';
import { cookies } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { userFacingError } from '@/lib/errors';
import { loginPath } from '@/lib/http/redirects';
import { LOCALE_COOKIE, resolveLocale } from '@/lib/i18n/locales';
import { logger } from '@/lib/logger';
import { exportReviewSheets, reviewSheetTable } from '@/lib/review-sheet';
import { getViewer } from '@/lib/session';
import { toXlsx } from '@/lib/stats/export';

function plain(text: string, status: number): NextResponse {
  return new NextResponse(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

// Path-only, like every redirect (the request's own URL names the address the server binds to).
function redirect(location: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } });
}

export async function GET(request: NextRequest) {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const [t, tErrors] = await Promise.all([getTranslations({ locale, namespace: 'review.sheet' }), getTranslations({ locale, namespace: 'errors' })]);
  const viewer = await getViewer();
  if (!viewer) return new NextResponse(null, { status: 307, headers: { Location: loginPath(request.nextUrl.pathname + request.nextUrl.search), 'Cache-Control': 'no-store' } });
  const params = request.nextUrl.searchParams;
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  try {
    const exported = await exportReviewSheets(viewer, { from, to });
    const body = new Uint8Array(await toXlsx([reviewSheetTable(exported, (key, values) => t(key, values))]));
    const file = `${t('export.fileName')}-${exported.from}_${exported.to}.xlsx`;
    return new NextResponse(body, {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        // An ASCII name for old clients, the real one (RFC 5987) for the rest.
        'Content-Disposition': `attachment; filename="review-sheets-${exported.from}_${exported.to}.xlsx"; filename*=UTF-8''${encodeURIComponent(file)}`,
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    const known = userFacingError(error);
    // A period refused goes back to the form, the dates as typed.
    if (known?.code === 'validation') return redirect(`/review/sheets?${new URLSearchParams({ from: from.slice(0, 20), to: to.slice(0, 20), error: known.fieldErrors?.form ?? 'range_invalid_date' })}`);
    if (known) return plain(tErrors(known.code), known.code === 'forbidden' ? 403 : known.code === 'unavailable' ? 503 : 400);
    const ref = randomUUID().slice(0, 8);
    logger.error({ err: error, ref }, 'review sheet export failed');
    return plain(`${t('export.failed')} ${tErrors('reference', { ref })}`, 500);
  }
}
