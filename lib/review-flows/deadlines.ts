import { can } from '../authz';
import { mayActAtStage, type StageActor, type StageDef, type StageStory } from './stages';

// Review deadlines (审稿时限) and who may assign a story at a stage. Pure: the
// transition engine, the deadline job, the queue and the review page read the
// same rules. docs/review-stages.md says them for people.

// A story is due soon once this share of its stage's limit has passed: the
// reviewers are told then, with a fifth of the time still left.
export const DUE_SOON_SHARE = 0.8;

const HOUR_MS = 3_600_000;

export type StageDeadline = { dueAt: Date; dueSoonAt: Date };

// The clock of one stay at a stage: it starts when the story enters the stage
// (a send-back or a resubmit starts a new one) and counts calendar hours,
// nights and holidays included. No limit, no deadline.
export function stageDeadline(enteredAt: Date, limitHours: number | null | undefined): StageDeadline | null {
  if (limitHours == null || !(limitHours > 0)) return null;
  const start = enteredAt.getTime();
  return { dueAt: new Date(start + limitHours * HOUR_MS), dueSoonAt: new Date(start + Math.round(limitHours * HOUR_MS * DUE_SOON_SHARE)) };
}

export type DeadlineState = 'overdue' | 'due_soon' | 'on_time';

// Where a stay stands at `now`: past its due time, past the due-soon mark, or
// on time; null without a deadline.
export function deadlineState(deadline: { dueAt: Date | null; dueSoonAt: Date | null } | null, now: Date): DeadlineState | null {
  if (!deadline?.dueAt) return null;
  if (now.getTime() >= deadline.dueAt.getTime()) return 'overdue';
  if (deadline.dueSoonAt && now.getTime() >= deadline.dueSoonAt.getTime()) return 'due_soon';
  return 'on_time';
}

// Named supervisors answer for a stage; a stage that names none falls to the
// system administrators (who define the flows: workflows:manage).
export function isStageSupervisor(actor: StageActor, stage: StageDef): boolean {
  if (stage.supervisorIds.length > 0) return stage.supervisorIds.includes(actor.id);
  return can(actor, 'workflows:manage');
}

// May this person assign (reassign, unassign) a story waiting or claimed at
// this stage: its supervisor, or anyone who may act there.
export function mayAssignAtStage(actor: StageActor, stage: StageDef, story: StageStory): boolean {
  return isStageSupervisor(actor, stage) || mayActAtStage(actor, stage, story);
}

// Where a story stands, as far as its stays at stages go.
type Place = { status: string; flowVersionId: number | null; stage: number | null };

// Waiting or claimed at a stage: the states a stay covers.
export function atStage(story: Place): story is Place & { flowVersionId: number; stage: number } {
  return (story.status === 'submitted' || story.status === 'in_review') && story.flowVersionId !== null && story.stage !== null;
}

// Did this transition move the story into a stage, out of one, or both? A
// claim, release or take-over keeps the stay (the stage still has the story);
// a restart enters the first stage afresh even where it was already.
export function stageMove(before: Place, after: Place, restart: boolean): { leaves: boolean; enters: boolean } {
  const was = atStage(before);
  const is = atStage(after);
  const moved = !was || !is || before.flowVersionId !== after.flowVersionId || before.stage !== after.stage || restart;
  return { leaves: was && moved, enters: is && moved };
}
