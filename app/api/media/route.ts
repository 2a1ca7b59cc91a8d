// Image upload for the story editor: multipart `file` (+ optional `storyId`) → JSON about the stored image.
import { randomUUID } from 'node:crypto';
import { cookies } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { isAppError, type AppError } from '@/lib/errors';
import { isSameOriginRequest } from '@/lib/http/same-origin';
import { LOCALE_COOKIE, resolveLocale } from '@/lib/i18n/locales';
import { logger } from '@/lib/logger';
import { getUploadLimitBytes, toMediaJson, uploadImage } from '@/lib/media';
import { getViewer } from '@/lib/session';

export const dynamic = 'force-dynamic';

// Room for the multipart boundaries, headers and the storyId field.
const MULTIPART_SLACK = 64 * 1024;

const storyIdField = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/)
  .transform(Number)
  .optional();

type Translate = Awaited<ReturnType<typeof getTranslations<'errors'>>>;

function reply(body: unknown, status: number): NextResponse {
  return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

// Reads at most `cap` bytes of the body; null when there is more.
async function readCapped(body: ReadableStream<Uint8Array> | null, cap: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function statusFor(error: AppError): number {
  switch (error.code) {
    case 'validation':
      return error.fieldErrors?.file === 'file_too_large' ? 413 : 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
    case 'password_change_required':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'invalid_transition':
      return 409;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
  }
}

function messageFor(error: AppError, t: Translate): string {
  const key = error.fieldErrors?.file;
  if (key && t.has(`fields.${key}`)) return t(`fields.${key}` as 'fields.file_not_image');
  return t(error.code);
}

export async function POST(request: NextRequest) {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const t = await getTranslations({ locale, namespace: 'errors' });
  if (!isSameOriginRequest(request.headers)) return reply({ error: t('forbidden') }, 403);
  const viewer = await getViewer();
  if (!viewer) return reply({ error: t('unauthorized') }, 401);

  // Refuse an oversize upload before reading it, and never buffer more than
  // the limit whatever Content-Length claims.
  const cap = getUploadLimitBytes() + MULTIPART_SLACK;
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > cap) return reply({ error: t('fields.file_too_large') }, 413);
  const body = await readCapped(request.body, cap);
  if (!body) return reply({ error: t('fields.file_too_large') }, 413);

  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    if (declared > body.byteLength) {
      // The body arrived cut short: something in front (e.g. the proxy's body
      // limit, experimental.proxyClientMaxBodySize) kept only part of it.
      logger.warn({ declared, received: body.byteLength }, 'upload body truncated before the route');
      return reply({ error: t('fields.file_too_large') }, 413);
    }
    return reply({ error: t('fields.file_unreadable') }, 400);
  }

  const file = form.get('file');
  if (!(file instanceof File)) return reply({ error: t('fields.file_empty') }, 400);
  const storyId = storyIdField.safeParse(form.get('storyId') ?? undefined);
  if (!storyId.success) return reply({ error: t('not_found') }, 404);

  try {
    const row = await uploadImage(viewer, { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name, storyId: storyId.data });
    return reply(toMediaJson(row), 201);
  } catch (error) {
    if (isAppError(error)) return reply({ error: messageFor(error, t) }, statusFor(error));
    const ref = randomUUID().slice(0, 8);
    logger.error({ err: error, ref }, 'image upload failed');
    return reply({ error: `${t('unexpected')} ${t('reference', { ref })}` }, 500);
  }
}
