// Auth.js endpoints (session, csrf, credentials callback, sign-out). Posts
// from other sites are refused before Auth.js sees them.
import { NextRequest, NextResponse } from 'next/server';
import { handlers } from '@/lib/auth';
import { isSameOriginRequest } from '@/lib/http/same-origin';

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

export function GET(request: NextRequest) {
  return handlers.GET(withPublicOrigin(request));
}

export async function POST(request: NextRequest) {
  if (!isSameOriginRequest(request.headers)) return NextResponse.json({ error: 'forbidden' }, { status: 403 });
  return handlers.POST(withPublicOrigin(request));
}
