// One word list as a download: ?format=txt|csv|xlsx (the import's formats).
import { randomUUID } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { exportWordList, type ImportFormat } from '@/lib/content-check';
import { userFacingError } from '@/lib/errors';
import { statusFor } from '@/lib/http/file-upload';
import { loginPath } from '@/lib/http/redirects';
import { parseId } from '@/lib/ids';
import { logger } from '@/lib/logger';
import { getViewer } from '@/lib/session';

const FORMATS: readonly ImportFormat[] = ['txt', 'csv', 'xlsx'];

function plain(text: string, status: number): NextResponse {
  return new NextResponse(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return new NextResponse(null, { status: 307, headers: { Location: loginPath(request.nextUrl.pathname + request.nextUrl.search), 'Cache-Control': 'no-store' } });
  const id = parseId((await params).id);
  const format = request.nextUrl.searchParams.get('format') as ImportFormat;
  if (id === null || !FORMATS.includes(format)) return plain('Not found', 404);
  try {
    const file = await exportWordList(viewer, id, format);
    return new NextResponse(file.body as BodyInit, {
      headers: { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.filename}"`, 'Cache-Control': 'no-store' },
    });
  } catch (error) {
    const known = userFacingError(error);
    if (known) return plain(known.code, statusFor(known));
    const ref = randomUUID().slice(0, 8);
    logger.error({ err: error, ref }, 'word list export failed');
    return plain(`error ${ref}`, 500);
  }
}
