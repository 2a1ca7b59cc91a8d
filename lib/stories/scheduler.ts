import 'server-only';
import { and, eq, lte, sql } from 'drizzle-orm';
import { stories } from '@/db/schema';
import { getDb } from '@/db/client';
import { publicStoriesChanged } from '../public-changes';
import { isPublished } from '../published';
import { foldPending } from './internal/working-copy';
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

// 到期撤下: takes every published story whose expiry has come off the site.
// As above, one guarded UPDATE: with several instances each story is taken
// down once, with one event and one notice to its owner.
export async function unpublishDueStories(now = new Date()): Promise<number[]> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const due = await tx
      .update(stories)
      .set({ status: transitions.unpublish_due.to, unpublishAt: null, version: sql`${stories.version} + 1`, updatedAt: now })
      .where(and(isPublished, lte(stories.unpublishAt, now)))
      .returning();
    for (const story of due) {
      await recordEvent(tx, story, null, 'unpublish_due', 'published', 'unpublished');
      await tellOwner(tx, null, story, 'story_unpublished', { expired: true });
    }
    await foldPending(tx, due.map((s) => s.id));
    await publicStoriesChanged(tx, { storyIds: due.map((s) => s.id) });
    return due.map((s) => s.id);
  });
}
