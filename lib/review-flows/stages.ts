import { z } from 'zod';
import { can, isDesk } from '../authz';
import type { UserRole } from '@/db/schema/enums';

// A flow version's stages as stored (review_flow_versions.stages) and who may
// act at one. Pure: the transition engine, the queue's tabs and the admin
// page read the same rules.

export const STAGE_NAME_MAX = 20;
export const FLOW_MAX_STAGES = 8;
// A stage's time limit (审稿时限), in calendar hours: at most 90 days.
export const STAGE_LIMIT_MAX_HOURS = 2160;
export const STAGE_SUPERVISORS_MAX = 10;

// Who acts at a stage, besides anyone named in userIds:
// - desk: every member of the review desk (editors, system administrators),
//   narrowed to columnIds when set, and by each editor's own column scope;
// - unit: the unit approvers of the correspondent's unit (单位审核);
// - named: only the people named.
export const STAGE_HOLDERS = ['desk', 'unit', 'named'] as const;
export type StageHolders = (typeof STAGE_HOLDERS)[number];

export const stageSchema = z.object({
  name: z.string().trim().min(1, 'required').max(STAGE_NAME_MAX, 'too_long'),
  holders: z.enum(STAGE_HOLDERS),
  userIds: z.array(z.number().int().positive()).max(50).default([]),
  columnIds: z.array(z.number().int().positive()).max(200).nullable().default(null),
  opinionRequired: z.boolean().default(false),
  // The time limit at this stage, in calendar hours from the story's entry;
  // null: no deadline (every version written before limits existed).
  limitHours: z
    .number({ error: 'stage_limit_invalid' })
    .int('stage_limit_invalid')
    .min(1, 'stage_limit_invalid')
    .max(STAGE_LIMIT_MAX_HOURS, 'stage_limit_invalid')
    .nullable()
    .default(null),
  // Who answers for the stage's deadlines (told when a story is overdue) and
  // may assign its stories; none named: the system administrators
  // (lib/review-flows/visits.ts, stageSupervisorIds).
  supervisorIds: z.array(z.number().int().positive()).max(STAGE_SUPERVISORS_MAX).default([]),
});

export type StageDef = z.infer<typeof stageSchema>;

export const stagesSchema = z
  .array(stageSchema)
  .min(1, 'stages_required')
  .max(FLOW_MAX_STAGES, 'too_many_stages')
  .superRefine((stages, ctx) => {
    stages.forEach((stage, i) => {
      if (stage.holders === 'named' && stage.userIds.length === 0) ctx.addIssue({ code: 'custom', path: [i, 'userIds'], message: 'stage_people_required' });
      // A unit stage is the unit's own check before the desk: it cannot sign off.
      if (stage.holders === 'unit' && i === stages.length - 1) ctx.addIssue({ code: 'custom', path: [i, 'holders'], message: 'unit_stage_last' });
    });
    const names = stages.map((s) => s.name);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'stage_name_taken' });
    });
  });

// Stages read back from the database: a stored version always parsed, so a
// malformed row is an error, never a stage anyone may act at.
export function parseStoredStages(value: unknown): StageDef[] {
  return stagesSchema.parse(value);
}

export type StageActor = {
  id: number;
  role: UserRole;
  adminDuties?: readonly ('system' | 'security' | 'audit')[];
  unitId?: number | null;
  columnIds?: readonly number[] | null;
};

export type StageStory = { unitId: number | null; columnId: number | null };

function inColumns(columnIds: readonly number[] | null | undefined, columnId: number | null): boolean {
  if (!columnIds) return true;
  return columnId !== null && columnIds.includes(columnId);
}

// May this person act at this stage on this story? Named people are members
// of the desk (a department head, the editor-in-chief), within their own
// column scope; a unit stage is also its unit's approvers'.
export function mayActAtStage(actor: StageActor, stage: StageDef, story: StageStory): boolean {
  const onDesk = isDesk(actor) && inColumns(actor.columnIds, story.columnId);
  if (onDesk && stage.userIds.includes(actor.id)) return true;
  switch (stage.holders) {
    case 'desk':
      return onDesk && inColumns(stage.columnIds, story.columnId);
    case 'unit':
      return can(actor, 'review:unit') && actor.unitId != null && actor.unitId === story.unitId;
    case 'named':
      return false;
  }
}

export function isSignOffStage(stages: readonly StageDef[], stage: number): boolean {
  return stage === stages.length - 1;
}

// Where a story written straight into a state stands in a flow (the demo and
// volume seeds, tests): filed stories are bound to the flow version; waiting,
// claimed and returned ones are at its first stage.
export function seededFlowPosition(status: string, flowVersionId: number): { flowVersionId: number | null; stage: number | null } {
  if (status === 'draft') return { flowVersionId: null, stage: null };
  return { flowVersionId, stage: status === 'submitted' || status === 'in_review' || status === 'changes_requested' ? 0 : null };
}
