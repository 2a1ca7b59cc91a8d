import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, intArray, queryRows } from '@/db/client';
import type { HeaderReader } from './http/same-origin';
import { isPublishedRow } from './published';

// 阅读量: one count per page view, exact under any concurrency and across
// instances. Each instance adds its views up in memory (lib/view-buffer.ts)
// and writes them once a second into one of a few slot rows of the story (an
// atomic upsert, so instances do not queue on one row); a job folds the slots
// into stories.view_count every few seconds.

export const VIEW_SLOTS = 32;

// Moves every counted slot into its story's total, in one statement: a view
// upserting a slot being folded waits for the fold, then starts a new slot.
export async function foldViewSlots(): Promise<number> {
  const db = await getDb();
  const rows = await queryRows<{ id: number }>(
    db,
    sql`with moved as (delete from story_view_slots returning story_id, views),
        totals as (select story_id, sum(views) as n from moved group by story_id)
        update stories s set view_count = s.view_count + t.n
        from totals t where s.id = t.story_id
        returning s.id`,
  );
  return rows.length;
}

// The figure readers are shown for story `s`: the folded total and the slots
// not yet folded.
const shownViews = sql`s.view_count + coalesce((select sum(v.views) from story_view_slots v where v.story_id = s.id), 0)`;

export async function currentViews(storyId: number): Promise<number> {
  const db = await getDb();
  const [row] = await queryRows<{ views: string | number | null }>(db, sql`select ${shownViews} as views from stories s where s.id = ${storyId}`);
  return Number(row?.views ?? 0);
}

// The shown totals of those of `ids` that are published, in one query.
export async function publishedViewTotals(ids: readonly number[]): Promise<Map<number, number>> {
  const db = await getDb();
  const rows = await queryRows<{ id: number; views: string | number }>(
    db,
    sql`select s.id, ${shownViews} as views from stories s where s.id = any(${intArray(ids)}) and ${isPublishedRow('s')}`,
  );
  return new Map(rows.map((row) => [row.id, Number(row.views)]));
}

// Crawlers, link previews and monitors fetch pages too; they are not readers.
const BOT_PATTERN = /bot|crawl|spider|slurp|bingpreview|facebookexternalhit|embedly|quora link preview|whatsapp|telegram|headless|phantom|python-requests|curl|wget|httpclient|okhttp|go-http-client|java\/|libwww|monitor|uptime|lighthouse|pagespeed|yandex|baidu|sogou|360spider|bytespider|petalbot/i;

export function isCountableView(headers: HeaderReader): boolean {
  const agent = headers.get('user-agent') ?? '';
  if (!agent || BOT_PATTERN.test(agent)) return false;
  // Prefetches and prerenders are not views.
  const purpose = `${headers.get('sec-purpose') ?? ''} ${headers.get('purpose') ?? ''} ${headers.get('x-purpose') ?? ''}`;
  if (/prefetch|prerender|preview/i.test(purpose)) return false;
  return true;
}
