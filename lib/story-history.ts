import { and, desc, eq, inArray } from 'drizzle-orm';
import { storyRevisions, units, users, type RevisionKind } from '@/db/schema';
import { getDb } from '@/db/client';
import { getStoryForViewer } from './stories';
import { requirePermission, type Viewer } from './viewer';

// What the review desk shows around a story: who filed it, and every revision.

export type RevisionItem = { id: number; kind: RevisionKind; storyVersion: number; title: string; authorName: string | null; createdAt: Date; chars: number };

export async function listRevisions(viewer: Viewer, storyId: number): Promise<RevisionItem[]> {
  requirePermission(viewer, 'review:use');
  await getStoryForViewer(viewer, storyId);
  const db = await getDb();
  const rows = await db
    .select({
      id: storyRevisions.id,
      kind: storyRevisions.kind,
      storyVersion: storyRevisions.storyVersion,
      title: storyRevisions.title,
      authorName: users.displayName,
      createdAt: storyRevisions.createdAt,
      bodyText: storyRevisions.bodyText,
    })
    .from(storyRevisions)
    .leftJoin(users, eq(users.id, storyRevisions.authorId))
    .where(eq(storyRevisions.storyId, storyId))
    .orderBy(desc(storyRevisions.createdAt), desc(storyRevisions.id))
    .limit(500);
  return rows.map(({ bodyText, ...r }) => ({ ...r, chars: [...bodyText.replace(/\s/g, '')].length }));
}

export type RevisionText = { id: number; title: string; subtitle: string; summary: string; bodyText: string };

// Two revisions of one story, for a diff; null when either is not this story's.
export async function getRevisionPair(viewer: Viewer, storyId: number, fromId: number, toId: number): Promise<{ from: RevisionText; to: RevisionText } | null> {
  requirePermission(viewer, 'review:use');
  await getStoryForViewer(viewer, storyId);
  const db = await getDb();
  const rows = await db
    .select({ id: storyRevisions.id, title: storyRevisions.title, subtitle: storyRevisions.subtitle, summary: storyRevisions.summary, bodyText: storyRevisions.bodyText })
    .from(storyRevisions)
    .where(and(eq(storyRevisions.storyId, storyId), inArray(storyRevisions.id, [fromId, toId])));
  const from = rows.find((r) => r.id === fromId);
  const to = rows.find((r) => r.id === toId);
  return from && to ? { from, to } : null;
}

export type StoryPeople = {
  owner: { id: number; displayName: string; username: string; unitName: string | null; phone: string | null; email: string | null };
  holderName: string | null;
};

// The correspondent's contact details are for the desk only.
export async function getStoryPeople(viewer: Viewer, story: { ownerId: number; assigneeId: number | null; unitId: number | null }): Promise<StoryPeople> {
  requirePermission(viewer, 'review:use');
  const db = await getDb();
  const [owner] = await db
    .select({ id: users.id, displayName: users.displayName, username: users.username, unitName: units.name, phone: users.phone, email: users.email })
    .from(users)
    .leftJoin(units, eq(units.id, story.unitId ?? users.unitId))
    .where(eq(users.id, story.ownerId))
    .limit(1);
  const [holder] = story.assigneeId ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, story.assigneeId)).limit(1) : [];
  return { owner: owner!, holderName: holder?.name ?? null };
}
