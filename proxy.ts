import NextAuth from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
import { buildAuthConfig } from './lib/auth/config';
import { buildCsp, isPortalPath } from './lib/http/csp';

// The proxy only refreshes the session cookie, sets per-request headers and
// redirects signed-out visitors to the login page for comfort. It reads no
// database; every page and lib/ function checks the user again.
const { auth } = NextAuth(buildAuthConfig());

const PROTECTED = /^\/(desk|review|admin|account|portal)(\/|$)/;

export const proxy = auth((request: NextRequest & { auth?: unknown }) => {
  const { pathname, search } = request.nextUrl;
  const session = request.auth as { user?: { id?: string } } | null | undefined;

  if (PROTECTED.test(pathname) && !session?.user?.id) {
    const login = new URL('/login', request.url);
    login.searchParams.set('next', pathname + search);
    return NextResponse.redirect(login);
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
});

export const config = {
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon.ico|robots.txt|api/health).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
