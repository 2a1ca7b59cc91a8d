// The site's icon, which every page links. Served here rather than as an
// app/icon.svg file so it can say how long it keeps: Next answers those with
// max-age=0, and a front cache would queue every request for it.
const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#b3261e"/><text x="32" y="44" font-size="34" text-anchor="middle" fill="#fff" font-family="serif" font-weight="700">投</text></svg>';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return new Response(ICON, {
    headers: {
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'public, max-age=86400, s-maxage=86400, stale-while-revalidate=604800',
    },
  });
}
