import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, intArray } from '@/db/client';
import { logger } from './logger';
import { VIEW_SLOTS, publishedViewTotals } from './views';
import { isId } from './ids';
import { isPublishedRow } from './published';

// The view beacon's counting: each instance adds up its views in memory and
// writes them once a second in one statement, so a widely shared article
// costs the database one row write a second per instance, not one per
// reader. Exact: every view is written once (a failed write is kept and
// tried again); what a crash of the instance can lose is its last second.

// How long a story is taken to be published (and its total known) before
// the database is asked again.
const KNOWN_MS = 10_000;
const FLUSH_MS = 1_000;

type Known = { total: number; at: number };

export class ViewBuffer {
  private pending = new Map<number, number>();
  private flushing = new Map<number, number>();
  private known = new Map<number, Known>();
  // One database read per story however many readers arrive at once.
  private reading = new Map<number, Promise<number | null>>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  // Counts one view of a published story and answers its running total
  // (null when the story is not published).
  async count(storyId: number): Promise<number | null> {
    if (!isId(storyId)) return null;
    let known = this.known.get(storyId);
    // Not re-read while a write is under way: the total might then hold views counted here as well.
    if (!known || (Date.now() - known.at > KNOWN_MS && !this.flushing.has(storyId))) {
      let read = this.reading.get(storyId);
      if (!read) {
        read = publishedViewTotals([storyId])
          .then((totals) => totals.get(storyId) ?? null)
          .finally(() => this.reading.delete(storyId));
        this.reading.set(storyId, read);
      }
      const total = await read;
      if (total === null) {
        this.known.delete(storyId);
        return null;
      }
      known = { total, at: Date.now() };
      this.known.set(storyId, known);
    }
    const pending = (this.pending.get(storyId) ?? 0) + 1;
    this.pending.set(storyId, pending);
    this.timer ??= setInterval(() => {
      this.forgetOld();
      this.flush().catch((error: unknown) => logger.warn({ err: error }, 'views kept for the next write'));
    }, FLUSH_MS).unref();
    return known.total + (this.flushing.get(storyId) ?? 0) + pending;
  }

  // Totals of stories nobody has read for a while, so the map holds the
  // stories being read now, not every story ever read since the start.
  private forgetOld(): void {
    const before = Date.now() - KNOWN_MS;
    for (const [id, known] of this.known) if (known.at < before && !this.pending.has(id) && !this.flushing.has(id)) this.known.delete(id);
  }

  // Writes what was counted; one write at a time.
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (this.pending.size === 0) return;
    this.inFlight = this.write().finally(() => (this.inFlight = undefined));
    await this.inFlight;
  }

  private async write(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = batch;
    const ids = [...batch.keys()];
    try {
      const db = await getDb();
      // Its own transaction, committed without waiting for the disk
      // (synchronous_commit off for it alone): a crash of the database server
      // may lose the last moment of views, never corrupt them. A story
      // unpublished meanwhile is left out by the join.
      await db.execute(sql`
        with no_wait as (select set_config('synchronous_commit', 'off', true)),
             counted as (select * from unnest(${intArray(ids)}, ${intArray(ids.map((id) => batch.get(id)!))}) as c(story_id, n))
        insert into story_view_slots (story_id, slot, views)
        select c.story_id, ${Math.floor(Math.random() * VIEW_SLOTS)}, c.n
        from counted c join stories s on s.id = c.story_id and ${isPublishedRow('s')}, no_wait
        on conflict (story_id, slot) do update set views = story_view_slots.views + excluded.views`);
    } catch (error) {
      // Kept for the next write.
      for (const [id, n] of batch) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
      this.flushing = new Map();
      throw error;
    }
    // The written totals, for the answers that follow (read again at the
    // next view if this read fails).
    const totals = await publishedViewTotals(ids).catch(() => new Map<number, number>());
    const at = Date.now();
    for (const id of ids) {
      const total = totals.get(id);
      if (total === undefined) this.known.delete(id);
      else this.known.set(id, { total, at });
    }
    this.flushing = new Map();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

// The instance's one buffer, used by the view beacon (lib/http/view-beacon.ts)
// and written out by the server before it stops (scripts/server.ts).
let instanceBuffer: ViewBuffer | undefined;

export function viewBuffer(): ViewBuffer {
  instanceBuffer ??= new ViewBuffer();
  return instanceBuffer;
}
