import type { Metadata } from 'next';
import { articlePath } from './article-path';
import { columnPagePath, columnPath, localizedPath, type ColumnCursor } from './public-paths';
import { collapseWhitespace, storyDescription, truncateText } from './content/excerpt';
import { mediaUrl, parseMediaUrl } from './media/urls';

// Pure: what search engines and link previews read about the public site
// (page metadata, NewsArticle structured data). Pages pass in the site as
// getPublicSite (lib/feeds) resolves it for the request.

// The site as links are built: its name and its origin ("https://news.example.cn",
// no trailing slash), or '' when no public address is configured, in which
// case feeds' links stay path-only and pages leave out what must be absolute
// (canonical, hreflang, og:url, og:image).
export type SeoSite = { name: string; origin: string };

export type SeoColumn = { slug: string; name: string; description: string };

// The fields of a published story that its metadata needs (a PublicArticle fits).
export type SeoArticle = {
  id: number;
  publicId: string | null;
  title: string;
  summary: string;
  byline: string;
  bodyHtml: string;
  bodyText?: string | null;
  coverMediaId?: number | null;
  publishedAt: Date;
  contentUpdatedAt: Date | null;
  columnName: string | null;
};

function originOf(url: string): string {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : '';
  } catch {
    return '';
  }
}

// The public origin: the configured public address (settings, preset by
// PUBLIC_BASE_URL) when it is a valid http(s) URL, else ''. Never the Host a
// request names: a cached page or feed would carry one visitor's choice to
// everyone.
export function resolveSiteOrigin(baseUrl: string): string {
  return baseUrl ? originOf(baseUrl) : '';
}

export function seoSite(site: { name: string; baseUrl: string }): SeoSite {
  return { name: site.name, origin: resolveSiteOrigin(site.baseUrl) };
}

// A site path made absolute on the site's origin (path-only when it is unknown).
export function absoluteUrl(site: SeoSite, path: string): string {
  return `${site.origin}${path.startsWith('/') ? path : `/${path}`}`;
}

// The absolute address of a page, or nothing without a public address:
// search engines take no relative canonical or hreflang.
function pageUrl(site: SeoSite, path: string): string | undefined {
  return site.origin ? absoluteUrl(site, path) : undefined;
}

// A page's canonical address and its two languages (Chinese at the plain
// path, English under /en). Both name the Chinese one as canonical: the
// content is the same, only the frame is translated.
function pageAlternates(site: SeoSite, path: string): Pick<NonNullable<Metadata['alternates']>, 'canonical' | 'languages'> {
  if (!site.origin) return {};
  return { canonical: absoluteUrl(site, path), languages: { 'zh-CN': absoluteUrl(site, path), en: absoluteUrl(site, localizedPath('en', path)) } };
}

export function articleUrl(site: SeoSite, article: { id: number; publicId: string | null }): string {
  return absoluteUrl(site, articlePath(article));
}

