import 'server-only';
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { stageVisits, users, type StageVisit, type Story } from '@/db/schema';
import type { Db, Tx } from '@/db/client';
import { holdsPermission } from '../permission-holders';
import { getFlowVersion } from './index';
import { atStage, stageDeadline, stageMove } from './deadlines';
import { mayActAtStage, type StageDef, type StageStory } from './stages';

// A story's stays at the stages of its flow (stage_visits): the clock its
// deadline runs on and the assignment that lasts while it stays. Written by
// the transition engine inside each transition's transaction; these helpers
// take the transaction and no viewer.

export async function openVisit(db: Db | Tx, storyId: number): Promise<StageVisit | null> {
  const [row] = await db
    .select()
    .from(stageVisits)
    .where(and(eq(stageVisits.storyId, storyId), isNull(stageVisits.leftAt)))
    .limit(1);
  return row ?? null;
}

// Closes the story's open stay (its assignment ends with it); the closed row,
// if there was one.
export async function leaveStage(tx: Tx, storyId: number, at: Date): Promise<StageVisit | null> {
  const [row] = await tx
    .update(stageVisits)
    // Never before its entry, whatever another instance's clock said then.
    .set({ leftAt: sql`greatest(${at.toISOString()}::timestamptz, ${stageVisits.enteredAt})` })
    .where(and(eq(stageVisits.storyId, storyId), isNull(stageVisits.leftAt)))
    .returning();
  return row ?? null;
}

// Opens a stay at the story's current stage, its deadline fixed from the
// stage's limit in the story's flow version (a version never changes).
export async function enterStage(tx: Tx, story: Pick<Story, 'id' | 'flowVersionId' | 'stage'>, at: Date): Promise<StageVisit> {
  const flow = await getFlowVersion(tx, story.flowVersionId!);
  const def = flow.stages[story.stage!]!;
  const deadline = stageDeadline(at, def.limitHours);
  const [row] = await tx
    .insert(stageVisits)
    .values({ storyId: story.id, flowVersionId: flow.id, stage: story.stage!, enteredAt: at, dueAt: deadline?.dueAt ?? null, dueSoonAt: deadline?.dueSoonAt ?? null })
    .returning();
  return row!;
}

// After a transition: closes the stay the story left and opens the one it
// entered. Returns the closed stay, whose assignment has ended with it.
export async function followStageVisit(tx: Tx, before: Story, after: Story, restart: boolean, at: Date): Promise<StageVisit | null> {
  const { leaves, enters } = stageMove(before, after, restart);
  const closed = leaves ? await leaveStage(tx, before.id, at) : null;
  if (enters) await enterStage(tx, after, at);
  return closed;
}

// The open stay of a story at a stage, made now when the story got there
// without one (written straight into the queue by a seed or an import): its
// clock starts late rather than never. Null when the story is at no stage.
export async function ensureOpenVisit(tx: Tx, story: Pick<Story, 'id' | 'status' | 'flowVersionId' | 'stage'>): Promise<StageVisit | null> {
  if (!atStage(story)) return null;
  const open = await openVisit(tx, story.id);
  if (open && open.flowVersionId === story.flowVersionId && open.stage === story.stage) return open;
  if (open) await leaveStage(tx, story.id, new Date());
  return enterStage(tx, story, new Date());
}

// Who answers for a stage's deadlines: the supervisors it names who may still
// sign in, else every enabled system administrator (workflows:manage).
export async function stageSupervisorIds(db: Db | Tx, stage: StageDef): Promise<number[]> {
  const named = stage.supervisorIds.length > 0;
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(named ? inArray(users.id, stage.supervisorIds) : holdsPermission('workflows:manage'), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

export type StageActorRow = { id: number; displayName: string };

// Everyone who may act at a story's stage and may still sign in: the desk
// (within their column scope), the unit's approvers, the people the stage
// names; by name.
export async function listStageActors(db: Db | Tx, stage: StageDef, story: StageStory): Promise<StageActorRow[]> {
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, role: users.role, adminDuties: users.adminDuties, unitId: users.unitId, columnIds: users.columnIds })
    .from(users)
    .where(and(or(holdsPermission('review:use'), holdsPermission('review:unit')), isNull(users.disabledAt)))
    .orderBy(asc(users.displayName), asc(users.id));
  return rows.filter((u) => mayActAtStage(u, stage, story)).map(({ id, displayName }) => ({ id, displayName }));
}
