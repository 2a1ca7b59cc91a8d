import type { Metadata, MetadataRoute } from 'next';
import { articlePath } from './article-path';
import { columnPagePath, columnPath, localizedPath, type ColumnCursor } from './public-paths';
import { collapseWhitespace, storyDescription, truncateText } from './content/excerpt';
import { mediaUrl, parseMediaUrl } from './media/urls';

// Pure: what search engines and link previews read about the public site
// (page metadata, NewsArticle structured data). Pages pass in the site as
// getPublicSite (lib/feeds) resolves it for the request.

// The site as links are built: its name and its origin ("https://news.example.cn",
// no trailing slash), or '' when neither the settings nor the request tell it,
// in which case links stay path-only.
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

type HeaderSource = { get(name: string): string | null };

// A host header value we are willing to put into links: a name or an IP, and a port.
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function originOf(url: string): string {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : '';
  } catch {
    return '';
  }
}

// The public origin: the configured base URL when it is a valid http(s) URL,
// else the address the client used (scripts/server.ts sets the forwarded
// headers from the request itself unless a trusted proxy did).
export function resolveSiteOrigin(baseUrl: string, headers: HeaderSource): string {
  const configured = baseUrl ? originOf(baseUrl) : '';
  if (configured) return configured;
  const host = (headers.get('x-forwarded-host') ?? headers.get('host'))?.split(',')[0]?.trim();
  if (!host || !HOST.test(host)) return '';
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
  return `${proto}://${host}`;
}

export function seoSite(site: { name: string; baseUrl: string }, headers: HeaderSource): SeoSite {
  return { name: site.name, origin: resolveSiteOrigin(site.baseUrl, headers) };
}

// A site path made absolute on the site's origin (path-only when it is unknown).
export function absoluteUrl(site: SeoSite, path: string): string {
  return `${site.origin}${path.startsWith('/') ? path : `/${path}`}`;
}

// A page's two addresses (Chinese at the plain path, English under /en). Both
// name the Chinese one as canonical: the content is the same, only the frame
// is translated.
function languageAlternates(site: SeoSite, path: string): Record<string, string> {
  return { 'zh-CN': absoluteUrl(site, path), en: absoluteUrl(site, localizedPath('en', path)) };
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
  const url = articleUrl(site, article);
  const description = articleDescription(article) || undefined;
  const imagePath = articleImagePath(article);
  const images = imagePath ? [absoluteUrl(site, imagePath)] : undefined;
  const byline = collapseWhitespace(article.byline);
  return {
    title: article.title,
    description,
    authors: byline ? [{ name: byline }] : undefined,
    alternates: { canonical: url, languages: languageAlternates(site, articlePath(article)) },
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
  const url = absoluteUrl(site, '/');
  return {
    alternates: { canonical: url, languages: languageAlternates(site, '/'), types: { 'application/rss+xml': [{ url: absoluteUrl(site, '/rss.xml'), title: site.name }] } },
    openGraph: { type: 'website', title: site.name, url, siteName: site.name, locale: LOCALE },
    twitter: { card: 'summary', title: site.name },
  };
}

// For a column page; `cursor` is an older page's keyset, so each older page
// names itself as canonical rather than pointing at page one.
export function columnMetadata(column: SeoColumn, site: SeoSite, options: { cursor?: ColumnCursor } = {}): Metadata {
  const path = columnPath(column.slug);
  const pagePath = options.cursor ? columnPagePath(column.slug, options.cursor) : path;
  const url = absoluteUrl(site, pagePath);
  const description = collapseWhitespace(column.description) || undefined;
  const title = `${column.name} · ${site.name}`;
  return {
    title: column.name,
    description,
    alternates: { canonical: url, languages: languageAlternates(site, pagePath), types: { 'application/rss+xml': [{ url: absoluteUrl(site, `${path}/rss.xml`), title }] } },
    openGraph: { type: 'website', title, description, url, siteName: site.name, locale: LOCALE },
    twitter: { card: 'summary', title, description },
  };
}

// Google shows at most 110 characters of a headline.
export const HEADLINE_MAX_CHARS = 110;

// schema.org NewsArticle for the article page; render it with jsonLdScript.
export function articleJsonLd(article: SeoArticle, site: SeoSite): Record<string, unknown> {
  const url = articleUrl(site, article);
  const imagePath = articleImagePath(article);
  const byline = collapseWhitespace(article.byline);
  const description = articleDescription(article);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: truncateText(collapseWhitespace(article.title), HEADLINE_MAX_CHARS),
    ...(description ? { description } : {}),
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    datePublished: article.publishedAt.toISOString(),
    dateModified: modifiedAt(article).toISOString(),
    ...(imagePath ? { image: [absoluteUrl(site, imagePath)] } : {}),
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

// For app/robots.ts: crawl the public site, skip the private paths, and find
// the sitemap index at its absolute address.
export function robotsRules(site: SeoSite): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: [...PRIVATE_PATH_PREFIXES] },
    ...(site.origin ? { sitemap: absoluteUrl(site, '/sitemap.xml') } : {}),
  };
}
