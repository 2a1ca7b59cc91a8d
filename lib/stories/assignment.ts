import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { stageVisits, users, type Story } from '@/db/schema';
import { getDb, type Tx } from '@/db/client';
import { AppError, validationError } from '../errors';
import { notifyUsers } from '../notifications/internal/notify';
import { getFlowVersion } from '../review-flows';
import { atStage, mayAssignAtStage } from '../review-flows/deadlines';
import { mayActAtStage, type StageDef } from '../review-flows/stages';
import { ensureOpenVisit, listStageActors, openVisit } from '../review-flows/visits';
import { getSiteSettings } from '../settings';
import { typedText } from '../text-input';
import { requireAnyPermission, type Viewer } from '../viewer';
import { canView } from '../workflow';
import { parseZonedDateTime } from '../zoned-time';
import { readStory, type VisibleStory } from './access';
import { loadForTransition, recordEvent } from './internal/transition';

// 指派: a story waiting or claimed at a stage is assigned to a named
// colleague who may act there, optionally until a time. The stage's
// supervisor or anyone who may act at the stage assigns, reassigns and
// unassigns; the assignee is told; the assignment lives on the story's stay at
// the stage (stage_visits) and ends when the story leaves it. Every change is
// on the story's timeline (and so the audit trail), off the correspondent's. The claim (认领) is separate: an assignment says whose
// turn it is, a claim who is editing.

const REVIEWERS = ['review:use', 'review:unit'] as const;

// How far ahead an assignment's due time may lie.
const ASSIGNMENT_MAX_AHEAD_MS = 366 * 24 * 3600_000;

export type StageColleague = { id: number; displayName: string };

// What the review page shows of the story's stay at its stage: its clock,
// its assignment, and whether the viewer may change it (with whom to choose).
export type StageClock = {
  stage: number;
  stageName: string;
  limitHours: number | null;
  enteredAt: Date;
  dueAt: Date | null;
  dueSoonAt: Date | null;
  assignee: StageColleague | null;
  assignedByName: string | null;
  assignedAt: Date | null;
  assignmentDueAt: Date | null;
  mayAssign: boolean;
  // Who may be chosen: those who may act at the stage on this story (empty
  // unless mayAssign).
  colleagues: StageColleague[];
};

// The desk and unit approvers, on a story they may see: its stay at the
// current stage, or null when it waits at none.
export async function getStageClock(viewer: Viewer, handle: VisibleStory): Promise<StageClock | null> {
  requireAnyPermission(viewer, REVIEWERS);
  const story = await readStory(viewer, handle);
  if (!atStage(story)) return null;
  const db = await getDb();
  const flow = await getFlowVersion(db, story.flowVersionId);
  const def = flow.stages[story.stage]!;
  const visit = await openVisit(db, story.id);
  const mayAssign = mayAssignAtStage(viewer, def, story);
  const ids = [visit?.assigneeId, visit?.assignedById].filter((id): id is number => typeof id === 'number');
  const [people, colleagues] = await Promise.all([
    Promise.all(ids.map(async (id) => (await db.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.id, id)).limit(1))[0])),
    mayAssign ? listStageActors(db, def, story) : Promise.resolve([]),
  ]);
  const nameOf = (id: number | null | undefined) => people.find((p) => p?.id === id)?.displayName ?? null;
  const current = visit && visit.flowVersionId === story.flowVersionId && visit.stage === story.stage ? visit : null;
  return {
    stage: story.stage,
    stageName: def.name,
    limitHours: def.limitHours,
    enteredAt: current?.enteredAt ?? story.submittedAt ?? story.updatedAt,
    dueAt: current?.dueAt ?? null,
    dueSoonAt: current?.dueSoonAt ?? null,
    assignee: current?.assigneeId ? { id: current.assigneeId, displayName: nameOf(current.assigneeId) ?? `#${current.assigneeId}` } : null,
    assignedByName: current ? nameOf(current.assignedById) : null,
    assignedAt: current?.assignedAt ?? null,
    assignmentDueAt: current?.assignmentDueAt ?? null,
    mayAssign,
    colleagues: colleagues.map(({ id, displayName }) => ({ id, displayName })),
  };
}

const assignSchema = z.object({
  // The stage the viewer saw: a story that moved on since is a conflict.
  stage: z.coerce.number().int().min(0).max(7),
  assigneeId: z.coerce.number({ error: 'required' }).int('required').positive('required').max(2_147_483_647, 'required'),
  dueAt: typedText().trim().max(40).default(''),
});

const unassignSchema = z.object({ stage: z.coerce.number().int().min(0).max(7) });

type Locked = { story: Story & { flowVersionId: number; stage: number }; def: StageDef };

