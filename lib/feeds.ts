import 'server-only';
import { and, asc, desc, eq, gte, lte, max, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { siteColumns, stories } from '@/db/schema';
import { storyDescription } from './content/excerpt';
import { renderRss, renderSitemapIndex, renderUrlset, SITEMAP_MAX_URLS, type RssItem, type SitemapEntry } from './content/xml';
import { getColumnBySlug } from './public-stories';
import { columnPath } from './public-paths';
import { absoluteUrl, articleUrl, seoSite, type SeoSite } from './seo';
import { getSiteSettings } from './settings';
import { MAX_ID } from './ids';
import { isPublished, isPublishedRow } from './published';

// The machine-read side of the public site: RSS feeds and sitemaps, built as
// strings so tests need no HTTP. Like lib/public-stories, every query here is
// filtered to published stories in SQL: a draft, a submitted or scheduled
// story, or an unpublished one never appears.

// The newest stories a feed carries.
export const FEED_ITEM_LIMIT = 50;

// Anyone: the site's name and public origin (see resolveSiteOrigin), for
// feeds, sitemaps, robots.txt and page metadata: from the configured public
// address only, never from a request.
export async function getPublicSite(): Promise<SeoSite> {
  const { site } = await getSiteSettings();
  return seoSite(site);
}

// The body text is only read far enough for an excerpt: a 3 MB story costs
// the feed no more than a short one.
const EXCERPT_SOURCE_CHARS = 1000;

const modifiedAt = sql<Date>`greatest(${stories.contentUpdatedAt}, ${stories.publishedAt})`.mapWith(stories.publishedAt);

async function listFeedStories(limit: number, columnId?: number) {
  const db = await getDb();
  return db
    .select({
      id: stories.id,
      publicId: stories.publicId,
      title: stories.title,
      summary: stories.summary,
      byline: stories.byline,
      bodyText: sql<string>`left(${stories.bodyText}, ${EXCERPT_SOURCE_CHARS})`,
      publishedAt: sql<Date>`${stories.publishedAt}`.mapWith(stories.publishedAt),
      modifiedAt,
      columnName: siteColumns.name,
    })
    .from(stories)
    .leftJoin(siteColumns, eq(siteColumns.id, stories.columnId))
    .where(columnId ? and(isPublished, eq(stories.columnId, columnId)) : isPublished)
    .orderBy(desc(stories.publishedAt), desc(stories.id))
    .limit(limit);
}

type FeedStory = Awaited<ReturnType<typeof listFeedStories>>[number];

function feedItem(site: SeoSite, story: FeedStory): RssItem {
  return {
    title: story.title,
    link: articleUrl(site, story),
    description: storyDescription(story),
    pubDate: story.publishedAt,
    category: story.columnName,
    creator: story.byline.trim() || null,
  };
}

// The channel changed when its newest publication or latest edit did.
function lastChange(items: readonly FeedStory[], fallback: Date): Date {
  return items.reduce((latest, s) => (s.modifiedAt > latest ? s.modifiedAt : latest), items[0]?.modifiedAt ?? fallback);
}

// Anyone: /rss.xml, the newest published stories of the whole site.
export async function buildSiteFeed(site: SeoSite, options: { limit?: number; now?: Date } = {}): Promise<string> {
  const items = await listFeedStories(options.limit ?? FEED_ITEM_LIMIT);
  return renderRss({
    title: site.name,
    link: absoluteUrl(site, '/'),
    description: `${site.name} 最新发布`,
    selfUrl: absoluteUrl(site, '/rss.xml'),
    lastBuildDate: lastChange(items, options.now ?? new Date()),
    items: items.map((s) => feedItem(site, s)),
  });
}

// Anyone: /columns/<slug>/rss.xml; null when no active column has that slug (404).
export async function buildColumnFeed(site: SeoSite, slug: string, options: { limit?: number; now?: Date } = {}): Promise<string | null> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) return null;
  const column = await getColumnBySlug(slug);
  if (!column) return null;
  const items = await listFeedStories(options.limit ?? FEED_ITEM_LIMIT, column.id);
  const path = columnPath(column.slug);
  return renderRss({
    title: `${column.name} · ${site.name}`,
    link: absoluteUrl(site, path),
    description: column.description.trim() || `${site.name} ${column.name}`,
    selfUrl: absoluteUrl(site, `${path}/rss.xml`),
    lastBuildDate: lastChange(items, options.now ?? new Date()),
    items: items.map((s) => feedItem(site, s)),
  });
}

// Sitemaps. /sitemap.xml is an index: one file for the home and column
// pages, then the articles in files by id range — file n holds the published
// stories with ids in ((n-1)·perFile, n·perFile]. Ids are unique, so no file
// can pass the 50,000-URL limit however many stories there are; a story
// stays in the same file for life, so unchanged files stay unchanged; and a
// file is one range scan of the primary key, never more rows than it lists.

export type SitemapFile = { kind: 'pages' } | { kind: 'articles'; page: number };


