import 'server-only';
import { and, asc, desc, eq, inArray, isNull, lte, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import { comments, stories, storyCredits, storyEvents, storyRevisions, units, users, type RevisionKind, type StoryStatus } from '@/db/schema';
import { getDb } from '@/db/client';
import { newestFirst, pick } from '@/db/select';
import { can, isDesk } from '../authz';
import { canEdit } from '../workflow';
import { isMaskingOn, showContacts, type ContactField } from '../personal-data';
import { contactColumns, openContacts } from '../personal-data/internal/contacts';
import { readContactRevealed } from '../personal-data/internal/reveal';
import { requireAnyPermission, requirePermission, type Viewer } from '../viewer';
import { assertVisible, readStory, type VisibleStory } from './access';
import { visibleTo } from './internal/scope';

// What the desks show around a story: its timeline, revisions, comments,
// credits and people. Each takes the handle getVisibleStory returned, so none
// of them reads the story's row again.

export type TimelineEntry = {
  id: number;
  action: string;
  fromStatus: StoryStatus | null;
  toStatus: StoryStatus | null;
  note: string | null;
  actorName: string | null;
  actorRole: string | null;
  // The review stage a decision was taken at (review flows), by its name then.
  stageName: string | null;
  createdAt: Date;
};

// Whoever may see the story sees its timeline.
export async function listStoryTimeline(viewer: Viewer, story: VisibleStory): Promise<TimelineEntry[]> {
  assertVisible(viewer, story);
  const db = await getDb();
  return db
    .select({
      ...pick(storyEvents, 'id', 'action', 'fromStatus', 'toStatus', 'note', 'createdAt'),
      actorName: users.displayName,
      actorRole: users.role,
      stageName: sql<string | null>`${storyEvents.meta} ->> 'stageName'`,
    })
    .from(storyEvents)
    .leftJoin(users, eq(users.id, storyEvents.actorId))
    .where(and(eq(storyEvents.storyId, story.id), deskOnly(viewer)))
    .orderBy(asc(storyEvents.createdAt), asc(storyEvents.id));
}

// Assignments (指派) are the desk's own arrangement: the correspondent's
// timeline leaves them out.
const DESK_ONLY_EVENTS = ['assign', 'unassign', 'assignment_end'] as const;
function deskOnly(viewer: Viewer): SQL | undefined {
  return can(viewer, 'review:use') || can(viewer, 'review:unit') ? undefined : notInArray(storyEvents.action, [...DESK_ONLY_EVENTS]);
}

// The text the correspondent last submitted and the text as published, for
// "what the editor changed". Null until the story has been published.
export async function getPublishedChanges(viewer: Viewer, story: VisibleStory): Promise<{ submitted: string; published: string } | null> {
  assertVisible(viewer, story);
  if (!story.firstPublishedAt) return null;
  const db = await getDb();
  const [submitted] = await db
    .select({ bodyText: storyRevisions.bodyText, title: storyRevisions.title })
    .from(storyRevisions)
    .where(and(eq(storyRevisions.storyId, story.id), eq(storyRevisions.kind, 'submit')))
    .orderBy(...newestFirst(storyRevisions))
    .limit(1);
  if (!submitted) return null;
  const current = await readStory(viewer, story);
  return { submitted: `${submitted.title}\n${submitted.bodyText}`, published: `${current.title}\n${current.bodyText}` };
}

// A revision as one text for a diff: the headings a reader sees, then the body.
function diffableText(r: { title: string; subtitle: string; summary: string; bodyText: string }): string {
  return [r.title, r.subtitle, r.summary, r.bodyText].filter((part) => part.trim()).join('\n');
}

// What the desk changed before returning the story (退回修改): the text the
// correspondent last submitted and the text as it was returned, so edits by
// the editor never merge into the draft unseen. Null unless the story is
// back with its correspondent and the desk changed its text.
export async function getReturnedChanges(viewer: Viewer, story: VisibleStory): Promise<{ submitted: string; returned: string } | null> {
  assertVisible(viewer, story);
  if (story.status !== 'changes_requested') return null;
  const db = await getDb();
  const [returnEvent] = await db
    .select({ at: storyEvents.createdAt })
    .from(storyEvents)
    .where(and(eq(storyEvents.storyId, story.id), eq(storyEvents.toStatus, 'changes_requested')))
    .orderBy(...newestFirst(storyEvents))
    .limit(1);
  if (!returnEvent) return null;
  const textUpToReturn = (onlySubmits: boolean) =>
    db
      .select(pick(storyRevisions, 'id', 'title', 'subtitle', 'summary', 'bodyText'))
      .from(storyRevisions)
      .where(and(eq(storyRevisions.storyId, story.id), lte(storyRevisions.createdAt, returnEvent.at), onlySubmits ? eq(storyRevisions.kind, 'submit') : undefined))
      .orderBy(...newestFirst(storyRevisions))
      .limit(1);
  const [[submitted], [returned]] = await Promise.all([textUpToReturn(true), textUpToReturn(false)]);
  if (!submitted || !returned || returned.id === submitted.id) return null;
  const [before, after] = [diffableText(submitted), diffableText(returned)];
  return before === after ? null : { submitted: before, returned: after };
}

export type RevisionItem = { id: number; kind: RevisionKind; storyVersion: number; title: string; authorName: string | null; createdAt: Date; chars: number };

// The desk, and the correspondent while the story is theirs to edit (to
// restore an earlier revision, docs/live-articles.md).
function requireRevisionReader(viewer: Viewer, story: VisibleStory): void {
  assertVisible(viewer, story);
  if (!can(viewer, 'review:use') && !(story.ownerId === viewer.id && canEdit(viewer, story))) requirePermission(viewer, 'review:use');
}

export async function listRevisions(viewer: Viewer, story: VisibleStory): Promise<RevisionItem[]> {
  requireRevisionReader(viewer, story);
  const db = await getDb();
  const rows = await db
    .select({ ...pick(storyRevisions, 'id', 'kind', 'storyVersion', 'title', 'createdAt', 'bodyText'), authorName: users.displayName })
    .from(storyRevisions)
    .leftJoin(users, eq(users.id, storyRevisions.authorId))
    .where(eq(storyRevisions.storyId, story.id))
    .orderBy(...newestFirst(storyRevisions))
    .limit(500);
  return rows.map(({ bodyText, ...r }) => ({ ...r, chars: [...bodyText.replace(/\s/g, '')].length }));
}

export type RevisionText = { id: number; title: string; subtitle: string; summary: string; bodyText: string };

// Two revisions of one story, for a diff; null when either is not this story's.
export async function getRevisionPair(viewer: Viewer, story: VisibleStory, fromId: number, toId: number): Promise<{ from: RevisionText; to: RevisionText } | null> {
  requireRevisionReader(viewer, story);
  const db = await getDb();
  const rows = await db
    .select(pick(storyRevisions, 'id', 'title', 'subtitle', 'summary', 'bodyText'))
    .from(storyRevisions)
    .where(and(eq(storyRevisions.storyId, story.id), inArray(storyRevisions.id, [fromId, toId])));
  const from = rows.find((r) => r.id === fromId);
  const to = rows.find((r) => r.id === toId);
  return from && to ? { from, to } : null;
}

export type StoryPeople = {
  // The contact details as this viewer may see them: masked (contactMasked)
  // where the site masks personal data, each revealed by revealStoryOwnerContact.
  owner: { id: number; displayName: string; username: string; unitName: string | null; phone: string | null; email: string | null; contactMasked: boolean };
  holderName: string | null;
};

// The correspondent's contact details are for the desk only.
export async function getStoryPeople(viewer: Viewer, story: VisibleStory): Promise<StoryPeople> {
  requireAnyPermission(viewer, ['review:use', 'review:unit']);
  assertVisible(viewer, story);
  const db = await getDb();
  const [[owner], isMasking] = await Promise.all([
    db
      .select({ id: users.id, displayName: users.displayName, username: users.username, unitName: units.name, ...contactColumns })
      .from(users)
      .leftJoin(units, eq(units.id, story.unitId ?? users.unitId))
      .where(eq(users.id, story.ownerId))
      .limit(1),
    isMaskingOn(),
  ]);
  const { id, displayName, username, unitName } = owner!;
  const { email, phone, isMasked } = showContacts(viewer, id, openContacts(id, owner!), isMasking);
  const [holder] = story.assigneeId ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, story.assigneeId)).limit(1) : [];
  return { owner: { id, displayName, username, unitName, phone, email, contactMasked: isMasked }, holderName: holder?.name ?? null };
}

