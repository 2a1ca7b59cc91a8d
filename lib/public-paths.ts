import { defaultLocale, type Locale } from './i18n/locales';

// Pure: the addresses of the public site. Chinese pages live at the plain
// address (/articles/12), English ones under /en (/en/articles/12), so a page
// has one language per address and any cache may keep it. Both are served
// from app/(public)/[locale]; next.config.ts rewrites the plain addresses to
// /zh-CN/… internally.

// The public page addresses that next.config.ts rewrites to the Chinese pages.
export const PLAIN_PUBLIC_PAGES = ['/', '/articles/:key', '/columns/:slug', '/columns/:slug/p/:cursor', '/search'] as const;

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
  return { locale: 'en', path: localizedPath('en', pathname) };
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
  const match = /^(\d{1,15})_(\d{1,10})$/.exec(value);
  return match ? { publishedAt: new Date(Number(match[1])), id: Number(match[2]) } : null;
}