export function sitemapFilePath(file: SitemapFile): string {
  return file.kind === 'pages' ? '/sitemaps/pages.xml' : `/sitemaps/articles-${file.page}.xml`;
}

// The last segment of /sitemaps/<name> → which file it names, or null (404).
export function parseSitemapFile(name: string, perFile = SITEMAP_MAX_URLS): SitemapFile | null {
  if (name === 'pages.xml') return { kind: 'pages' };
  const match = /^articles-([1-9][0-9]{0,9})\.xml$/.exec(name);
  if (!match) return null;
  const page = Number(match[1]);
  return (page - 1) * perFile < MAX_ID ? { kind: 'articles', page } : null;
}

function checkPerFile(perFile: number): number {
  if (!Number.isInteger(perFile) || perFile < 1 || perFile > SITEMAP_MAX_URLS) throw new RangeError(`sitemap file size must be 1–${SITEMAP_MAX_URLS}`);
  return perFile;
}

// Anyone: /sitemap.xml, the index of the sitemap files that have URLs, each
// with the latest change among its stories.
export async function buildSitemapIndex(site: SeoSite, options: { perFile?: number } = {}): Promise<string> {
  const perFile = checkPerFile(options.perFile ?? SITEMAP_MAX_URLS);
  const db = await getDb();
  const page = sql<number>`(${stories.id} - 1) / ${sql.raw(String(perFile))} + 1`.mapWith(Number);
  const [files, [latest]] = await Promise.all([
    db
      .select({ page, lastmod: max(modifiedAt).mapWith(stories.publishedAt) })
      .from(stories)
      .where(isPublished)
      .groupBy(page)
      .orderBy(page),
    db.select({ lastmod: max(stories.publishedAt) }).from(stories).where(isPublished),
  ]);
  const entries: SitemapEntry[] = [
    { loc: absoluteUrl(site, sitemapFilePath({ kind: 'pages' })), lastmod: latest?.lastmod ?? null },
    ...files.map((f) => ({ loc: absoluteUrl(site, sitemapFilePath({ kind: 'articles', page: f.page })), lastmod: f.lastmod })),
  ];
  return renderSitemapIndex(entries);
}

// Anyone: /sitemaps/pages.xml, the home page and every active column, each
// dated by its newest publication.
export async function buildPagesSitemap(site: SeoSite): Promise<string> {
  const db = await getDb();
  // Correlated, so each column is one probe of stories_public_column_idx. The
  // outer column is named in full: drizzle leaves columns unqualified in a
  // one-table select, and a bare "id" would mean the story's.
  const outerColumnId = sql`${sql.identifier('site_columns')}.${sql.identifier('id')}`;
  const newestInColumn = sql<Date | null>`(select max(s.published_at) from ${stories} s where s.column_id = ${outerColumnId} and ${isPublishedRow('s')})`.mapWith(
    stories.publishedAt,
  );
  const [columns, [latest]] = await Promise.all([
    db
      .select({ slug: siteColumns.slug, lastmod: newestInColumn })
      .from(siteColumns)
      .where(eq(siteColumns.isActive, true))
      .orderBy(asc(siteColumns.sortOrder), asc(siteColumns.id)),
    db.select({ lastmod: max(stories.publishedAt) }).from(stories).where(isPublished),
  ]);
  return renderUrlset([
    { loc: absoluteUrl(site, '/'), lastmod: latest?.lastmod ?? null },
    ...columns.map((c) => ({ loc: absoluteUrl(site, columnPath(c.slug)), lastmod: c.lastmod })),
  ]);
}

// Anyone: /sitemaps/articles-<page>.xml, the published stories of one id
// range, dated by their latest edit (else publication). Null when the range
// has none (404).
export async function buildArticleSitemap(site: SeoSite, page: number, options: { perFile?: number } = {}): Promise<string | null> {
  const perFile = checkPerFile(options.perFile ?? SITEMAP_MAX_URLS);
  if (!Number.isInteger(page) || page < 1 || (page - 1) * perFile >= MAX_ID) return null;
  const first = (page - 1) * perFile + 1;
  const last = Math.min(page * perFile, MAX_ID);
  const db = await getDb();
  const rows = await db
    .select({ id: stories.id, publicId: stories.publicId, lastmod: modifiedAt })
    .from(stories)
    .where(and(isPublished, gte(stories.id, first), lte(stories.id, last)))
    .orderBy(asc(stories.id));
  if (rows.length === 0) return null;
  return renderUrlset(rows.map((r) => ({ loc: articleUrl(site, r), lastmod: r.lastmod })));
}

export function xmlResponse(body: string | null, contentType: 'application/rss+xml' | 'application/xml'): Response {
  if (body === null) {
    return new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  return new Response(body, {
    headers: {
      'Content-Type': `${contentType}; charset=utf-8`,
      'X-Content-Type-Options': 'nosniff',
      // Readers and crawlers poll: a shared cache may answer them for a minute
      // (and while it fetches a fresh copy), as for the public pages.
      'Cache-Control': 'public, s-maxage=60, stale-while-revalidate=600',
    },
  });
}
