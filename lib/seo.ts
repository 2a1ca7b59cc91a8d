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
// `logoPath` is the site's picture for previews and the publisher's logo: the
// logo set on the settings page, else the site icon.
export type SeoSite = { name: string; origin: string; logoPath?: string };

// Which language a public page is in: Chinese at the plain path, English under /en.
export type SeoLocale = 'zh-CN' | 'en';

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

export function seoSite(site: { name: string; baseUrl: string; logoMediaId?: number | null }): SeoSite {
  return { name: site.name, origin: resolveSiteOrigin(site.baseUrl), logoPath: site.logoMediaId ? mediaUrl(site.logoMediaId, 'medium') : '/icon.svg' };
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
// path, English under /en). Each language's page names itself as canonical,
// as hreflang requires of the pages it links; the Chinese one is the default.
function pageAlternates(site: SeoSite, path: string, locale: SeoLocale = 'zh-CN'): Pick<NonNullable<Metadata['alternates']>, 'canonical' | 'languages'> {
  if (!site.origin) return {};
  const chinese = absoluteUrl(site, path);
  const english = absoluteUrl(site, localizedPath('en', path));
  return { canonical: locale === 'en' ? english : chinese, languages: { 'zh-CN': chinese, en: english, 'x-default': chinese } };
}

// Open Graph's locale of the page and of its other language.
function ogLocale(locale: SeoLocale): { locale: string; alternateLocale: string } {
  return locale === 'en' ? { locale: 'en_US', alternateLocale: 'zh_CN' } : { locale: 'zh_CN', alternateLocale: 'en_US' };
}

// The site's picture at its absolute address (none without a public address).
function logoUrl(site: SeoSite): string | undefined {
  return site.logoPath ? pageUrl(site, site.logoPath) : undefined;
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

// For the article page's generateMetadata. The title goes through the root
// layout's "%s · site" template; previews get the bare title and the site name.
export function articleMetadata(article: SeoArticle, site: SeoSite, locale: SeoLocale = 'zh-CN'): Metadata {
  const url = pageUrl(site, localizedPath(locale, articlePath(article)));
  const description = articleDescription(article) || undefined;
  const imagePath = articleImagePath(article);
  const image = imagePath && pageUrl(site, imagePath);
  // A story without a picture is previewed with the site's.
  const images = image ? [image] : logoUrl(site) ? [logoUrl(site)!] : undefined;
  const byline = collapseWhitespace(article.byline);
  return {
    title: article.title,
    description,
    authors: byline ? [{ name: byline }] : undefined,
    alternates: pageAlternates(site, articlePath(article), locale),
    openGraph: {
      type: 'article',
      title: article.title,
      description,
      url,
      siteName: site.name,
      ...ogLocale(locale),
      publishedTime: article.publishedAt.toISOString(),
      modifiedTime: modifiedAt(article).toISOString(),
      section: article.columnName ?? undefined,
      images,
    },
    twitter: { card: image ? 'summary_large_image' : 'summary', title: article.title, description, images },
  };
}

// For the home page: canonical address, the site feed, a plain preview with
// the description the page gives (its language's).
export function homeMetadata(site: SeoSite, locale: SeoLocale = 'zh-CN', description?: string): Metadata {
  const url = pageUrl(site, localizedPath(locale, '/'));
  const images = logoUrl(site) ? [logoUrl(site)!] : undefined;
  return {
    ...(description ? { description } : {}),
    alternates: { ...pageAlternates(site, '/', locale), types: { 'application/rss+xml': [{ url: absoluteUrl(site, '/rss.xml'), title: site.name }] } },
    openGraph: { type: 'website', title: site.name, description, url, siteName: site.name, ...ogLocale(locale), images },
    twitter: { card: 'summary', title: site.name, description, images },
  };
}

// For a column page; `cursor` is an older page's keyset, so each older page
// names itself as canonical rather than pointing at page one.
export function columnMetadata(column: SeoColumn, site: SeoSite, options: { cursor?: ColumnCursor; locale?: SeoLocale } = {}): Metadata {
  const locale = options.locale ?? 'zh-CN';
  const path = columnPath(column.slug);
  const pagePath = options.cursor ? columnPagePath(column.slug, options.cursor) : path;
  const url = pageUrl(site, localizedPath(locale, pagePath));
  const images = logoUrl(site) ? [logoUrl(site)!] : undefined;
  const description = collapseWhitespace(column.description) || undefined;
  const title = `${column.name} · ${site.name}`;
  return {
    title: column.name,
    description,
    alternates: { ...pageAlternates(site, pagePath, locale), types: { 'application/rss+xml': [{ url: absoluteUrl(site, `${path}/rss.xml`), title }] } },
    openGraph: { type: 'website', title, description, url, siteName: site.name, ...ogLocale(locale), images },
    twitter: { card: 'summary', title, description },
  };
}

// Google shows at most 110 characters of a headline.
export const HEADLINE_MAX_CHARS = 110;

// schema.org NewsArticle for the article page; render it with jsonLdScript.
export function articleJsonLd(article: SeoArticle, site: SeoSite): Record<string, unknown> {
  const url = pageUrl(site, articlePath(article));
  const imagePath = articleImagePath(article);
  const logo = logoUrl(site);
  // Search engines want a picture with a news article: the site's, if the story has none.
  const image = (imagePath && pageUrl(site, imagePath)) || logo;
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
    publisher: { '@type': 'Organization', name: site.name, ...(site.origin ? { url: absoluteUrl(site, '/') } : {}), ...(logo ? { logo: { '@type': 'ImageObject', url: logo } } : {}) },
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
