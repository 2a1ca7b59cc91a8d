import 'server-only';
import { and, asc, desc, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import { siteColumns, stories, type SiteColumn } from '@/db/schema';
import { getDb, type Db } from '@/db/client';
import { storyDescription } from './content/excerpt';
import { isId } from './ids';
import { isPublished } from './published';

// Everything the public site reads goes through here, and every query is
// filtered to published stories in SQL: a draft, a scheduled story before its
// time or an unpublished one is simply not found (404, not 403).

export type PublicColumn = Pick<SiteColumn, 'id' | 'slug' | 'name' | 'description'>;

export type PublicStoryListItem = {
  id: number;
  publicId: string | null;
  title: string;
  summary: string;
  publishedAt: Date;
  columnSlug: string | null;
  columnName: string | null;
};

export type PublicArticle = PublicStoryListItem & {
  subtitle: string;
  byline: string;
  source: string;
  editorName: string;
  reviewerNames: string;
  signerName: string;
  bodyHtml: string;
  viewCount: number;
  contentUpdatedAt: Date | null;
  columnId: number | null;
  coverMediaId: number | null;
  bodyText: string;
};

export type Neighbour = { id: number; publicId: string | null; title: string } | null;

export { articlePath } from './article-path';

// What /articles/[key] names: a story number, or a public id (never all digits).
function articleKey(key: string): SQL | null {
  if (/^\d{1,10}$/.test(key)) {
    const id = Number(key);
    return isId(id) ? eq(stories.id, id) : null;
  }
  return /^[a-z0-9][a-z0-9-]{2,63}$/.test(key) ? eq(stories.publicId, key) : null;
}

const listFields = {
  id: stories.id,
  publicId: stories.publicId,
  title: stories.title,
  summary: stories.summary,
  publishedAt: sql<Date>`${stories.publishedAt}`.mapWith(stories.publishedAt),
  // A hidden column's page is a 404, so its stories link to no column page.
  columnSlug: sql<string | null>`case when ${siteColumns.isActive} then ${siteColumns.slug} end`,
  columnName: siteColumns.name,
};

export async function listNavColumns(): Promise<PublicColumn[]> {
  const db = await getDb();
  return db
    .select({ id: siteColumns.id, slug: siteColumns.slug, name: siteColumns.name, description: siteColumns.description })
    .from(siteColumns)
    .where(eq(siteColumns.isActive, true))
    .orderBy(asc(siteColumns.sortOrder), asc(siteColumns.id));
}

export async function listLatestStories(limit: number, columnId?: number): Promise<PublicStoryListItem[]> {
  const db = await getDb();
  return db
    .select(listFields)
    .from(stories)
    .leftJoin(siteColumns, eq(siteColumns.id, stories.columnId))
    .where(columnId ? and(isPublished, eq(stories.columnId, columnId)) : isPublished)
    .orderBy(desc(stories.publishedAt), desc(stories.id))
    .limit(limit);
}

export async function getColumnBySlug(slug: string): Promise<PublicColumn | null> {
  const db = await getDb();
  const [column] = await db
    .select({ id: siteColumns.id, slug: siteColumns.slug, name: siteColumns.name, description: siteColumns.description })
    .from(siteColumns)
    .where(and(eq(siteColumns.slug, slug), eq(siteColumns.isActive, true)))
    .limit(1);
  return column ?? null;
}

// One page of a column, newest first, by keyset (publishedAt, id) so deep
// pages stay fast on large archives.
export async function listColumnPage(
  columnId: number,
  options: { before?: { publishedAt: Date; id: number }; limit?: number },
): Promise<{ items: PublicStoryListItem[]; hasMore: boolean }> {
  const limit = options.limit ?? 20;
  const db = await getDb();
  const cursor = options.before
    ? or(lt(stories.publishedAt, options.before.publishedAt), and(eq(stories.publishedAt, options.before.publishedAt), lt(stories.id, options.before.id)))
    : undefined;
  const rows = await db
    .select(listFields)
    .from(stories)
    .leftJoin(siteColumns, eq(siteColumns.id, stories.columnId))
    .where(and(isPublished, eq(stories.columnId, columnId), cursor))
    .orderBy(desc(stories.publishedAt), desc(stories.id))
    .limit(limit + 1);
  return { items: rows.slice(0, limit), hasMore: rows.length > limit };
}

// The story published just before or after this one in its column (the
// site's 上一篇 / 下一篇), by time and then id.
async function neighbour(db: Db, article: { id: number; columnId: number | null; publishedAt: Date }, side: 'before' | 'after'): Promise<Neighbour> {
  const [beyond, order] = side === 'before' ? [lt, desc] : [gt, asc];
  const sameColumn = article.columnId ? eq(stories.columnId, article.columnId) : undefined;
  const [row] = await db
    .select({ id: stories.id, publicId: stories.publicId, title: stories.title })
    .from(stories)
    .where(and(isPublished, sameColumn, or(beyond(stories.publishedAt, article.publishedAt), and(eq(stories.publishedAt, article.publishedAt), beyond(stories.id, article.id)))))
    .orderBy(order(stories.publishedAt), order(stories.id))
    .limit(1);
  return row ?? null;
}

export async function getPublishedArticle(key: string): Promise<{ article: PublicArticle; previous: Neighbour; next: Neighbour } | null> {
  const byKey = articleKey(key);
  if (!byKey) return null;
  const db = await getDb();
  const [article] = await db
    .select({
      ...listFields,
      subtitle: stories.subtitle,
      byline: stories.byline,
      source: stories.source,
      editorName: stories.editorName,
      reviewerNames: stories.reviewerNames,
      signerName: stories.signerName,
      bodyHtml: stories.bodyHtml,
      viewCount: stories.viewCount,
      contentUpdatedAt: stories.contentUpdatedAt,
      columnId: stories.columnId,
      coverMediaId: stories.coverMediaId,
      bodyText: stories.bodyText,
    })
    .from(stories)
    .leftJoin(siteColumns, eq(siteColumns.id, stories.columnId))
    .where(and(isPublished, byKey))
    .limit(1);
  if (!article) return null;
  const [previous, next] = await Promise.all([neighbour(db, article, 'before'), neighbour(db, article, 'after')]);
  return { article, previous: previous ?? null, next: next ?? null };
}

export type Headline = PublicStoryListItem & { imageId: number | null; excerpt: string };

// 头条: the newest story the editor made the headline, else the newest
// published story; with its cover, or else the first image of its body.
export async function getHeadline(): Promise<Headline | null> {
  const db = await getDb();
  const newest = (where: SQL | undefined) =>
    db
      .select({ ...listFields, coverMediaId: stories.coverMediaId, bodyHtml: stories.bodyHtml, bodyText: stories.bodyText })
      .from(stories)
      .leftJoin(siteColumns, eq(siteColumns.id, stories.columnId))
      .where(where)
      .orderBy(desc(stories.publishedAt), desc(stories.id))
      .limit(1);
  const [chosen] = await newest(and(isPublished, eq(stories.isHeadline, true)));
  const row = chosen ?? (await newest(isPublished))[0];
  if (!row) return null;
  const { coverMediaId, bodyHtml, bodyText, ...item } = row;
  const inBody = /\/media\/(\d{1,10})\//.exec(bodyHtml);
  const excerpt = storyDescription({ summary: '', bodyText }, 160);
  return { ...item, imageId: coverMediaId ?? (inBody ? Number(inBody[1]) : null), excerpt };
}
