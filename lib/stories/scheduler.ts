import 'server-only';
import { and, eq, lte, sql } from 'drizzle-orm';
import { stories } from '@/db/schema';
import { getDb } from '@/db/client';
import { publicStoriesChanged } from '../public-changes';
import { transitions } from '../workflow';
import { tellOwner } from './internal/recipients';
import { recordEvent } from './internal/transition';

// The scheduler: flips every scheduled story whose time has come. Idempotent
// and safe with several instances running it at once: the guarded UPDATE
// takes each row once (a concurrent flipper waits on the row lock, then finds
// it no longer scheduled).
export async function publishDueStories(now = new Date()): Promise<number[]> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const flipped = await tx
      .update(stories)
      .set({
        status: transitions.publish_due.to,
        // The page shows the time the editor chose, not the tick that flipped
        // it; a story republished on a schedule keeps its original date.
        publishedAt: sql`coalesce(${stories.publishedAt}, ${stories.publishAt})`,
        firstPublishedAt: sql`coalesce(${stories.firstPublishedAt}, ${stories.publishAt})`,
        publishAt: null,
        version: sql`${stories.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(stories.status, 'scheduled'), lte(stories.publishAt, now)))
      .returning();
    for (const story of flipped) {
      await recordEvent(tx, story, null, 'publish_due', 'scheduled', 'published');
      await tellOwner(tx, null, story, 'story_published');
    }
    await publicStoriesChanged(tx, { storyIds: flipped.map((s) => s.id) });
    return flipped.map((s) => s.id);
  });
}
