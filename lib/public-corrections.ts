import 'server-only';
import { and, asc, count, desc, eq } from 'drizzle-orm';
import { siteColumns, stories, storyCorrections } from '@/db/schema';
import { getDb } from '@/db/client';
import { renderRss } from './content/xml';
import { absoluteUrl, articleUrl, type SeoSite } from './seo';
import { getSiteSettings } from './settings';
import { isPublished } from './published';
import { FEED_ITEM_LIMIT } from './feeds';

// 更正说明 as readers see them (docs/live-articles.md): at the end of their
// article, and listed on /corrections when the site says so. Like every
// public read, only of published stories, filtered in SQL.

export const CORRECTIONS_PER_PAGE = 20;
// Page numbers in the address are capped, so a crawler cannot ask for page 10^9.
export const CORRECTIONS_MAX_PAGE = 500;

export type ArticleCorrection = { id: number; note: string; createdAt: Date };

export type CorrectionListItem = ArticleCorrection & { storyId: number; publicId: string | null; title: string; columnName: string | null };

// Anyone: a published story's corrections, oldest first (the order they were made).
export async function listArticleCorrections(storyId: number): Promise<ArticleCorrection[]> {
  const db = await getDb();
  return db
    .select({ id: storyCorrections.id, note: storyCorrections.note, createdAt: storyCorrections.createdAt })
    .from(storyCorrections)
    .innerJoin(stories, eq(stories.id, storyCorrections.storyId))
    .where(and(isPublished, eq(storyCorrections.storyId, storyId)))
    .orderBy(asc(storyCorrections.createdAt), asc(storyCorrections.id));
}

// Anyone, while the site lists them (setting 公开更正说明, off by default).
export async function areCorrectionsPublic(): Promise<boolean> {
  return (await getSiteSettings()).site.publicCorrections;
}

function correctionRows(limit: number, offset: number) {
  return getDb().then((db) =>
    db
      .select({
        id: storyCorrections.id,
        note: storyCorrections.note,
        createdAt: storyCorrections.createdAt,
        storyId: stories.id,
        publicId: stories.publicId,
        title: stories.title,
        columnName: siteColumns.name,
      })
      .from(storyCorrections)
      .innerJoin(stories, eq(stories.id, storyCorrections.storyId))
      .leftJoin(siteColumns, eq(siteColumns.id, stories.columnId))
      .where(isPublished)
      .orderBy(desc(storyCorrections.createdAt), desc(storyCorrections.id))
      .limit(limit)
      .offset(offset),
  );
}

// Anyone: one page of /corrections, newest first; null for a page past the
// end (404) or while the site does not list corrections.
export async function listCorrectionsPage(page: number): Promise<{ items: CorrectionListItem[]; page: number; pages: number } | null> {
  if (!Number.isInteger(page) || page < 1 || page > CORRECTIONS_MAX_PAGE) return null;
  if (!(await areCorrectionsPublic())) return null;
  const db = await getDb();
  const [[total], items] = await Promise.all([
    db.select({ n: count() }).from(storyCorrections).innerJoin(stories, eq(stories.id, storyCorrections.storyId)).where(isPublished),
    correctionRows(CORRECTIONS_PER_PAGE, (page - 1) * CORRECTIONS_PER_PAGE),
  ]);
  const pages = Math.max(1, Math.ceil((total?.n ?? 0) / CORRECTIONS_PER_PAGE));
  if (page > pages) return null;
  return { items, page, pages };
}

// Anyone: /corrections/rss.xml, the newest corrections; null (404) while the
// site does not list them.
export async function buildCorrectionsFeed(site: SeoSite, options: { now?: Date } = {}): Promise<string | null> {
  if (!(await areCorrectionsPublic())) return null;
  const items = await correctionRows(FEED_ITEM_LIMIT, 0);
  return renderRss({
    title: `更正说明 · ${site.name}`,
    link: absoluteUrl(site, '/corrections'),
    description: `${site.name} 已发布稿件的更正说明`,
    selfUrl: absoluteUrl(site, '/corrections/rss.xml'),
    lastBuildDate: items[0]?.createdAt ?? options.now ?? new Date(),
    items: items.map((c) => ({
      title: `更正：${c.title}`,
      // The article's address with the correction's anchor: unique per item.
      link: `${articleUrl(site, { id: c.storyId, publicId: c.publicId })}#correction-${c.id}`,
      description: c.note,
      pubDate: c.createdAt,
      category: c.columnName,
    })),
  });
}
