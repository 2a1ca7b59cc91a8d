import { NextResponse } from 'next/server';
import { isSameOriginRequest } from '@/lib/http/same-origin';
import { logger } from '@/lib/logger';
import { isCountableView, recordView } from '@/lib/views';

type Context = { params: Promise<{ id: string }> };

const noStore = { 'Cache-Control': 'no-store' };

// The article page's view beacon: counts one view and answers the total, so
// a cached page can show a live figure. Only POST counts (HEAD and GET are
// refused by the router); crawlers and prefetches are answered, not counted.
export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  if (!/^\d{1,10}$/.test(id)) return NextResponse.json({ error: 'not_found' }, { status: 404, headers: noStore });
  if (!isSameOriginRequest(request.headers)) return NextResponse.json({ error: 'forbidden' }, { status: 403, headers: noStore });
  if (!isCountableView(request.headers)) return new Response(null, { status: 204, headers: noStore });
  try {
    const views = await recordView(Number(id));
    if (views === null) return NextResponse.json({ error: 'not_found' }, { status: 404, headers: noStore });
    return NextResponse.json({ views }, { headers: noStore });
  } catch (error) {
    logger.warn({ err: error }, 'view not counted');
    return NextResponse.json({ error: 'unavailable' }, { status: 503, headers: noStore });
  }
}
