import 'server-only';
import { sql } from 'drizzle-orm';
import { intArray, queryRows, type Db, type Tx } from '@/db/client';
import { columnPath, correctionsPath, routePath } from './public-paths';
import { locales } from './i18n/locales';
import { articlePath } from './article-path';
import { isPublishedRow } from './published';

// The public pages are rendered once and kept in Next's cache. This module
// says which of them a change made stale and tells every instance: the change
// is sent on a PostgreSQL channel when its transaction commits, each
// instance's server listens (scripts/server.ts) and passes it to
// /api/internal/revalidate, which drops those pages from its cache.

// The channel on which every instance hears that public pages went stale.
export const PUBLIC_CHANGE_CHANNEL = 'tougao_public_change';

// Pages named by their public address without language (/articles/12,
// /columns/fzyw); both languages go stale together. The home page always
// does: it lists the newest stories of every column.
export type StalePages = {
  everything: boolean;
  articles: string[];
  columns: string[];
  // A change among older stories: the column pages after the first one.
  olderColumnPages: boolean;
  // A story with correction notes changed: /corrections and its pages.
  corrections?: boolean;
};

// pg_notify carries at most 8,000 bytes; a bigger change drops everything.
const MAX_PAYLOAD_BYTES = 7000;

export const EVERYTHING: StalePages = { everything: true, articles: [], columns: [], olderColumnPages: false };

export async function announceStalePages(tx: Db | Tx, stale: StalePages): Promise<void> {
  let payload = JSON.stringify(stale);
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) payload = JSON.stringify(EVERYTHING);
  await tx.execute(sql`select pg_notify(${PUBLIC_CHANGE_CHANNEL}, ${payload})`);
}

// Where a published story sits for readers: its column and its place in it.
export type Footprint = { storyId: number; columnId: number | null; publishedAt: Date };

// The stories' footprints as the public copy (story_search) has them: read
// before the copy is refreshed, they are where readers saw the stories.
export async function publishedFootprints(tx: Db | Tx, storyIds: readonly number[]): Promise<Footprint[]> {
  if (storyIds.length === 0) return [];
  const rows = await queryRows<{ story_id: number; column_id: number | null; published_at: string | Date }>(
    tx,
    sql`select story_id, column_id, published_at from story_search where story_id = any(${intArray(storyIds)})`,
  );
  return rows.map((r) => ({ storyId: r.story_id, columnId: r.column_id, publishedAt: new Date(r.published_at) }));
}

// The pages that show these stories, given where they were and where they
// are now: their own pages, their columns, and the pages of the stories next
// to each place (whose 上一篇/下一篇 links change). Same order as the
// article page's neighbours (lib/public-stories): published time, then id.
export async function stalePagesFor(tx: Db | Tx, storyIds: readonly number[], footprints: readonly Footprint[]): Promise<StalePages> {
  const articles = new Set<string>();
  // Both addresses of a story answer: its number and its public id.
  const addAddresses = (s: { id: number; public_id: string | null }) => {
    articles.add(articlePath({ id: s.id, publicId: null }));
    if (s.public_id) articles.add(articlePath({ id: s.id, publicId: s.public_id }));
  };
  const own = await queryRows<{ id: number; public_id: string | null }>(tx, sql`select id, public_id from stories where id = any(${intArray(storyIds)})`);
  own.forEach(addAddresses);
  let olderColumnPages = false;
  const columnIds = new Set<number>();
  if (footprints.length > 0) {
    for (const f of footprints) if (f.columnId !== null) columnIds.add(f.columnId);
    const neighbours = await queryRows<{ id: number; public_id: string | null; side: 'older' | 'newer' }>(
      tx,
      sql`select n.id, n.public_id, n.side
          from unnest(${intArray(footprints.map((f) => f.storyId))},
                      ${intArray(footprints.map((f) => f.columnId))},
                      ${`{${footprints.map((f) => `"${f.publishedAt.toISOString()}"`).join(',')}}`}::timestamptz[])
               as f(story_id, column_id, published_at)
          cross join lateral (
            (select s.id, s.public_id, 'older' as side from stories s
              where ${isPublishedRow('s')} and (f.column_id is null or s.column_id = f.column_id)
                and (s.published_at, s.id) < (f.published_at, f.story_id)
              order by s.published_at desc, s.id desc limit 1)
            union all
            (select s.id, s.public_id, 'newer' as side from stories s
              where ${isPublishedRow('s')} and (f.column_id is null or s.column_id = f.column_id)
                and (s.published_at, s.id) > (f.published_at, f.story_id)
              order by s.published_at, s.id limit 1)
          ) n`,
    );
    for (const n of neighbours) {
      addAddresses(n);
      // Not the newest of its column: it may sit on an older page.
      if (n.side === 'newer') olderColumnPages = true;
    }
  }
  const columns =
    columnIds.size > 0
      ? (await queryRows<{ slug: string }>(tx, sql`select slug from site_columns where id = any(${intArray([...columnIds])})`)).map((c) => c.slug)
      : [];
  const [corrected] = await queryRows<{ one: number }>(tx, sql`select 1 as one from story_corrections where story_id = any(${intArray(storyIds)}) limit 1`);
  return { everything: false, articles: [...articles], columns, olderColumnPages, ...(corrected ? { corrections: true } : {}) };
}

