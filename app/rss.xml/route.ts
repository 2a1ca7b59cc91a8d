// RSS 2.0 of the whole site: the newest published stories.
import { buildSiteFeed, getPublicSite, xmlResponse } from '@/lib/feeds';

export const dynamic = 'force-dynamic';

export async function GET() {
  const site = await getPublicSite();
  return xmlResponse(await buildSiteFeed(site), 'application/rss+xml');
}
