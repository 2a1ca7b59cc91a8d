import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors';

// Mutating route handlers accept only requests from our own pages: the
// browser's Sec-Fetch-Site when it sends one, else Origin against Host.
// Scripted clients that send neither (curl) are allowed: they carry no
// ambient browser cookies to abuse.
export type HeaderReader = Pick<Headers, 'get'>;

// A Node request's headers read like fetch's, for the checks the server
// makes before Next (the view beacon, the early refusals).
export function nodeHeaders(req: Pick<IncomingMessage, 'headers'>): HeaderReader {
  return {
    get(name: string) {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : (value ?? null);
    },
  };
}

export function isSameOriginRequest(headers: HeaderReader): boolean {
  const site = headers.get('sec-fetch-site');
  if (site) return site === 'same-origin' || site === 'none';
  const origin = headers.get('origin');
  if (!origin) return true;
  if (origin === 'null') return false;
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function assertSameOrigin(request: Request): void {
  if (!isSameOriginRequest(request.headers)) throw new AppError('forbidden', 'cross-site request refused');
}
