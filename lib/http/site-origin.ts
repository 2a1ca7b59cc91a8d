import { headers } from 'next/headers';
import { getSiteSettings } from '../settings';

// The site's public origin for absolute links (QR codes, feeds, canonical
// URLs): the configured base URL, else the address this request came to
// (scripts/server.ts sets the forwarded host and protocol truthfully).
export async function siteOrigin(): Promise<string> {
  const { site } = await getSiteSettings();
  if (site.baseUrl) return site.baseUrl.replace(/\/+$/, '');
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto}://${host}`;
}
