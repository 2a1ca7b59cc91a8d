import 'server-only';
import { randomUUID } from 'node:crypto';
import { cookies } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { userFacingError, type AppError } from '../errors';
import { LOCALE_COOKIE, resolveLocale, type Locale } from '../i18n/locales';
import { logger } from '../logger';
import { getUploadLimitBytes } from '../media';
import { getViewer } from '../session';
import type { Viewer } from '../viewer';
import { isSameOriginRequest } from './same-origin';

// One way for route handlers to take a multipart upload (`file` plus an
// optional `storyId`): same-origin and signed-in checks, a body never read
// past the limit, and lib/ errors turned into translated JSON with a status.

// Room for the multipart boundaries, headers and the storyId field.
const MULTIPART_SLACK = 64 * 1024;

const storyIdField = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/)
  .transform(Number)
  .optional();

export type UploadedFile = { bytes: Uint8Array; name: string; storyId: number | undefined };

export type FileUploadOptions = {
  // Catalog keys under errors.fields for these two refusals.
  tooLargeKey: string;
  unreadableKey: string;
  logLabel: string;
  handle: (viewer: Viewer, file: UploadedFile, locale: Locale) => Promise<{ body: unknown; status: number }>;
};

function reply(body: unknown, status: number): NextResponse {
  return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

// Reads at most `cap` bytes of the body; null when there is more.
export async function readCapped(body: ReadableStream<Uint8Array> | null, cap: number): Promise<Uint8Array<ArrayBuffer> | null> {
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

// The HTTP status of a refusal from lib/.
export function statusFor(error: AppError, tooLargeKey = 'file_too_large'): number {
  switch (error.code) {
    case 'validation':
      return error.fieldErrors?.file === tooLargeKey || error.fieldErrors?.file === 'file_too_large' ? 413 : 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
    case 'password_change_required':
    case 'two_factor_required':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'claimed':
    case 'invalid_transition':
      return 409;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
  }
}

export async function handleFileUpload(request: NextRequest, options: FileUploadOptions): Promise<NextResponse> {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const t = await getTranslations({ locale, namespace: 'errors' });
  const field = (key: string) => (t.has(`fields.${key}`) ? t(`fields.${key}` as 'fields.required') : t('validation'));
  if (!isSameOriginRequest(request.headers)) return reply({ error: t('forbidden') }, 403);
  const viewer = await getViewer();
  if (!viewer) return reply({ error: t('unauthorized') }, 401);

  // Refuse an oversize upload before reading it, and never buffer more than
  // the limit whatever Content-Length claims.
  const cap = getUploadLimitBytes() + MULTIPART_SLACK;
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > cap) return reply({ error: field(options.tooLargeKey) }, 413);
  const body = await readCapped(request.body, cap);
  if (!body) return reply({ error: field(options.tooLargeKey) }, 413);

  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    if (declared > body.byteLength) {
      // The body arrived cut short: something in front (e.g. the proxy's body
      // limit, experimental.proxyClientMaxBodySize) kept only part of it.
      logger.warn({ declared, received: body.byteLength }, `${options.logLabel}: body truncated before the route`);
      return reply({ error: field(options.tooLargeKey) }, 413);
    }
    return reply({ error: field(options.unreadableKey) }, 400);
  }

  const file = form.get('file');
  if (!(file instanceof File)) return reply({ error: field('file_empty') }, 400);
  const storyId = storyIdField.safeParse(form.get('storyId') ?? undefined);
  if (!storyId.success) return reply({ error: t('not_found') }, 404);

  try {
    const result = await options.handle(viewer, { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name, storyId: storyId.data }, locale);
    return reply(result.body, result.status);
  } catch (error) {
    const known = userFacingError(error);
    if (known) {
      const key = known.fieldErrors?.file;
      return reply({ error: key && t.has(`fields.${key}`) ? field(key) : t(known.code) }, statusFor(known, options.tooLargeKey));
    }
    const ref = randomUUID().slice(0, 8);
    logger.error({ err: error, ref }, `${options.logLabel} failed`);
    return reply({ error: `${t('unexpected')} ${t('reference', { ref })}` }, 500);
  }
}
