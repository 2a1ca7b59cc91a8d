import type { IncomingMessage, ServerResponse } from 'node:http';
import en from '../i18n/messages/en.json';
import zhCN from '../i18n/messages/zh-CN.json';
import { isDatabaseDown, RETRY_AFTER_S } from '../../db/availability';
import { LOCALE_COOKIE } from '../i18n/locales';
import { isPortalPath } from '../portal-sections';
import { SERVER_ACTION_BODY_LIMIT_MB } from './limits';
import { isSameOriginRequest, nodeHeaders } from './same-origin';

// Requests the portal's server (scripts/server.ts) refuses before Next's
// router, which answers each of them with a 500 though the mistake is the
// client's: an address whose percent-encoding does not decode (/articles/%FF)
// is a 400; a form post to a page (a server action) from another site, or
// with the Origin `null`, is a 403. Both in the reader's language.

// A post to a page whose body is larger than a server action may take is a
// 413, answered from its Content-Length (Next read it all, then failed with a
// 500); the body is drained, not kept, so the client gets to read the answer.
//
// While the database cannot be reached (db/availability.ts) a page of the
// portal, or the API, is a 503 with Retry-After at once: each would only
// fail after waiting for it. Public pages go on to Next, whose cache still
// serves them; a form's post goes on too, so the form says "cannot save now"
// and keeps what was typed (lib/action-result.ts).
//
// An action call whose arguments do not parse is a 400 (lib/http/action-body.ts).
export type EarlyRefusal = 'malformedAddress' | 'crossSiteAction' | 'actionTooLarge' | 'malformedAction' | 'databaseUnavailable';

const STATUS: Record<EarlyRefusal, number> = { malformedAddress: 400, crossSiteAction: 403, actionTooLarge: 413, malformedAction: 400, databaseUnavailable: 503 };
export const ACTION_BODY_LIMIT_BYTES = SERVER_ACTION_BODY_LIMIT_MB * 1024 * 1024;

// A request's path, without its query or fragment.
export function pathOf(url: string | undefined): string {
  return (url ?? '/').split(/[?#]/, 1)[0]!;
}

export function hasMalformedEncoding(url: string | undefined): boolean {
  const path = pathOf(url);
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}


function refusedForOutage(method: string | undefined, path: string): boolean {
  if (!isDatabaseDown() || path === '/api/health') return false;
  if (path.startsWith('/api/')) return true;
  return (method === 'GET' || method === 'HEAD') && isPortalPath(path);
}

export function earlyRefusal(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): EarlyRefusal | null {
  if (hasMalformedEncoding(req.url)) return 'malformedAddress';
  if (refusedForOutage(req.method, pathOf(req.url))) return 'databaseUnavailable';
  // Posts to pages are server actions; the API's routes check their own.
  if (req.method !== 'POST' || (req.url ?? '/').startsWith('/api/')) return null;
  const headers = nodeHeaders(req);
  if (!isSameOriginRequest(headers)) return 'crossSiteAction';
  if (Number(headers.get('content-length') ?? 0) > ACTION_BODY_LIMIT_BYTES) return 'actionTooLarge';
  return null;
}

// English for /en addresses and for whoever chose it (the cookie) or whose
// browser prefers it; Chinese otherwise, as everywhere.
export function refusalLocale(url: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): 'en' | 'zh-CN' {
  if (/^\/en(?:[/?#]|$)/.test(url ?? '')) return 'en';
  const chosen = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`).exec(cookie ?? '')?.[1];
  if (chosen === 'en' || chosen === 'zh-CN') return chosen;
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'zh-CN';
}

// Every refusal page the server answers itself, before Next: these and the
// overload page of ./load-shedding.ts.
export type RefusalPageKind = EarlyRefusal | 'overloaded';

export function refusalPage(kind: RefusalPageKind, locale: 'en' | 'zh-CN'): string {
  const text = (locale === 'en' ? en : zhCN).errors[kind];
  const home = locale === 'en' ? '/en' : '/';
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text.title}</title></head><body style="margin:0;padding:0 1rem;font-family:system-ui,'Noto Sans CJK SC',sans-serif;background:#f6f6f4;color:#1f2328"><main style="max-width:32rem;margin:15vh auto;padding:2rem;background:#fff;border:1px solid #e4e4e0;border-radius:.5rem"><h1 style="margin:0 0 .75rem;font-size:1.25rem">${text.title}</h1><p style="margin:0 0 1.25rem;line-height:1.7;color:#4b5158">${text.body.replace('{limit}', String(SERVER_ACTION_BODY_LIMIT_MB))}</p><a href="${home}" style="color:#b3261e">${text.home}</a></main></body></html>`;
}

// Answers `status` with the refusal page in the reader's language.
export function answerRefusalPage(req: IncomingMessage, res: ServerResponse, status: number, kind: RefusalPageKind, extraHeaders: Record<string, string> = {}): void {
  // A refused request's body is drained unread.
  req.resume();
  const locale = refusalLocale(req.url, req.headers.cookie, req.headers['accept-language']);
  // The API's clients read JSON; browsers the page.
  const api = pathOf(req.url).startsWith('/api/');
  const body = api ? JSON.stringify({ error: (locale === 'en' ? en : zhCN).errors[kind].body }) : refusalPage(kind, locale);
  res.writeHead(status, {
    'Content-Type': api ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Content-Language': locale,
    ...extraHeaders,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function answerEarlyRefusal(req: IncomingMessage, res: ServerResponse, refusal: EarlyRefusal): void {
  answerRefusalPage(req, res, STATUS[refusal], refusal, STATUS[refusal] === 503 ? { 'Retry-After': String(RETRY_AFTER_S) } : {});
}

// A server error Next answers while the database is down is the outage, not
// a fault of the page: a 503 with Retry-After, so that browsers, proxies and
// monitors treat it as passing. Decided when the status goes out, because the
// database may go away while the page renders.
export function outageErrorsAsUnavailable(res: ServerResponse): void {
  const writeHead = res.writeHead as (this: ServerResponse, status: number, ...rest: unknown[]) => ServerResponse;
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (status >= 500 && isDatabaseDown()) {
      status = 503;
      this.setHeader('Retry-After', String(RETRY_AFTER_S));
    }
    return writeHead.call(this, status, ...rest);
  } as ServerResponse['writeHead'];
}
