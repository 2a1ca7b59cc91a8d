// Auth.js endpoints (session, csrf, credentials callback, sign-out). Posts
// from other sites are refused before Auth.js sees them.
import { NextRequest, NextResponse } from 'next/server';
import { handlers } from '@/lib/auth';
import { relativizeLocation } from '@/lib/http/redirects';
import { isSameOriginRequest } from '@/lib/http/same-origin';
import { getViewer } from '@/lib/session';

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

// Auth.js builds its redirects from the request URL, which carries the
// address the server binds to (0.0.0.0); rebuild it from the address the
// client used (the server sets the forwarded headers from the request itself
// unless a trusted proxy did).
function withPublicOrigin(request: NextRequest): NextRequest {
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  const proto = request.headers.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  if (!host || !HOST.test(host)) return request;
  const url = new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, `${proto}://${host}`);
  return new NextRequest(url, request);
}

// Auth.js answers with absolute redirects on the origin it was given; they
// leave here path-only, so no Host a client sent ends up in a Location.
async function answer(request: NextRequest, handler: (request: NextRequest) => Promise<Response>): Promise<Response> {
  const rebuilt = withPublicOrigin(request);
  return relativizeLocation(await handler(rebuilt), rebuilt.nextUrl.origin);
}

// The session endpoint answers null for any token the app itself rejects
// (stale after a password change, expired, a disabled account), not the
// claims Auth.js would decode from it.
export async function GET(request: NextRequest) {
  if (request.nextUrl.pathname.endsWith('/session') && !(await getViewer())) {
    return NextResponse.json(null, { headers: { 'Cache-Control': 'no-store' } });
  }
  return answer(request, handlers.GET);
}

export async function POST(request: NextRequest) {
  if (!isSameOriginRequest(request.headers)) return NextResponse.json({ error: 'forbidden' }, { status: 403 });
  return answer(request, handlers.POST);
}
