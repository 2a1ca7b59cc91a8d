import { defaultLocale, locales, type Locale } from './i18n/locales';
import { parseKeysetCursor } from './ids';

// Pure: the addresses of the public site. Chinese pages live at the plain
// address (/articles/12), English ones under /en (/en/articles/12), so a page
// has one language per address and any cache may keep it. Both are served
// from app/(public)/[locale]; next.config.ts rewrites the plain addresses to
// /zh-CN/… internally.

// The public page addresses that next.config.ts rewrites to the Chinese pages.
export const PLAIN_PUBLIC_PAGES = ['/', '/articles/:key', '/columns/:slug', '/columns/:slug/p/:cursor', '/search', '/corrections', '/corrections/p/:page'] as const;

export function localizedPath(locale: Locale | string, path: string): string {
  if (locale === defaultLocale) return path;
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

// The path of the page in the route tree ([locale] filled in): what the page
// cache is keyed by, whichever address the reader used.
export function routePath(locale: Locale, path: string): string {
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

// The same page in the other language, from the address a reader is on.
export function otherLanguagePath(pathname: string): { locale: Locale; path: string } {
  const english = pathname === '/en' || pathname.startsWith('/en/');
  if (english) return { locale: defaultLocale, path: pathname.slice(3) || '/' };
  // A page first rendered for its route path (/zh-CN/…) is cached with it.
  const internal = pathname === `/${defaultLocale}` || pathname.startsWith(`/${defaultLocale}/`);
  const plain = internal ? pathname.slice(defaultLocale.length + 1) || '/' : pathname;
  return { locale: 'en', path: localizedPath('en', plain) };
}

// A search as readers and links address it. The page number only from 2 on.
export function searchPath(q: string, page = 1): string {
  const params = new URLSearchParams({ q });
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

// How next.config.ts turns /search?q=…&page=… (and /en/search?…) into the
// cacheable route /<locale>/search/<q>[/<page>]. Next puts the captured
// query into the path as it is, so a query holding / # % or made of dots
// would break the path: those, and queries longer than anyone types, go to
// /<locale>/search/q, which reads the query string per request.
type QueryRewrite = { source: string; has: { type: 'query'; key: string; value: string }[]; destination: string };

export function searchRewrites(): QueryRewrite[] {
  const segmentSafe = { type: 'query' as const, key: 'q', value: '(?<q>(?!\\.{1,2}$)[^/#%]{1,200})' };
  const any = { type: 'query' as const, key: 'q', value: '[\\s\\S]*\\S[\\s\\S]*' };
  const page = { type: 'query' as const, key: 'page', value: '(?<page>[1-9][0-9]?)' };
  return locales.flatMap((locale) => {
    const source = localizedPath(locale, '/search');
    return [
      { source, has: [segmentSafe, page], destination: `/${locale}/search/:q/:page` },
      { source, has: [segmentSafe], destination: `/${locale}/search/:q` },
      { source, has: [any], destination: `/${locale}/search/q` },
    ];
  });
}

export function columnPath(slug: string): string {
  return `/columns/${slug}`;
}

// Older pages of a column are addressed by the keyset of the last story on
// the page before (published time in ms, id), in the path rather than the
// query string, so each page can be cached like any other.
export type ColumnCursor = { publishedAt: Date; id: number };

export function columnPagePath(slug: string, cursor: ColumnCursor): string {
  return `/columns/${slug}/p/${cursor.publishedAt.getTime()}_${cursor.id}`;
}

export function parseColumnCursor(value: string): ColumnCursor | null {
  const cursor = parseKeysetCursor(value, '_');
  return cursor ? { publishedAt: cursor.at, id: cursor.id } : null;
}

// 更正说明 (docs/live-articles.md): page one at /corrections, then by number.
export function correctionsPath(page = 1): string {
  return page > 1 ? `/corrections/p/${page}` : '/corrections';
}

// Page 1 has one address only: /corrections.
export function parseCorrectionsPage(value: string): number | null {
  return /^([2-9]|[1-9][0-9]{1,2})$/.test(value) ? Number(value) : null;
}
