import NextAuth from 'next-auth';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { buildAuthConfig } from './lib/auth/config';
import { buildCsp } from './lib/http/csp';
import { isPortalPath, isSignedInPath } from './lib/portal-sections';

// The proxy only refreshes the session cookie, sets per-request headers and
// redirects signed-out visitors to the login page for comfort. It reads no
// database; every page and lib/ function checks the user again.
const { auth } = NextAuth(() => buildAuthConfig());

function handle(request: NextRequest & { auth?: unknown }) {
  const { pathname, search } = request.nextUrl;
  const session = request.auth as { user?: { id?: string } } | null | undefined;

  if (isSignedInPath(pathname) && !session?.user?.id) {
    const login = new URL('/login', request.url);
    login.searchParams.set('next', pathname + search);
    const redirect = NextResponse.redirect(login);
    redirect.headers.set('Cache-Control', 'private, no-store');
    return redirect;
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = buildCsp(nonce, {
    isDev: process.env.NODE_ENV !== 'production',
    framing: isPortalPath(pathname) ? 'none' : 'self',
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  // Next reads the policy from the request to put the nonce on its own scripts.
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  if (isPortalPath(pathname)) response.headers.set('Cache-Control', 'private, no-store');
  return response;
}

type Wrapped = (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

// With a lazily built config, Auth.js hands back the wrapped handler
// asynchronously; the secret is thus read at the first request, not at build.
// Auth.js runs for the portal only: elsewhere (a 404, the feeds) it would set
// its CSRF and callback cookies on a response any cache may keep and hand to
// the next visitor.
export async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  if (!isPortalPath(request.nextUrl.pathname)) return handle(request);
  const wrapped = (await (auth as unknown as (h: typeof handle) => Promise<Wrapped>)(handle)) as Wrapped;
  return wrapped(request, event);
}

export const config = {
  matcher: [
    {
      // Not for the public pages (home, articles, columns, search, and their
      // /en twins) and the public files (icon, feeds, sitemaps): they are the
      // same for every reader and served from the cache, so there is no
      // session to refresh and no nonce to set (their CSP is in
      // next.config.ts). `.+` leaves out the home page `/`.
      source: '/((?!_next/static|_next/image|favicon.ico$|robots.txt$|icon.svg$|rss.xml$|sitemap.xml$|sitemaps/|api/health|api/views|articles/|columns/|corrections$|corrections/|search$|en$|en/|zh-CN$|zh-CN/).+)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
