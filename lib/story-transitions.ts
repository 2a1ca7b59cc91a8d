import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { receiptCounters, stories, storyEvents, users, type Story, type StoryStatus } from '@/db/schema';
import { getDb, type Tx } from '@/db/client';
import { formatReceiptNo } from './content/receipt';
import { refreshFingerprint } from './duplicates';
import { AppError, validationError } from './errors';
import { notifyUsers } from './notifications';
import { getSiteSettings } from './settings';
import { checkReadyToSubmit } from './story-content';
import { appendRevision } from './story-revisions';
import { canTransition, canView, transitions, type StoryAction } from './workflow';
import { requirePermission, type Viewer } from './viewer';
import { isStoryEventAction, type StoryEventAction } from './audit-actions';

// Every story transition is one transaction: a guarded UPDATE (expected state
// and version) plus its event row. A lost race gets a typed conflict, never a
// silent overwrite.

export async function nextReceiptNo(tx: Tx, year: number): Promise<string> {
  const [row] = await tx
    .insert(receiptCounters)
    .values({ year, lastValue: 1 })
    .onConflictDoUpdate({ target: receiptCounters.year, set: { lastValue: sql`${receiptCounters.lastValue} + 1` } })
    .returning({ value: receiptCounters.lastValue });
  return formatReceiptNo(year, row!.value);
}

function yearIn(timeZone: string, date = new Date()): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(date));
}

export async function loadForTransition(tx: Tx, id: number): Promise<Story> {
  // Row lock: concurrent transitions on one story queue up here.
  const [story] = await tx.select().from(stories).where(eq(stories.id, id)).for('update').limit(1);
  if (!story) throw new AppError('not_found');
  return story;
}

export function assertAllowed(viewer: Viewer, story: Story, action: StoryAction, expectedVersion: number): void {
  // Someone else's story, or a draft to an editor, looks missing, not forbidden.
  if (!canView(viewer, story)) throw new AppError('not_found');
  if (story.version !== expectedVersion) throw new AppError('conflict', `version ${story.version} != ${expectedVersion}`);
  if (!canTransition(viewer, story, action)) throw new AppError('invalid_transition', `${action} from ${story.status}`);
}

export async function recordEvent(
  tx: Tx,
  story: Pick<Story, 'id'>,
  viewer: Viewer | null,
  action: StoryEventAction,
  from: StoryStatus | null,
  to: StoryStatus,
  note?: string | null,
  meta?: Record<string, unknown>,
) {
  if (!isStoryEventAction(action)) throw new Error(`unregistered story event: ${String(action)}`);
  // The acting request's address goes with the event (story_events has no ip
  // column), for the audit trail.
  const ip = viewer?.ip ?? null;
  const withIp = ip ? { ...meta, ip } : (meta ?? null);
  await tx.insert(storyEvents).values({ storyId: story.id, actorId: viewer?.id ?? null, action, fromStatus: from, toStatus: to, note: note ?? null, meta: withIp });
}

export async function activeEditorIds(tx: Tx): Promise<number[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, ['editor', 'admin']), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

// The owning correspondent, from draft or changes_requested. The first submit
// gives the story its receipt number; a resubmit keeps it. Submitting twice
// with the same version (a double click) returns the first result.
export async function submitStory(viewer: Viewer, id: number, expectedVersion: number): Promise<Story> {
  requirePermission(viewer, 'story:create');
  const db = await getDb();
  const { site } = await getSiteSettings();
  return db.transaction(async (tx) => {
    const story = await loadForTransition(tx, id);
    if (story.ownerId !== viewer.id) throw new AppError('not_found');
    if (story.status === 'submitted' && story.version === expectedVersion + 1) return story;
    assertAllowed(viewer, story, 'submit', expectedVersion);
    const problems = checkReadyToSubmit(story);
    if (problems) throw validationError(problems);
    const receiptNo = story.receiptNo ?? (await nextReceiptNo(tx, yearIn(site.timeZone)));
    const now = new Date();
    const [updated] = await tx
      .update(stories)
      .set({
        status: transitions.submit.to,
        receiptNo,
        version: story.version + 1,
        submittedAt: now,
        firstSubmittedAt: story.firstSubmittedAt ?? now,
        assigneeId: null,
        claimedAt: null,
        unitId: story.unitId ?? viewer.unitId,
        updatedAt: now,
      })
      .where(and(eq(stories.id, id), eq(stories.version, expectedVersion)))
      .returning();
    await appendRevision(tx, id, updated!.version, 'submit', viewer.id, story);
    await refreshFingerprint(tx, id, story.bodyText);
    await recordEvent(tx, story, viewer, story.status === 'changes_requested' ? 'resubmit' : 'submit', story.status, 'submitted');
    await notifyUsers(tx, await activeEditorIds(tx), {
      kind: story.status === 'changes_requested' ? 'story_resubmitted' : 'story_submitted',
      storyId: id,
      actorId: viewer.id,
      payload: { title: story.title, receiptNo },
    });
    return updated!;
  });
}

// The owner, while no editor has claimed it: back to draft, receipt kept.
export async function withdrawStory(viewer: Viewer, id: number, expectedVersion: number): Promise<Story> {
  requirePermission(viewer, 'story:create');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const story = await loadForTransition(tx, id);
    assertAllowed(viewer, story, 'withdraw', expectedVersion);
    const [updated] = await tx
      .update(stories)
      .set({ status: transitions.withdraw.to, version: story.version + 1, updatedAt: new Date() })
      .where(and(eq(stories.id, id), eq(stories.version, expectedVersion), eq(stories.status, 'submitted'), isNull(stories.assigneeId)))
      .returning();
    if (!updated) throw new AppError('conflict');
    await recordEvent(tx, story, viewer, 'withdraw', story.status, 'draft');
    return updated;
  });
}
