// Uploaded images by id and size: public once their story is published, else only to those who may see them (404 for everyone else).
import { type NextRequest } from 'next/server';
import { z } from 'zod';
import { getMediaForServing, variantNames } from '@/lib/media';
import { getViewer } from '@/lib/session';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({
  id: z.string().regex(/^[1-9][0-9]{0,9}$/).transform(Number),
  variant: z.enum(variantNames),
});

function notFound(): Response {
  // Not cached: the image may become public when its story is published.
  return new Response('Not Found', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, max-age=0, no-store', 'X-Content-Type-Options': 'nosniff' },
  });
}

function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string; variant: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return notFound();
  const served = await getMediaForServing(await getViewer(), parsed.data.id, parsed.data.variant);
  if (!served) return notFound();

  const headers = new Headers({
    'Content-Type': served.contentType,
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': 'inline',
    // Keys are never reused, so a public image's bytes never change.
    'Cache-Control': served.isPublic ? 'public, max-age=31536000, immutable' : 'private, max-age=0, no-store',
    ETag: served.etag,
  });
  if (etagMatches(request.headers.get('if-none-match'), served.etag)) return new Response(null, { status: 304, headers });
  headers.set('Content-Length', String(served.bytes.byteLength));
  return new Response(served.bytes as Uint8Array<ArrayBuffer>, { status: 200, headers });
}
