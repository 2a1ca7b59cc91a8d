// robots.txt: the public site is open to crawlers, the workplace is not.
import { getPublicSite } from '@/lib/feeds';
import { robotsTxt } from '@/lib/seo';

export const dynamic = 'force-dynamic';

export async function GET() {
  return new Response(robotsTxt(await getPublicSite()), {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      // The same for everyone: a front cache answers crawlers without queueing on us.
      'Cache-Control': 'public, s-maxage=300, stale-while-revalidate=3600',
    },
  });
}
