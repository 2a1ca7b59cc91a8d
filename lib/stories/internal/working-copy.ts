import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { stories, storyPending, storyRevisions, type RevisionKind, type Story } from '@/db/schema';
import { intArray, type Tx } from '@/db/client';
import { isDesk } from '../../authz';
import { refreshFingerprint } from '../../duplicates';
import { AppError } from '../../errors';
import { attachMediaToStory, mediaIdsInHtml } from '../../media';
import { isPublishedRow } from '../../published';
import type { Viewer } from '../../viewer';
import type { StoryFields } from './fields';
import { appendRevision } from './revisions';
import { recordEvent } from './transition';

// Writing the text the editor works on: a published story's pending revision
// (story_pending, docs/live-articles.md), any other story's own row.

// Autosave adds a revision at most this often; submits and editor saves always do.
const AUTOSAVE_REVISION_EVERY_MS = 5 * 60_000;

// The images a story uses: those in its body and its cover. They follow the
// story (and become public with it).
export function imagesOf(fields: { bodyHtml: string; coverMediaId: number | null }): number[] {
  const ids = mediaIdsInHtml(fields.bodyHtml);
  return fields.coverMediaId ? [...ids, fields.coverMediaId] : ids;
}

// Writes the working copy of a story locked by the caller, who checked the
// viewer may edit it at the version it holds: into story_pending for a
// published story (readers keep the live copy), else into the story. Bumps
// the version either way and appends a revision (an autosave at most every
// few minutes). Returns the working copy as it now stands.
export async function writeWorkingCopy(tx: Tx, viewer: Viewer, story: Story, fields: StoryFields, kind: RevisionKind): Promise<Story> {
  const now = new Date();
  const isLive = story.status === 'published';
  if (isLive) {
    const started = await tx
      .insert(storyPending)
      .values({ storyId: story.id, ...fields, createdById: viewer.id, updatedById: viewer.id, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: storyPending.storyId, set: { ...fields, updatedById: viewer.id, updatedAt: now } })
      .returning({ createdAt: storyPending.createdAt });
    // The first edit of a live story is on its timeline; the saves after are revisions.
    if (started[0]!.createdAt.getTime() === now.getTime()) {
      await recordEvent(tx, story, viewer, 'edit', story.status, story.status, null, { pending: true, version: story.version + 1 });
    }
  }
  const [updated] = await tx
    .update(stories)
    .set({ ...(isLive ? {} : fields), version: story.version + 1, updatedAt: now })
    .where(and(eq(stories.id, story.id), eq(stories.version, story.version)))
    .returning();
  if (!updated) throw new AppError('conflict');
  await attachMediaToStory(viewer, imagesOf(fields), story.id, tx);
  const [last] = await tx
    .select({ createdAt: storyRevisions.createdAt })
    .from(storyRevisions)
    .where(eq(storyRevisions.storyId, story.id))
    .orderBy(desc(storyRevisions.createdAt))
    .limit(1);
  if (kind !== 'autosave' || !last || now.getTime() - last.createdAt.getTime() >= AUTOSAVE_REVISION_EVERY_MS) {
    await appendRevision(tx, story.id, updated.version, kind, viewer.id, fields);
  }
  // Filed stories are what the duplicate check compares against.
  if (isDesk(viewer)) await refreshFingerprint(tx, story.id, fields.bodyText);
  return isLive ? { ...updated, ...fields } : updated;
}

// A story leaving the site (unpublished by hand or by its expiry) keeps the
// desk's pending edits as its one copy: nothing typed is lost, and readers
// see neither. Inside the caller's transaction, after the state change.
export async function foldPending(tx: Tx, storyIds: readonly number[]): Promise<void> {
  if (storyIds.length === 0) return;
  await tx.execute(sql`
    update stories s set title = p.title, subtitle = p.subtitle, summary = p.summary, byline = p.byline, source = p.source,
      column_id = p.column_id, cover_media_id = p.cover_media_id, body_html = p.body_html, body_text = p.body_text
    from story_pending p
    where p.story_id = s.id and s.id = any(${intArray(storyIds)}) and not ${isPublishedRow('s')}`);
  await tx.execute(sql`delete from story_pending p using stories s where p.story_id = s.id and s.id = any(${intArray(storyIds)}) and not ${isPublishedRow('s')}`);
}
