// Auth.js endpoints (session, csrf, credentials callback, sign-out). Posts
// from other sites are refused before Auth.js sees them.
import { NextResponse, type NextRequest } from 'next/server';
import { handlers } from '@/lib/auth';
import { isSameOriginRequest } from '@/lib/http/same-origin';

export const GET = handlers.GET;

export async function POST(request: NextRequest) {
  if (!isSameOriginRequest(request.headers)) return NextResponse.json({ error: 'forbidden' }, { status: 403 });
  return handlers.POST(request);
}
