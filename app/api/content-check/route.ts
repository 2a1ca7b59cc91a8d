// The story editor's word check: { title, subtitle, summary, byline, body } → { hits }.
import { randomUUID } from 'node:crypto';
import { cookies } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { checkStoryText } from '@/lib/content-check';
import { userFacingError } from '@/lib/errors';
import { readCapped, statusFor } from '@/lib/http/file-upload';
import { isSameOriginRequest } from '@/lib/http/same-origin';
import { LOCALE_COOKIE, resolveLocale } from '@/lib/i18n/locales';
import { logger } from '@/lib/logger';
import { getViewer } from '@/lib/session';

export const dynamic = 'force-dynamic';

// A story's body may run to millions of HTML characters; its plain text,
// sent as JSON, stays well under this.
const BODY_LIMIT = 2 * 1024 * 1024;

const text = z.string().max(BODY_LIMIT).default('');
const checkBody = z.object({ title: text, subtitle: text, summary: text, byline: text, body: text });

function reply(body: unknown, status: number): NextResponse {
  return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

export async function POST(request: NextRequest) {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const t = await getTranslations({ locale, namespace: 'errors' });
  if (!isSameOriginRequest(request.headers)) return reply({ error: t('forbidden') }, 403);
  const viewer = await getViewer();
  if (!viewer) return reply({ error: t('unauthorized') }, 401);
  const declared = Number(request.headers.get('content-length') ?? 0);
  const bytes = declared > BODY_LIMIT ? null : await readCapped(request.body, BODY_LIMIT);
  if (!bytes) return reply({ error: t('fields.content_check_too_large') }, 413);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return reply({ error: t('validation') }, 400);
  }
  const parsed = checkBody.safeParse(json);
  if (!parsed.success) return reply({ error: t('validation') }, 400);
  try {
    return reply({ hits: await checkStoryText(viewer, parsed.data) }, 200);
  } catch (error) {
    const known = userFacingError(error);
    if (known) return reply({ error: t(known.code) }, statusFor(known));
    const ref = randomUUID().slice(0, 8);
    logger.error({ err: error, ref }, 'content check failed');
    return reply({ error: `${t('unexpected')} ${t('reference', { ref })}` }, 500);
  }
}
