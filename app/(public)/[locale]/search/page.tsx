import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { formatDate } from '@/lib/format';
import type { Locale } from '@/lib/i18n/locales';
import { columnPath, localizedPath } from '@/lib/public-paths';
import { articlePath } from '@/lib/public-stories';
import { MAX_SEARCH_PAGE, searchPublished } from '@/lib/search';
import { getSiteSettings } from '@/lib/settings';
import { pageLocale } from '../page-locale';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

// Per request: it answers the query. The cached pages are the ones readers
// arrive at from outside.
export const dynamic = 'force-dynamic';

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  await pageLocale(params);
  const q = first((await searchParams).q).trim().slice(0, 50);
  const t = await getTranslations('public');
  // Result pages are not for search engines to index.
  return { title: q ? t('searchTitleFor', { q }) : t('searchTitle'), robots: { index: false, follow: true } };
}

function searchHref(locale: Locale, q: string, page: number): string {
  const params = new URLSearchParams({ q });
  if (page > 1) params.set('page', String(page));
  return `${localizedPath(locale, '/search')}?${params.toString()}`;
}

export default async function SearchPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const query = await searchParams;
  const q = first(query.q).trim().slice(0, 50);
  const page = Math.min(Math.max(Number.parseInt(first(query.page), 10) || 1, 1), MAX_SEARCH_PAGE);
  const [t, settings, found] = await Promise.all([getTranslations('public'), getSiteSettings(), searchPublished(q, { page })]);
  const tz = settings.site.timeZone;

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
                <time dateTime={r.publishedAt.toISOString()}>{formatDate(r.publishedAt, tz)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      {found.pageCount > 1 && (
        <nav className="mt-6 flex items-center justify-between text-sm" aria-label={t('searchPages')}>
          {page > 1 ? (
            <Link href={searchHref(locale, q, page - 1)} className="text-brand-700 hover:underline">
              « {t('previousPage')}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-ink-500">{t('pageOf', { page, pages: found.pageCount })}</span>
          {page < found.pageCount ? (
            <Link href={searchHref(locale, q, page + 1)} className="text-brand-700 hover:underline">
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
