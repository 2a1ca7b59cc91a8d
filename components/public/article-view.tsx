import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { articleMetaNames } from '@/lib/article-meta';
import { getDateFormat } from '@/lib/i18n/dates';
import type { PublicArticle } from '@/lib/public-stories';
import { getReviewSettings } from '@/lib/settings';

export type ArticleViewData = Pick<PublicArticle, 'title' | 'subtitle' | 'byline' | 'source' | 'editorName' | 'reviewerNames' | 'signerName' | 'bodyHtml' | 'viewCount'> & {
  // Null in the review desk's preview of a story not yet out.
  publishedAt: Date | null;
  contentUpdatedAt?: Date | null;
};

// The article as readers see it: the public page renders it, and the review
// desk shows the same thing before publishing.
export type ArticleViewProps = {
  article: ArticleViewData;
  fallbackSource: string;
  // The live read count on the public page; the plain figure elsewhere.
  views?: ReactNode;
  // Reader tools under the meta line (font size).
  tools?: ReactNode;
};

export async function ArticleView({ article, fallbackSource, views, tools }: ArticleViewProps) {
  const [t, { formatDate, formatDateTime }, review] = await Promise.all([getTranslations('public'), getDateFormat(), getReviewSettings()]);
  const source = article.source || fallbackSource;
  return (
    <>
      <h1 lang="zh-CN" className="text-center text-2xl leading-snug font-bold sm:text-[1.75rem]" style={{ fontFamily: 'var(--font-serif)' }}>
        {article.title}
      </h1>
      {article.subtitle && (
        <p lang="zh-CN" className="mt-2 text-center text-lg text-ink-700">
          {article.subtitle}
        </p>
      )}
      <p className="mt-4 flex flex-wrap justify-center gap-x-4 gap-y-1 border-b border-line pb-4 text-sm text-ink-500" data-testid="article-meta">
        {article.publishedAt && (
          <span>
            {t('time')}: {formatDate(article.publishedAt)}
          </span>
        )}
        {source && (
          <span>
            {t('source')}: <span lang="zh-CN">{source}</span>
          </span>
        )}
        {article.byline && (
          <span>
            {t('author')}: <span lang="zh-CN">{article.byline}</span>
          </span>
        )}
        {articleMetaNames(article, review).map(({ key, name }) => (
          <span key={key} data-name={key}>
            {t(key)}: <span lang="zh-CN">{name}</span>
          </span>
        ))}
        <span>
          {t('views')}: {views ?? article.viewCount}
        </span>
      </p>
      {(tools || article.contentUpdatedAt) && (
        <div className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-ink-500">
          {article.contentUpdatedAt ? (
            <span data-testid="updated-at">{t('updatedAt', { at: formatDateTime(article.contentUpdatedAt) })}</span>
          ) : (
            <span />
          )}
          {tools}
        </div>
      )}
      {/* Sanitized on the server before it was stored (lib/ sanitizer). */}
      <div id="article-body" lang="zh-CN" className="prose-zh mt-6" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
    </>
  );
}
