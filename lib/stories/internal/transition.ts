import 'server-only';
import { and, eq } from 'drizzle-orm';
import { stories, type Story, type StoryStatus } from '@/db/schema';
import { getDb, type Tx } from '@/db/client';
import { isStoryEventAction, type StoryEventAction } from '../../audit-actions';
import { appendStoryEvents } from '../../audit-chain/internal/append';
import { AppError } from '../../errors';
import type { Viewer } from '../../viewer';
import { currentStage, stageContextFor, type StagePlace } from '../../review-flows/position';
import { followStageVisit } from '../../review-flows/visits';
import { canTransition, canView, transitions, type StageContext, type StoryAction } from '../../workflow';

// The one way a story changes state. Every transition is one transaction:
// lock the row, 404 what the viewer may not see, check the version the
// caller saw and the state machine (lib/workflow.ts), apply the guarded
// UPDATE, write the timeline event, then whatever the transition does beside
// (revisions, notifications, the public cache). A lost race is always the
// same typed conflict. A transition only declares what differs.

// `place`: the story's flow version and current stage, when it waits, is
// claimed or was returned in a flow.
export type TransitionContext = { tx: Tx; viewer: Viewer; story: Story; place: StagePlace | null };

export type TransitionEvent = { action?: StoryEventAction; note?: string | null; meta?: Record<string, unknown> };

export type TransitionSpec = {
  // Its row in lib/workflow.ts: from which states, to which, by whom.
  action: StoryAction;
  // The version the caller last saw; 'current' for actions taken on whatever
  // stands now (claim, release, take over).
  expectedVersion: number | 'current';
  // Runs first on the locked row: may end the call with the story as it
  // stands (a repeat of a request already done, e.g. a double click) or
  // throw what the state machine alone cannot say (who holds it).
  precheck?: (ctx: TransitionContext) => Story | void | Promise<Story | void>;
  // The stage the state machine checks the viewer at, when it is not the
  // story's current one (a live story's update: its flow's sign-off stage).
  stage?: (ctx: TransitionContext) => Promise<StageContext | undefined>;
  // Runs after the state machine allowed it: checks on data read under the
  // lock (content ready to submit, an active column, later the review stage).
  guard?: (ctx: TransitionContext) => void | Promise<void>;
  // The columns set besides status, version and updatedAt.
  changes?: (ctx: TransitionContext) => Partial<Story> | Promise<Partial<Story>>;
  // The timeline entry; by default named after the action, without a note.
  event?: (ctx: TransitionContext) => TransitionEvent;
  // In the same transaction, after the change: revisions, notifications, cache.
  after?: (ctx: TransitionContext & { updated: Story }) => void | Promise<void>;
};

// The story, locked for the rest of the transaction: concurrent transitions
// on one story queue up here.
export async function loadForTransition(tx: Tx, id: number): Promise<Story> {
  const [story] = await tx.select().from(stories).where(eq(stories.id, id)).for('update').limit(1);
  if (!story) throw new AppError('not_found');
  return story;
}

function assertAllowed(viewer: Viewer, story: Story, action: StoryAction, expectedVersion: number, stage: StageContext | undefined): void {
  // Someone else's story, or a draft to an editor, looks missing, not forbidden.
  if (!canView(viewer, story)) throw new AppError('not_found');
  if (story.version !== expectedVersion) throw new AppError('conflict', `version ${story.version} != ${expectedVersion}`);
  if (!canTransition(viewer, story, action, stage)) throw new AppError('invalid_transition', `${action} from ${story.status} at stage ${story.stage}`);
}

// Appends to a story's timeline (and so to the audit trail).
export async function recordEvent(
  tx: Tx,
  story: Pick<Story, 'id'>,
  viewer: Viewer | null,
  action: StoryEventAction,
  from: StoryStatus | null,
  to: StoryStatus | null,
  note?: string | null,
  meta?: Record<string, unknown>,
) {
  if (!isStoryEventAction(action)) throw new Error(`unregistered story event: ${String(action)}`);
  // The acting request's address goes with the event (story_events has no ip
  // column), for the audit trail.
  const ip = viewer?.ip ?? null;
  const withIp = ip ? { ...meta, ip } : (meta ?? null);
  await appendStoryEvents(tx, [{ storyId: story.id, actorId: viewer?.id ?? null, action, fromStatus: from, toStatus: to, note: note ?? null, meta: withIp }]);
}

// Runs one transition for the viewer. Callers check the viewer's permission
// (requirePermission) and parse their input first; everything about the
// story itself is checked here, under the lock.
export async function runTransition(viewer: Viewer, id: number, spec: TransitionSpec): Promise<Story> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const story = await loadForTransition(tx, id);
    const ctx: TransitionContext = { tx, viewer, story, place: await currentStage(tx, story) };
    const settled = await spec.precheck?.(ctx);
    if (settled) return settled;
    const stage = spec.stage ? await spec.stage(ctx) : await stageContextFor(tx, viewer, story, ctx.place);
    assertAllowed(viewer, story, spec.action, spec.expectedVersion === 'current' ? story.version : spec.expectedVersion, stage);
    await spec.guard?.(ctx);
    const set = (await spec.changes?.(ctx)) ?? {};
    const now = new Date();
    const [updated] = await tx
      .update(stories)
      .set({ ...set, status: transitions[spec.action].to, version: story.version + 1, updatedAt: now })
      .where(and(eq(stories.id, story.id), eq(stories.version, story.version)))
      .returning();
    if (!updated) throw new AppError('conflict');
    const event = spec.event?.(ctx) ?? {};
    await recordEvent(tx, story, viewer, event.action ?? spec.action, story.status, updated.status, event.note, event.meta);
    // The stage's clock (deadline) and its assignment follow the story's stage.
    const left = await followStageVisit(tx, story, updated, spec.action === 'restart_flow', now);
    await spec.after?.({ ...ctx, updated });
    if (left?.assigneeId) {
      await recordEvent(tx, story, viewer, 'assignment_end', updated.status, updated.status, null, { stage: left.stage, stageName: ctx.place?.def.name ?? null, assignedToId: left.assigneeId, by: spec.action });
    }
    return updated;
  });
}