// The story locked for the rest of the transaction, at the stage the viewer
// saw, with the viewer allowed to assign there.
async function lockAtStage(tx: Tx, viewer: Viewer, id: number, seenStage: number): Promise<Locked> {
  const story = await loadForTransition(tx, id);
  if (!canView(viewer, story)) throw new AppError('not_found');
  if (!atStage(story) || story.stage !== seenStage) throw new AppError('conflict', 'story left the stage', { form: 'assignment_story_moved' });
  const flow = await getFlowVersion(tx, story.flowVersionId);
  const def = flow.stages[story.stage]!;
  if (!mayAssignAtStage(viewer, def, story)) throw new AppError('forbidden', 'may not assign at this stage');
  return { story, def };
}

function parseDueAt(text: string, timeZone: string, now: Date): Date | null {
  if (!text) return null;
  const at = parseZonedDateTime(text, timeZone);
  if (!at) throw validationError({ dueAt: 'invalid_datetime' });
  if (at.getTime() <= now.getTime()) throw validationError({ dueAt: 'assignment_due_past' });
  if (at.getTime() > now.getTime() + ASSIGNMENT_MAX_AHEAD_MS) throw validationError({ dueAt: 'assignment_due_too_far' });
  return at;
}

// The stage's supervisor or anyone who may act there: assigns (or
// reassigns) the story to a colleague who may act at the stage, with an
// optional due time in the site's zone. The same assignment again changes
// nothing.
export async function assignStory(viewer: Viewer, id: number, input: unknown): Promise<void> {
  requireAnyPermission(viewer, REVIEWERS);
  const parsed = assignSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const on = (field: string) => parsed.error.issues.some((i) => i.path[0] === field);
    if (on('assigneeId')) throw validationError({ assigneeId: 'required' });
    if (on('dueAt')) throw validationError({ dueAt: 'invalid_datetime' });
    throw new AppError('conflict', 'malformed stage', { form: 'assignment_story_moved' });
  }
  const { site } = await getSiteSettings();
  const now = new Date();
  const dueAt = parseDueAt(parsed.data.dueAt, site.timeZone, now);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { story, def } = await lockAtStage(tx, viewer, id, parsed.data.stage);
    const [assignee] = await tx
      .select({ id: users.id, displayName: users.displayName, role: users.role, adminDuties: users.adminDuties, unitId: users.unitId, columnIds: users.columnIds, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, parsed.data.assigneeId))
      .limit(1);
    if (!assignee || assignee.disabledAt || !mayActAtStage(assignee, def, story)) throw validationError({ assigneeId: 'assignment_assignee_unavailable' });
    const visit = (await ensureOpenVisit(tx, story))!;
    if (visit.assigneeId === assignee.id && (visit.assignmentDueAt?.getTime() ?? null) === (dueAt?.getTime() ?? null)) return;
    const previous = visit.assigneeId;
    const [previousPerson] = previous ? await tx.select({ displayName: users.displayName }).from(users).where(eq(users.id, previous)).limit(1) : [];
    await tx.update(stageVisits).set({ assigneeId: assignee.id, assignedById: viewer.id, assignedAt: now, assignmentDueAt: dueAt }).where(eq(stageVisits.id, visit.id));
    if (previous !== assignee.id) {
      await notifyUsers(tx, [assignee.id], {
        kind: 'story_assigned',
        storyId: story.id,
        actorId: viewer.id,
        payload: { title: story.title, receiptNo: story.receiptNo, stageName: def.name, dueAt: dueAt?.toISOString() ?? null },
      });
    }
    await recordEvent(tx, story, viewer, 'assign', story.status, story.status, null, {
        stage: story.stage,
        stageName: def.name,
        assignedToId: assignee.id,
        assignedToName: assignee.displayName,
        ...(previous ? { previousAssignedToId: previous, previousAssignedToName: previousPerson?.displayName ?? null } : {}),
        assignmentDueAt: dueAt?.toISOString() ?? null,
    });
  });
}

// The same people: ends the story's assignment at its stage. Nothing
// assigned, nothing changes.
export async function unassignStory(viewer: Viewer, id: number, input: unknown): Promise<void> {
  requireAnyPermission(viewer, REVIEWERS);
  const parsed = unassignSchema.safeParse(input ?? {});
  if (!parsed.success) throw new AppError('conflict', 'malformed stage', { form: 'assignment_story_moved' });
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { story, def } = await lockAtStage(tx, viewer, id, parsed.data.stage);
    const visit = await openVisit(tx, story.id);
    if (!visit?.assigneeId) return;
    const [person] = await tx.select({ displayName: users.displayName }).from(users).where(eq(users.id, visit.assigneeId)).limit(1);
    await tx.update(stageVisits).set({ assigneeId: null, assignedById: null, assignedAt: null, assignmentDueAt: null }).where(eq(stageVisits.id, visit.id));
    await recordEvent(tx, story, viewer, 'unassign', story.status, story.status, null, { stage: story.stage, stageName: def.name, assignedToId: visit.assigneeId, assignedToName: person?.displayName ?? null });
  });
}