// Route patterns name the files, route group included: without "(public)"
// revalidatePath matches no cached page at all.
const SEARCH_PAGE_ROUTES = ['/(public)/[locale]/search/[q]', '/(public)/[locale]/search/[q]/[page]'];
const OLDER_COLUMN_PAGE_ROUTE = '/(public)/[locale]/columns/[slug]/p/[cursor]';
const CORRECTIONS_PAGE_ROUTE = '/(public)/[locale]/corrections/p/[page]';

// Pure: the cache entries to drop for a set of stale pages, as Next's
// revalidatePath takes them: paths in the route tree (/zh-CN/articles/12),
// and route patterns for whole families of pages.
export function revalidationTargets(stale: StalePages): { paths: string[]; patterns: string[]; layouts: string[] } {
  if (stale.everything) return { paths: [], patterns: [], layouts: ['/'] };
  const paths: string[] = [];
  for (const locale of locales) {
    paths.push(routePath(locale, '/'));
    for (const article of stale.articles) paths.push(routePath(locale, article));
    for (const slug of stale.columns) paths.push(routePath(locale, columnPath(slug)));
    if (stale.corrections) paths.push(routePath(locale, correctionsPath()));
  }
  // Any change may add, drop or reword a search result: every cached search goes.
  const patterns = [...SEARCH_PAGE_ROUTES, ...(stale.olderColumnPages ? [OLDER_COLUMN_PAGE_ROUTE] : []), ...(stale.corrections ? [CORRECTIONS_PAGE_ROUTE] : [])];
  return { paths, patterns, layouts: [] };
}

// Reads a payload heard on the channel; anything malformed counts as
// "everything" (a stale cache is worse than a re-render).
export function parseStalePages(value: unknown): StalePages {
  if (!value || typeof value !== 'object') return EVERYTHING;
  const v = value as Record<string, unknown>;
  const strings = (x: unknown) => (Array.isArray(x) && x.every((s) => typeof s === 'string') ? (x as string[]) : null);
  const articles = strings(v.articles);
  const columns = strings(v.columns);
  if (v.everything === true || !articles || !columns) return EVERYTHING;
  // Only addresses of our own shape reach revalidatePath.
  return {
    everything: false,
    articles: articles.filter((a) => /^\/articles\/[\w-]{1,100}$/.test(a)),
    columns: columns.filter((c) => /^[\w-]{1,100}$/.test(c)),
    olderColumnPages: v.olderColumnPages === true,
    ...(v.corrections === true ? { corrections: true } : {}),
  };
}
