import type { IncomingMessage, ServerResponse } from 'node:http';
import en from '../i18n/messages/en.json';
import zhCN from '../i18n/messages/zh-CN.json';
import { LOCALE_COOKIE } from '../i18n/locales';

// An address whose percent-encoding does not decode (/articles/%FF): Next's
// router fails on it with a 500, though the mistake is the client's. The
// server (scripts/server.ts) answers it first: 400, in the reader's language.

export function hasMalformedEncoding(url: string | undefined): boolean {
  const path = (url ?? '/').split(/[?#]/, 1)[0]!;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

// English for /en addresses and for whoever chose it (the cookie) or whose
// browser prefers it; Chinese otherwise, as everywhere.
export function malformedAddressLocale(url: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): 'en' | 'zh-CN' {
  if (/^\/en(?:[/?#]|$)/.test(url ?? '')) return 'en';
  const chosen = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`).exec(cookie ?? '')?.[1];
  if (chosen === 'en' || chosen === 'zh-CN') return chosen;
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'zh-CN';
}

export function malformedAddressPage(locale: 'en' | 'zh-CN'): string {
  const text = (locale === 'en' ? en : zhCN).errors.malformedAddress;
  const home = locale === 'en' ? '/en' : '/';
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text.title}</title></head><body style="margin:0;font-family:system-ui,'Noto Sans CJK SC',sans-serif;background:#f6f6f4;color:#1f2328"><main style="max-width:32rem;margin:15vh auto;padding:2rem;background:#fff;border:1px solid #e4e4e0;border-radius:.5rem"><h1 style="margin:0 0 .75rem;font-size:1.25rem">${text.title}</h1><p style="margin:0 0 1.25rem;line-height:1.7;color:#4b5158">${text.body}</p><a href="${home}" style="color:#b3261e">${text.home}</a></main></body></html>`;
}

export function answerMalformedAddress(req: IncomingMessage, res: ServerResponse): void {
  const locale = malformedAddressLocale(req.url, req.headers.cookie, req.headers['accept-language']);
  const body = malformedAddressPage(locale);
  res.writeHead(400, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Content-Language': locale,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
