import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, queryRows } from '@/db/client';
import { parseSearchQuery, type SearchQuery } from './content/search-query';
import { SNIPPET_SCAN_CHARS, highlightHtml, snippetHtml } from './content/search-text';
import { isPublishedRow } from './published';

// The public site's search (/search?q=): published stories whose title or
// text hold every word of the query, those with the words in their title
// first, newest first within each. The database matches through the two GIN
// indexes of story_search (db/schema/stories.ts, kept by lib/search-index);
// this module repeats their expressions exactly, or they are not used.

export const SEARCH_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 50;
// Nobody reads page 51 of search results; a deeper offset only costs.
export const MAX_SEARCH_PAGE = 50;
// Matches are counted up to the last one a reader can page to (50 pages of
// 20): counting every story that holds a common word (律师, 工作) visits each
// of them in the table, which at 100,000 stories costs far more than the page
// itself (hundreds of ms a search); "1,000+" says enough.
export const SEARCH_COUNT_LIMIT = MAX_SEARCH_PAGE * SEARCH_PAGE_SIZE;

export type PublicSearchResult = {
  id: number;
  publicId: string | null;
  title: string;
  publishedAt: Date;
  columnName: string | null;
  columnSlug: string | null;
  // Escaped text, the matches in <mark>: safe to render as HTML.
  titleHtml: string;
  // About 120 characters of the story around its first match, the same way.
  snippetHtml: string;
};

export type PublicSearchPage = {
  // Published stories that match, not just the pages that can be shown; at
  // most SEARCH_COUNT_LIMIT, and then totalIsExact is false ("1,000+").
  total: number;
  totalIsExact: boolean;
  page: number;
  pageSize: number;
  // Pages that can be shown: at most MAX_SEARCH_PAGE.
  pageCount: number;
  results: PublicSearchResult[];
};

const documentWords = sql.raw(`to_tsvector('simple', public_search_text("story_search"."title" || ' ' || "story_search"."body_text"))`);
const titleWords = sql.raw(`to_tsvector('simple', public_search_text("story_search"."title"))`);

// The query as a tsquery: the CJK pieces already in tsquery syntax (quoted,
// see ./content/search-query), the rest as plain text that the database cuts
// with the index's own function. Both bound as parameters.
function tsquery(query: SearchQuery): SQL {
  const parts: SQL[] = [];
  if (query.cjkTsquery) parts.push(sql`to_tsquery('simple', ${query.cjkTsquery})`);
  if (query.otherText) parts.push(sql`plainto_tsquery('simple', public_search_text(${query.otherText}))`);
  return sql`(${sql.join(parts, sql` && `)})`;
}

function clampInteger(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

type HitRow = { id: number; public_id: string | null; title: string; published_at: Date | string; body_text: string; column_name: string | null; column_slug: string | null };

// One page of one tier, newest first, with what a result shows. `hits` is
// fenced (offset 0) so it is planned on its own, through its GIN index, never
// as public_search_text run row by row. The story itself must still be
// published: the copy is only ever as fresh as its last refresh.
async function pageOf(hits: SQL, offset: number, limit: number): Promise<HitRow[]> {
  if (limit <= 0) return [];
  const db = await getDb();
  return queryRows<HitRow>(
    db,
    sql`with page as (
          select hit.id, hit.published_at
          from (${hits} offset 0) as hit
          order by hit.published_at desc, hit.id desc
          offset ${offset} limit ${limit}
        )
        select s.id, s.public_id, s.title, s.published_at, left(s.body_text, ${SNIPPET_SCAN_CHARS}) as body_text,
               c.name as column_name, c.slug as column_slug
        from page
        join stories s on s.id = page.id and ${isPublishedRow('s')}
        left join site_columns c on c.id = s.column_id
        order by page.published_at desc, page.id desc`,
  );
}

// Anyone may search; only published stories are ever read. A blank query, or
// one of punctuation only, finds nothing without asking the database.
export async function searchPublished(query: string, options: { page?: number; pageSize?: number } = {}): Promise<PublicSearchPage> {
  const pageSize = clampInteger(options.pageSize, 1, MAX_PAGE_SIZE, SEARCH_PAGE_SIZE);
  const page = clampInteger(options.page, 1, MAX_SEARCH_PAGE, 1);
  const empty: PublicSearchPage = { total: 0, totalIsExact: true, page, pageSize, pageCount: 0, results: [] };
  const parsed = parseSearchQuery(query);
  if (!parsed) return empty;

  const q = tsquery(parsed);
  const titleHits = sql`select story_search.story_id as id, story_search.published_at from story_search where ${titleWords} @@ ${q}`;
  const offset = (page - 1) * pageSize;
  const db = await getDb();
  // The counts and the title tier's page do not depend on each other. Title
  // matches are counted only as far as this page: beyond it, the page is
  // all title matches.
  const [[counts], titled] = await Promise.all([
    queryRows<{ matched: number | string; titled: number | string }>(
      db,
      sql`select
            (select count(*) from (select 1 from story_search where ${documentWords} @@ ${q} limit ${SEARCH_COUNT_LIMIT + 1}) as m) as matched,
            (select count(*) from (${titleHits} limit ${offset + pageSize}) as t) as titled`,
    ),
    pageOf(titleHits, offset, pageSize),
  ]);
  const matched = Number(counts?.matched ?? 0);
  const titledCount = Number(counts?.titled ?? 0);
  const total = Math.min(matched, SEARCH_COUNT_LIMIT);
  const totalIsExact = matched <= SEARCH_COUNT_LIMIT;
  const pageCount = Math.min(MAX_SEARCH_PAGE, Math.ceil(total / pageSize));
  if (total === 0) return empty;

  // The rest of the page from the stories that match in their text only.
  let rows = titled;
  if (rows.length < pageSize && matched > titledCount) {
    const textOnly = sql`select story_search.story_id as id, story_search.published_at from story_search
      where ${documentWords} @@ ${q}
        and story_search.story_id not in (select hit.id from (${titleHits} offset 0) as hit)`;
    rows = rows.concat(await pageOf(textOnly, Math.max(0, offset - titledCount), pageSize - rows.length));
  }

  const results = rows.map((row) => ({
    id: row.id,
    publicId: row.public_id,
    title: row.title,
    publishedAt: new Date(row.published_at),
    columnName: row.column_name,
    columnSlug: row.column_slug,
    titleHtml: highlightHtml(row.title, parsed.terms),
    snippetHtml: snippetHtml(row.body_text, parsed.terms),
  }));
  return { total, totalIsExact, page, pageSize, pageCount, results };
}
