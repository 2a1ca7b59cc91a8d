import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getPublicSite } from '@/lib/feeds';
import { getDateFormat } from '@/lib/i18n/dates';
import type { Locale } from '@/lib/i18n/locales';
import { columnPath, localizedPath, searchPath } from '@/lib/public-paths';
import { articlePath } from '@/lib/public-stories';
import { MAX_SEARCH_PAGE, searchPublished } from '@/lib/search';

// The search page, with or without a query. Readers ask /search?q=…&page=…;
// next.config.ts rewrites that to /search/<q>[/<page>] (searchRewrites in
// lib/public-paths.ts), so each query's page is cached like any other public
// page: a word everyone looks up at once is searched once a minute, not once
// per reader. Every public change drops them all (lib/public-cache.ts). A
// query that cannot be a path segment is answered per request by ./q.

// The query as the page uses it: trimmed, at most 50 characters.
export function searchInput(q: string | undefined, page: string | undefined): { q: string; page: number } {
  return {
    q: (q ?? '').trim().slice(0, 50),
    page: Math.min(Math.max(Number.parseInt(page ?? '', 10) || 1, 1), MAX_SEARCH_PAGE),
  };
}

// A query that arrived as a path segment, still percent-encoded.
export function fromSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function searchMetadata(q: string): Promise<Metadata> {
  const t = await getTranslations('public');
  // Result pages are not for search engines to index.
  const { name } = await getPublicSite();
  return { title: q ? t('searchTitleFor', { q }) : t('searchTitle'), description: t('searchDescription', { site: name }), robots: { index: false, follow: true } };
}

export async function SearchPage({ locale, q, page }: { locale: Locale; q: string; page: number }) {
  const [t, { formatDate }, found] = await Promise.all([getTranslations('public'), getDateFormat(), searchPublished(q, { page })]);

  return (
    <section className="mx-auto max-w-4xl rounded-lg border border-line bg-white p-5 shadow-xs sm:p-8">
      <h1 className="border-l-4 border-brand-600 pl-3 text-xl font-bold">{t('searchTitle')}</h1>
      <form action={localizedPath(locale, '/search')} method="get" role="search" className="mt-4 flex gap-2">
        <label htmlFor="search-q" className="sr-only">
          {t('searchLabel')}
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={50}
          placeholder={t('searchPlaceholder')}
          className="block w-full rounded-md border border-line px-3 py-2 text-base focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none"
        />
        <button type="submit" className="shrink-0 rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
          {t('searchButton')}
        </button>
      </form>
      {q && (
        <p className="mt-4 text-sm text-ink-500" data-testid="search-total">
          {t('searchTotal', { q, total: found.totalIsExact ? String(found.total) : `${found.total.toLocaleString('en')}+` })}
        </p>
      )}
      {q && found.results.length === 0 && <p className="mt-6 text-ink-700">{t('searchNone')}</p>}
      {found.results.length > 0 && (
        <ol className="mt-4 divide-y divide-dashed divide-line" data-testid="search-results">
          {found.results.map((r) => (
            <li key={r.id} className="py-4">
              <h2 className="text-lg font-medium [&_mark]:bg-amber-100 [&_mark]:text-inherit">
                {/* Escaped by lib/search, which only adds <mark> around matches. */}
                <Link href={localizedPath(locale, articlePath(r))} className="hover:text-brand-700" dangerouslySetInnerHTML={{ __html: r.titleHtml }} />
              </h2>
              <p className="mt-1 text-sm leading-relaxed text-ink-700 [&_mark]:bg-amber-100 [&_mark]:text-ink-900" dangerouslySetInnerHTML={{ __html: r.snippetHtml }} />
              <p className="mt-1 text-xs text-ink-500">
                {r.columnName && r.columnSlug && (
                  <>
                    <Link href={localizedPath(locale, columnPath(r.columnSlug))} className="hover:text-brand-700">
                      {r.columnName}
                    </Link>
                    {' · '}
                  </>
                )}
                <time dateTime={r.publishedAt.toISOString()}>{formatDate(r.publishedAt)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      {found.pageCount > 1 && (
        <nav className="mt-6 flex items-center justify-between text-sm" aria-label={t('searchPages')}>
          {page > 1 ? (
            <Link href={localizedPath(locale, searchPath(q, page - 1))} className="text-brand-700 hover:underline">
              « {t('previousPage')}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-ink-500">{t('pageOf', { page, pages: found.pageCount })}</span>
          {page < found.pageCount ? (
            <Link href={localizedPath(locale, searchPath(q, page + 1))} className="text-brand-700 hover:underline">
              {t('nextPage')} »
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </section>
  );
}
