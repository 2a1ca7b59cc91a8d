import 'server-only';
import { sql } from 'drizzle-orm';
import { intArray, queryRows, type Db, type Tx } from '@/db/client';
import { isPublishedRow } from './published';

// The public search's copy of published stories (story_search, see
// db/schema/stories.ts): a row per published story, its title, text and date
// as readers see them. The database cuts the words and keeps the indexes.

// Copies these stories as they now are: published ones in (or updated),
// any other state out. Called inside every transaction that changes what
// readers see (lib/public-changes), so the search commits or rolls back with
// the change.
export async function refreshSearchIndex(tx: Tx | Db, storyIds: readonly number[]): Promise<void> {
  if (storyIds.length === 0) return;
  const ids = intArray(storyIds);
  await tx.execute(sql`
    delete from story_search ss
    where ss.story_id = any(${ids})
      and not exists (select 1 from stories s where s.id = ss.story_id and ${isPublishedRow('s')})`);
  // An unchanged story is left alone: rewriting its row would re-index its words.
  await tx.execute(sql`
    insert into story_search (story_id, story_version, published_at, column_id, title, body_text)
    select s.id, s.version, s.published_at, s.column_id, s.title, s.body_text
    from stories s
    where s.id = any(${ids}) and ${isPublishedRow('s')}
    on conflict (story_id) do update
      set story_version = excluded.story_version, published_at = excluded.published_at, column_id = excluded.column_id, title = excluded.title, body_text = excluded.body_text
      where (story_search.story_version, story_search.published_at, story_search.column_id) is distinct from (excluded.story_version, excluded.published_at, excluded.column_id)`);
}

// Brings the copy in line with the stories, for stories published without
// lib/ (seeds, imports) and for a database that had none: copies published
// stories that are missing or older than their story, drops the rest. Run
// at start-up; cheap when nothing is missing (one pass over the ids).
export async function backfillSearchIndex(db: Db, options: { batchSize?: number } = {}): Promise<{ indexed: number; removed: number }> {
  const batchSize = options.batchSize ?? 500;
  const removed = await queryRows<{ story_id: number }>(
    db,
    sql`delete from story_search ss
        where not exists (select 1 from stories s where s.id = ss.story_id and ${isPublishedRow('s')})
        returning ss.story_id`,
  );
  let indexed = 0;
  let afterId = 0;
  for (;;) {
    const batch = await queryRows<{ id: number }>(
      db,
      sql`select s.id from stories s
          left join story_search ss on ss.story_id = s.id
          where ${isPublishedRow('s')} and s.id > ${afterId}
            and (ss.story_id is null or ss.story_version <> s.version or ss.published_at <> s.published_at
                 or ss.column_id is distinct from s.column_id)
          order by s.id
          limit ${batchSize}`,
    );
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1]!.id;
    await db.transaction((tx) => refreshSearchIndex(tx, batch.map((row) => row.id)));
    indexed += batch.length;
  }
  return { indexed, removed: removed.length };
}
