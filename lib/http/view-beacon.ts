import type { IncomingMessage, ServerResponse } from 'node:http';
import { logger } from '../logger';
import { viewBuffer } from '../view-buffer';
import { isCountableView } from '../views';
import { isSameOriginRequest, nodeHeaders } from './same-origin';
import { isId } from '../ids';

// The article page's view beacon, POST /api/views/<story id>: counts one view
// and answers the story's running total, so a cached page can show a live
// figure. Every reader of a widely shared article sends one, as often as
// nginx or the page cache serves the page, so the portal's server answers it
// itself (scripts/server.ts) instead of passing it through Next's router,
// which costs several times more per request than counting does.

const PATH = /^\/api\/views\/([^/?#]*)\/?(?:[?#]|$)/;

// Pure: whether a request is for the beacon, and for which story. `storyId`
// is null when the address names no story we could have.
export function viewBeaconTarget(url: string | undefined): { storyId: number | null } | null {
  const match = PATH.exec(url ?? '');
  if (!match) return null;
  const id = match[1]!;
  return { storyId: /^\d{1,10}$/.test(id) && isId(Number(id)) ? Number(id) : null };
}

function reply(res: ServerResponse, status: number, body?: object, extraHeaders: Record<string, string> = {}): void {
  const text = body ? JSON.stringify(body) : '';
  res.writeHead(status, {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } : {}),
    ...extraHeaders,
  });
  res.end(text);
}

// Only POST counts (a GET or HEAD could come from a link preview or a
// prefetch); crawlers and prefetches are answered without a count; a request
// from another site is refused. The body, if any, is not read.
export async function answerViewBeacon(req: IncomingMessage, res: ServerResponse, storyId: number | null): Promise<void> {
  req.resume();
  if (req.method !== 'POST') return reply(res, 405, { error: 'method_not_allowed' }, { Allow: 'POST' });
  if (storyId === null) return reply(res, 404, { error: 'not_found' });
  const headers = nodeHeaders(req);
  if (!isSameOriginRequest(headers)) return reply(res, 403, { error: 'forbidden' });
  if (!isCountableView(headers)) return reply(res, 204);
  try {
    const views = await viewBuffer().count(storyId);
    if (views === null) return reply(res, 404, { error: 'not_found' });
    reply(res, 200, { views });
  } catch (error) {
    logger.warn({ err: error }, 'view not counted');
    reply(res, 503, { error: 'unavailable' });
  }
}
