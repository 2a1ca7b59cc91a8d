// RSS 2.0 of one column; 404 for a slug no active column has.
import { buildColumnFeed, getPublicSite, xmlResponse } from '@/lib/feeds';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const site = await getPublicSite();
  return xmlResponse(await buildColumnFeed(site, (await params).slug), 'application/rss+xml');
}