// The desk, for a story it may see: its correspondent's phone or e-mail in
// full where the site masks them (to ring them about this story), audited
// with the story. Anyone else's contact details are administrators' to
// reveal (lib/personal-data).
export async function revealStoryOwnerContact(viewer: Viewer, story: VisibleStory, field: ContactField): Promise<string | null> {
  requirePermission(viewer, 'review:use');
  assertVisible(viewer, story);
  return readContactRevealed(viewer, story.ownerId, field, story.id);
}

export type CommentItem = {
  id: number;
  body: string;
  isInternal: boolean;
  authorName: string | null;
  authorRole: string | null;
  createdAt: Date;
};

// The desk reads every comment; the correspondent, those meant for them.
export async function listComments(viewer: Viewer, story: VisibleStory): Promise<CommentItem[]> {
  assertVisible(viewer, story);
  const db = await getDb();
  const onStory = eq(comments.storyId, story.id);
  return db
    .select({ ...pick(comments, 'id', 'body', 'isInternal', 'createdAt'), authorName: users.displayName, authorRole: users.role })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(isDesk(viewer) ? onStory : and(onStory, eq(comments.isInternal, false)))
    .orderBy(asc(comments.createdAt), asc(comments.id));
}

export type CreditOption = { id: number; displayName: string; unitName: string | null };

