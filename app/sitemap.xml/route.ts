// The sitemap index: the pages sitemap and one file per id range of articles.
import { buildSitemapIndex, getPublicSite, xmlResponse } from '@/lib/feeds';

export const dynamic = 'force-dynamic';

export async function GET() {
  const site = await getPublicSite();
  return xmlResponse(await buildSitemapIndex(site), 'application/xml');
}
