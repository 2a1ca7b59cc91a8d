import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getTranslations } from 'next-intl/server';
import { ArticleCorrections } from '@/components/public/article-corrections';
import { ArticleView } from '@/components/public/article-view';
import { FontSizeSwitch } from '@/components/public/font-size-switch';
import { SharePanel } from '@/components/public/share-panel';
import { ViewCounter } from '@/components/public/view-counter';
import { getPublicSite } from '@/lib/feeds';
import { articleJsonLd, articleMetadata, articleUrl, jsonLdScript } from '@/lib/seo';
import { columnPath, localizedPath } from '@/lib/public-paths';
import { articlePath, getPublishedArticle } from '@/lib/public-stories';
import { listArticleCorrections } from '@/lib/public-corrections';
import { getSiteSettings } from '@/lib/settings';
import { pageLocale } from '../../page-locale';

type Props = { params: Promise<{ locale: string; id: string }> };

// Rendered on the first visit and cached; publishing, editing or unpublishing
// invalidates it at once (lib/public-cache.ts). The read count on the cached
// page is refreshed by the view beacon's answer.
export const revalidate = 60;

export function generateStaticParams(): { id: string }[] {
  return [];
}

// Once per request, shared by the metadata and the page.
const load = cache(async (key: string) => getPublishedArticle(key));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const found = await load((await params).id);
  return found ? articleMetadata(found.article, await getPublicSite(), locale) : {};
}

export default async function ArticlePage({ params }: Props) {
  const locale = await pageLocale(params);
  const found = await load((await params).id);
  // Drafts, queued, scheduled-not-yet-due and unpublished stories alike: not found.
  if (!found) notFound();
  const { article, previous, next } = found;
  const [t, settings, site, corrections] = await Promise.all([getTranslations('public'), getSiteSettings(), getPublicSite(), listArticleCorrections(article.id)]);

  return (
    // Edge to edge on phones: the text gets the whole width.
    <article className="print-plain -mx-4 border-y border-line bg-white px-4 py-6 shadow-xs sm:mx-auto sm:max-w-3xl sm:rounded-lg sm:border sm:px-10 sm:py-8">
      {/* Printed pages say where they come from. */}
      <p className="mb-4 hidden text-xs text-ink-500 print:block">
        {settings.site.name} · {articleUrl(site, article)}
      </p>
      {/* NewsArticle for search engines; the serializer escapes anything that could close the tag. */}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScript(articleJsonLd(article, site)) }} />
      <nav className="no-print mb-4 text-sm text-ink-500" aria-label={t('breadcrumb')}>
        <Link href={localizedPath(locale, '/')} className="hover:text-brand-700">
          {t('home')}
        </Link>
        {article.columnSlug && (
          <>
            {' › '}
            <Link href={localizedPath(locale, columnPath(article.columnSlug))} className="hover:text-brand-700" lang="zh-CN">
              {article.columnName}
            </Link>
          </>
        )}
      </nav>
      <ArticleView
        article={article}
        fallbackSource={settings.site.defaultSource || settings.site.name}
        views={<ViewCounter storyId={article.id} initial={article.viewCount} />}
        tools={<FontSizeSwitch label={t('fontSize')} labels={{ large: t('fontLarge'), medium: t('fontMedium'), small: t('fontSmall') }} />}
      />
      <ArticleCorrections corrections={corrections} />
      <SharePanel url={articleUrl(site, article)} />
      <nav className="no-print mt-6 grid gap-2 border-t border-line pt-4 text-sm sm:grid-cols-2" aria-label={t('moreInColumn')}>
        <p className="truncate">
          {t('prevArticle')}: {previous ? <Link href={localizedPath(locale, articlePath(previous))} className="text-brand-700 hover:underline">{previous.title}</Link> : <span className="text-ink-500">{t('none')}</span>}
        </p>
        <p className="truncate sm:text-right">
          {t('nextArticle')}: {next ? <Link href={localizedPath(locale, articlePath(next))} className="text-brand-700 hover:underline">{next.title}</Link> : <span className="text-ink-500">{t('none')}</span>}
        </p>
      </nav>
    </article>
  );
}
