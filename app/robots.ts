// robots.txt: the public site is open to crawlers, the workplace is not.
import type { MetadataRoute } from 'next';
import { headers } from 'next/headers';
import { getPublicSite } from '@/lib/feeds';
import { robotsRules } from '@/lib/seo';

export const dynamic = 'force-dynamic';

export default async function robots(): Promise<MetadataRoute.Robots> {
  return robotsRules(await getPublicSite(await headers()));
}
