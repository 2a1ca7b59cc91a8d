import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDateFormat } from '@/lib/i18n/dates';
import type { Locale } from '@/lib/i18n/locales';
import { getPublicSite } from '@/lib/feeds';
import { columnPagePath, columnPath, localizedPath, type ColumnCursor } from '@/lib/public-paths';
import { articlePath, getColumnBySlug, listColumnPage } from '@/lib/public-stories';
import { columnMetadata } from '@/lib/seo';

// A column's first page (/columns/<slug>) and its older pages
// (/columns/<slug>/p/<cursor>) are the same page with or without a cursor.

// An older page says from where it lists, so its title and heading differ
// from page one's.
async function olderThan(cursor: ColumnCursor): Promise<string> {
  const [t, { formatDate }] = await Promise.all([getTranslations('public'), getDateFormat()]);
  return t('olderThan', { date: formatDate(cursor.publishedAt) });
}

export async function columnPageMetadata(locale: Locale, slug: string, cursor?: ColumnCursor): Promise<Metadata> {
  const column = await getColumnBySlug(slug);
  if (!column) return {};
  const metadata = columnMetadata(column, await getPublicSite(), { cursor, locale });
  return cursor ? { ...metadata, title: `${column.name} · ${await olderThan(cursor)}` } : metadata;
}

export async function ColumnPage({ locale, slug, cursor }: { locale: Locale; slug: string; cursor?: ColumnCursor }) {
  const column = await getColumnBySlug(slug);
  if (!column) notFound();
  const [t, { formatDate }, page] = await Promise.all([getTranslations('public'), getDateFormat(), listColumnPage(column.id, { before: cursor })]);
  const last = page.items.at(-1);
  return (
    <section className="mx-auto max-w-4xl rounded-lg border border-line bg-white p-5 shadow-xs sm:p-8">
      <h1 className="border-l-4 border-brand-600 pl-3 text-xl font-bold">
        {column.name}
        {cursor && <span className="ml-2 text-sm font-normal text-ink-500">{await olderThan(cursor)}</span>}
      </h1>
      {column.description && <p className="mt-1 pl-4 text-sm text-ink-500">{column.description}</p>}
      {page.items.length ? (
        <ul className="mt-4 divide-y divide-dashed divide-line">
          {page.items.map((s) => (
            <li key={s.id} className="py-3">
              <div className="flex items-baseline justify-between gap-3">
                <Link href={localizedPath(locale, articlePath(s))} className="font-medium hover:text-brand-700">
                  {s.title}
                </Link>
                <time className="shrink-0 text-xs text-ink-500" dateTime={s.publishedAt.toISOString()}>
                  {formatDate(s.publishedAt)}
                </time>
              </div>
              {s.summary && <p className="mt-1 line-clamp-2 text-sm text-ink-500">{s.summary}</p>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-4 text-ink-500">{t('noStories')}</p>
      )}
      <nav className="mt-6 flex justify-between text-sm" aria-label={t('pagination')}>
        {cursor ? (
          <Link href={localizedPath(locale, columnPath(column.slug))} className="text-brand-700 hover:underline">
            « {t('newer')}
          </Link>
        ) : (
          <span />
        )}
        {page.hasMore && last && (
          <Link href={localizedPath(locale, columnPagePath(column.slug, { publishedAt: last.publishedAt, id: last.id }))} className="text-brand-700 hover:underline" rel="next">
            {t('older')} »
          </Link>
        )}
      </nav>
    </section>
  );
}
