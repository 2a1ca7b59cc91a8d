// Liveness and database reachability for load balancers: 200 {"db":"ok"} or 503.
import { NextResponse } from 'next/server';
import { checkDatabase } from '@/lib/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const ok = await checkDatabase();
  return NextResponse.json({ db: ok ? 'ok' : 'unavailable' }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
