// The files /sitemap.xml lists: pages.xml and articles-<n>.xml; 404 for anything else.
import { buildArticleSitemap, buildPagesSitemap, getPublicSite, parseSitemapFile, xmlResponse } from '@/lib/feeds';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const file = parseSitemapFile((await params).file);
  if (!file) return xmlResponse(null, 'application/xml');
  const site = await getPublicSite();
  return xmlResponse(file.kind === 'pages' ? await buildPagesSitemap(site) : await buildArticleSitemap(site, file.page), 'application/xml');
}
