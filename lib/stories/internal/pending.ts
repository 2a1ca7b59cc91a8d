import 'server-only';
import { eq } from 'drizzle-orm';
import { storyPending, type Story, type StoryPending } from '@/db/schema';
import type { Db, Tx } from '@/db/client';
import type { StoryFields } from './fields';

// A published story's text has two copies (docs/live-articles.md): the live
// one readers see, in stories, and the pending revision the desk edits, in
// story_pending. Every other state has one copy, in stories.

const textKeys = ['title', 'subtitle', 'summary', 'byline', 'source', 'columnId', 'coverMediaId', 'bodyHtml', 'bodyText'] as const satisfies readonly (keyof StoryFields & keyof StoryPending)[];

export async function readPending(db: Db | Tx, storyId: number): Promise<StoryPending | null> {
  const [row] = await db.select().from(storyPending).where(eq(storyPending.storyId, storyId)).limit(1);
  return row ?? null;
}

// The fields a pending revision holds, out of a row of either table.
export function pendingFields(from: Pick<Story, (typeof textKeys)[number]>): StoryFields {
  return Object.fromEntries(textKeys.map((key) => [key, from[key]])) as StoryFields;
}

// What the editor works on: the pending revision where there is one, else
// the story itself. Status, version and everything else are the story's.
export function workingCopy(story: Story, pending: StoryPending | null): Story {
  return pending ? { ...story, ...pendingFields(pending) } : story;
}
