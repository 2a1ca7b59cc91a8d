import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getTranslations } from 'next-intl/server';
import { formatDate } from '@/lib/format';
import { getPublishedArticle } from '@/lib/public-stories';
import { getSiteSettings } from '@/lib/settings';

type Props = { params: Promise<{ id: string }> };

// Once per request, shared by the metadata and the page.
const load = cache(async (id: string) => (/^\d{1,10}$/.test(id) ? getPublishedArticle(Number(id)) : null));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await load((await params).id);
  return found ? { title: found.article.title, description: found.article.summary || undefined } : {};
}

export default async function ArticlePage({ params }: Props) {
  const found = await load((await params).id);
  if (!found) notFound();
  const { article, previous, next } = found;
  const [t, settings] = await Promise.all([getTranslations('public'), getSiteSettings()]);
  const tz = settings.site.timeZone;
  const source = article.source || settings.site.defaultSource || settings.site.name;

  return (
    <article className="mx-auto max-w-3xl rounded-lg border border-line bg-white px-5 py-8 shadow-xs sm:px-10">
      <nav className="no-print mb-4 text-sm text-ink-500">
        <Link href="/" className="hover:text-brand-700">
          {t('home')}
        </Link>
        {article.columnSlug && (
          <>
            {' › '}
            <Link href={`/columns/${article.columnSlug}`} className="hover:text-brand-700">
              {article.columnName}
            </Link>
          </>
        )}
      </nav>
      <h1 className="text-center text-2xl leading-snug font-bold sm:text-[1.75rem]" style={{ fontFamily: 'var(--font-serif)' }}>
        {article.title}
      </h1>
      {article.subtitle && <p className="mt-2 text-center text-lg text-ink-700">{article.subtitle}</p>}
      <p className="mt-4 flex flex-wrap justify-center gap-x-4 gap-y-1 border-b border-line pb-4 text-sm text-ink-500" data-testid="article-meta">
        <span>
          {t('time')}: {formatDate(article.publishedAt, tz)}
        </span>
        <span>
          {t('source')}: {source}
        </span>
        {article.byline && (
          <span>
            {t('author')}: {article.byline}
          </span>
        )}
        {article.editorName && (
          <span>
            {t('editor')}: {article.editorName}
          </span>
        )}
        <span>
          {t('views')}: {article.viewCount}
        </span>
      </p>
      {/* Sanitized on the server before it was stored (lib/ sanitizer). */}
      <div className="prose-zh mt-6" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
      <nav className="no-print mt-8 grid gap-2 border-t border-line pt-4 text-sm sm:grid-cols-2">
        <p className="truncate">
          {t('prevArticle')}: {previous ? <Link href={`/articles/${previous.id}`} className="text-brand-700 hover:underline">{previous.title}</Link> : <span className="text-ink-500">{t('none')}</span>}
        </p>
        <p className="truncate sm:text-right">
          {t('nextArticle')}: {next ? <Link href={`/articles/${next.id}`} className="text-brand-700 hover:underline">{next.title}</Link> : <span className="text-ink-500">{t('none')}</span>}
        </p>
      </nav>
    </article>
  );
}
