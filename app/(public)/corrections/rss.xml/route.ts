// RSS 2.0 of the correction notes (更正说明); 404 while the site does not list them.
import { getPublicSite, xmlResponse } from '@/lib/feeds';
import { buildCorrectionsFeed } from '@/lib/public-corrections';

export const dynamic = 'force-dynamic';

export async function GET() {
  const site = await getPublicSite();
  return xmlResponse(await buildCorrectionsFeed(site), 'application/rss+xml');
}
