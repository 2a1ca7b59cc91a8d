import { sql } from 'drizzle-orm';
import { queryRows, getDb } from '@/db/client';

// 阅读量: one count per page view, exact under any concurrency and across
// instances. A view adds to one of a few slot rows of its story (an atomic
// upsert, so many readers of one article do not queue on one row); a job
// folds the slots into stories.view_count every few seconds.

// Enough that 50 readers of one article at once rarely wait on the same row.
export const VIEW_SLOTS = 32;

// Counts a view of a published story and returns its total so far, or null
// when there is no such published story (nothing is counted then).
export async function recordView(storyId: number): Promise<number | null> {
  if (!Number.isInteger(storyId) || storyId <= 0 || storyId > 2_147_483_647) return null;
  const slot = Math.floor(Math.random() * VIEW_SLOTS);
  const db = await getDb();
  // The insert's own row is invisible to the outer select (same statement),
  // hence the "+ hit" for this view. The statement is its own transaction,
  // committed without waiting for the disk (synchronous_commit off, for this
  // transaction only): a crash of the database server may lose the last
  // fraction of a second of views, never corrupt them, and the beacon stops
  // queueing behind WAL flushes under load.
  const [row] = await queryRows<{ views: string | number | null }>(
    db,
    sql`with no_wait as (select set_config('synchronous_commit', 'off', true)),
        hit as (
          insert into story_view_slots (story_id, slot, views)
          select id, ${slot}, 1 from stories where id = ${storyId} and status = 'published'
          on conflict (story_id, slot) do update set views = story_view_slots.views + 1
          returning story_id
        )
        select s.view_count
               + coalesce((select sum(v.views) from story_view_slots v where v.story_id = s.id), 0)
               + (select count(*) from hit) as views
        from stories s, no_wait
        where s.id = ${storyId} and exists (select 1 from hit)`,
  );
  return row?.views == null ? null : Number(row.views);
}

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

// What is shown before the page's own view is counted: the folded total and
// the slots not yet folded.
export async function currentViews(storyId: number): Promise<number> {
  const db = await getDb();
  const [row] = await queryRows<{ views: string | number | null }>(
    db,
    sql`select s.view_count + coalesce((select sum(v.views) from story_view_slots v where v.story_id = s.id), 0) as views
        from stories s where s.id = ${storyId}`,
  );
  return Number(row?.views ?? 0);
}

// Crawlers, link previews and monitors fetch pages too; they are not readers.
const BOT_PATTERN = /bot|crawl|spider|slurp|bingpreview|facebookexternalhit|embedly|quora link preview|whatsapp|telegram|headless|phantom|python-requests|curl|wget|httpclient|okhttp|go-http-client|java\/|libwww|monitor|uptime|lighthouse|pagespeed|yandex|baidu|sogou|360spider|bytespider|petalbot/i;

export function isCountableView(headers: Headers): boolean {
  const agent = headers.get('user-agent') ?? '';
  if (!agent || BOT_PATTERN.test(agent)) return false;
  // Prefetches and prerenders are not views.
  const purpose = `${headers.get('sec-purpose') ?? ''} ${headers.get('purpose') ?? ''} ${headers.get('x-purpose') ?? ''}`;
  if (/prefetch|prerender|preview/i.test(purpose)) return false;
  return true;
}
