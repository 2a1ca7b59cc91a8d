import { revalidatePath } from 'next/cache';
import { NextResponse } from 'next/server';
import { isInternalRequest } from '@/lib/http/internal-token';
import { logger } from '@/lib/logger';
import { parseStalePages, revalidationTargets } from '@/lib/public-cache';
import { clearSettingsCache } from '@/lib/settings';

// Called by this instance's own server when the database announces a change
// to what readers see (lib/public-cache-listener.ts): drops the stale public
// pages from this instance's cache. Unknown to anyone without the token.
export async function POST(request: Request): Promise<Response> {
  if (!isInternalRequest(request.headers)) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  const stale = parseStalePages(await request.json().catch(() => null));
  // Settings changes arrive as "everything"; the footer and site name are
  // read from the settings cache.
  if (stale.everything) clearSettingsCache();
  const { paths, patterns, layouts } = revalidationTargets(stale);
  for (const path of paths) revalidatePath(path);
  for (const pattern of patterns) revalidatePath(pattern, 'page');
  for (const layout of layouts) revalidatePath(layout, 'layout');
  logger.debug({ paths: paths.length, patterns, layouts }, 'public pages invalidated');
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}