// The picture a link preview shows: the cover, else the first image of the
// body; always the large variant. Only /media/<id>/<variant> images count
// (the sanitizer allows no others), and they are public once the story is.
export function articleImagePath(article: Pick<SeoArticle, 'coverMediaId' | 'bodyHtml'>): string | null {
  if (article.coverMediaId) return mediaUrl(article.coverMediaId, 'large');
  for (const match of article.bodyHtml.matchAll(/<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const parsed = parseMediaUrl(match[1] ?? match[2] ?? '');
    if (parsed) return mediaUrl(parsed.id, 'large');
  }
  return null;
}

export function articleDescription(article: Pick<SeoArticle, 'summary' | 'bodyText' | 'bodyHtml'>): string {
  return storyDescription(article);
}

function modifiedAt(article: Pick<SeoArticle, 'publishedAt' | 'contentUpdatedAt'>): Date {
  return article.contentUpdatedAt && article.contentUpdatedAt > article.publishedAt ? article.contentUpdatedAt : article.publishedAt;
}

const LOCALE = 'zh_CN';

// For the article page's generateMetadata. The title goes through the root
// layout's "%s · site" template; previews get the bare title and the site name.
export function articleMetadata(article: SeoArticle, site: SeoSite): Metadata {
  const url = pageUrl(site, articlePath(article));
  const description = articleDescription(article) || undefined;
  const imagePath = articleImagePath(article);
  const image = imagePath && pageUrl(site, imagePath);
  const images = image ? [image] : undefined;
  const byline = collapseWhitespace(article.byline);
  return {
    title: article.title,
    description,
    authors: byline ? [{ name: byline }] : undefined,
    alternates: pageAlternates(site, articlePath(article)),
    openGraph: {
      type: 'article',
      title: article.title,
      description,
      url,
      siteName: site.name,
      locale: LOCALE,
      publishedTime: article.publishedAt.toISOString(),
      modifiedTime: modifiedAt(article).toISOString(),
      section: article.columnName ?? undefined,
      images,
    },
    twitter: { card: images ? 'summary_large_image' : 'summary', title: article.title, description, images },
  };
}

// For the home page: canonical address, the site feed, a plain preview.
export function homeMetadata(site: SeoSite): Metadata {
  const url = pageUrl(site, '/');
  return {
    alternates: { ...pageAlternates(site, '/'), types: { 'application/rss+xml': [{ url: absoluteUrl(site, '/rss.xml'), title: site.name }] } },
    openGraph: { type: 'website', title: site.name, url, siteName: site.name, locale: LOCALE },
    twitter: { card: 'summary', title: site.name },
  };
}

// For a column page; `cursor` is an older page's keyset, so each older page
// names itself as canonical rather than pointing at page one.
export function columnMetadata(column: SeoColumn, site: SeoSite, options: { cursor?: ColumnCursor } = {}): Metadata {
  const path = columnPath(column.slug);
  const pagePath = options.cursor ? columnPagePath(column.slug, options.cursor) : path;
  const url = pageUrl(site, pagePath);
  const description = collapseWhitespace(column.description) || undefined;
  const title = `${column.name} · ${site.name}`;
  return {
    title: column.name,
    description,
    alternates: { ...pageAlternates(site, pagePath), types: { 'application/rss+xml': [{ url: absoluteUrl(site, `${path}/rss.xml`), title }] } },
    openGraph: { type: 'website', title, description, url, siteName: site.name, locale: LOCALE },
    twitter: { card: 'summary', title, description },
  };
}

// Google shows at most 110 characters of a headline.
export const HEADLINE_MAX_CHARS = 110;

// schema.org NewsArticle for the article page; render it with jsonLdScript.
export function articleJsonLd(article: SeoArticle, site: SeoSite): Record<string, unknown> {
  const url = pageUrl(site, articlePath(article));
  const imagePath = articleImagePath(article);
  const image = imagePath && pageUrl(site, imagePath);
  const byline = collapseWhitespace(article.byline);
  const description = articleDescription(article);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: truncateText(collapseWhitespace(article.title), HEADLINE_MAX_CHARS),
    ...(description ? { description } : {}),
    ...(url ? { url, mainEntityOfPage: { '@type': 'WebPage', '@id': url } } : {}),
    datePublished: article.publishedAt.toISOString(),
    dateModified: modifiedAt(article).toISOString(),
    ...(image ? { image: [image] } : {}),
    ...(byline ? { author: [{ '@type': 'Person', name: byline }] } : {}),
    publisher: { '@type': 'Organization', name: site.name, ...(site.origin ? { url: absoluteUrl(site, '/') } : {}) },
    ...(article.columnName ? { articleSection: article.columnName } : {}),
    inLanguage: 'zh-CN',
  };
}

// JSON for a <script type="application/ld+json"> body. `<` (and `>`, `&`)
// become \u escapes so no string in it can close the script element or open
// a comment; U+2028/2029 likewise, for old JavaScript parsers. JSON readers
// decode them back to the same text.
export function jsonLdScript(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// Everything but the signed-in workplace and the machinery behind it.
export const PRIVATE_PATH_PREFIXES = ['/desk', '/review', '/admin', '/account', '/portal', '/login', '/api', '/notifications', '/stats'] as const;

// robots.txt: crawl the public site, skip the private paths, and find the
// sitemap index at its absolute address (left out without a public address).
export function robotsTxt(site: SeoSite): string {
  const lines = ['User-Agent: *', 'Allow: /', ...PRIVATE_PATH_PREFIXES.map((path) => `Disallow: ${path}`), ''];
  if (site.origin) lines.push(`Sitemap: ${absoluteUrl(site, '/sitemap.xml')}`, '');
  return lines.join('\n');
}