// Who an editor may credit (合作通讯员): active correspondents.
export async function listCreditableCorrespondents(viewer: Viewer): Promise<CreditOption[]> {
  requirePermission(viewer, 'story:publish');
  const db = await getDb();
  return db
    .select({ id: users.id, displayName: users.displayName, unitName: units.name })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.role, 'correspondent'), isNull(users.disabledAt)))
    .orderBy(asc(units.sortOrder), asc(users.displayName));
}

// The co-credits the publish dialog starts from.
export async function getStoryCreditIds(viewer: Viewer, story: VisibleStory): Promise<number[]> {
  requirePermission(viewer, 'story:publish');
  assertVisible(viewer, story);
  const db = await getDb();
  const rows = await db.select({ userId: storyCredits.userId }).from(storyCredits).where(eq(storyCredits.storyId, story.id)).orderBy(asc(storyCredits.userId));
  return rows.map((r) => r.userId);
}

export type OwnerStoryItem = { id: number; title: string; status: StoryStatus; updatedAt: Date };

export const OWNER_HISTORY_LIMIT = 10;

// The correspondent's other stories the viewer may see, latest first, in
// every state (a reviewer weighs a story by its author's record, not only by
// what else waits); drafts stay the correspondent's own (visibleTo).
export async function listOwnerHistory(viewer: Viewer, story: VisibleStory): Promise<OwnerStoryItem[]> {
  requireAnyPermission(viewer, ['review:use', 'review:unit']);
  assertVisible(viewer, story);
  const db = await getDb();
  return db
    .select({ id: stories.id, title: stories.title, status: stories.status, updatedAt: stories.updatedAt })
    .from(stories)
    .where(and(eq(stories.ownerId, story.ownerId), ne(stories.id, story.id), visibleTo(viewer)))
    .orderBy(desc(stories.updatedAt), desc(stories.id))
    .limit(OWNER_HISTORY_LIMIT);
}
