import 'server-only';
import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { stageDecisions, users, type Story } from '@/db/schema';
import type { Db, Tx } from '@/db/client';
import type { StageDecisionKind } from '@/db/schema/enums';
import type { Actor, StageContext } from '../workflow';
import { getFlowVersion, type FlowVersion } from './index';
import { mayActAtStage, type StageDef } from './stages';

// Where a story stands in its flow, for the state machine (lib/workflow.ts),
// and the decisions taken there. Read inside the transition's transaction,
// under the story's row lock.

export type StoryInFlow = Pick<Story, 'id' | 'flowVersionId' | 'stage' | 'unitId' | 'columnId'>;

export type StagePlace = { flow: FlowVersion; stage: number; def: StageDef };

// The flow version and current stage of a story waiting, claimed or returned
// in a flow; null for any other story.
export async function currentStage(db: Db | Tx, story: StoryInFlow): Promise<StagePlace | null> {
  if (story.flowVersionId === null || story.stage === null) return null;
  const flow = await getFlowVersion(db, story.flowVersionId);
  const def = flow.stages[story.stage];
  if (!def) throw new Error(`story ${story.id} is at stage ${story.stage} of a flow with ${flow.stages.length}`);
  return { flow, stage: story.stage, def };
}

export async function hasStageDecision(db: Db | Tx, storyId: number): Promise<boolean> {
  const [row] = await db.select({ one: sql<number>`1` }).from(stageDecisions).where(eq(stageDecisions.storyId, storyId)).limit(1);
  return row !== undefined;
}

// The state machine's view of the story's stage for this actor; `place`
// when the caller has already read it.
export async function stageContextFor(db: Db | Tx, actor: Actor, story: StoryInFlow, known?: StagePlace | null): Promise<StageContext | undefined> {
  const place = known === undefined ? await currentStage(db, story) : known;
  const decided = await hasStageDecision(db, story.id);
  if (!place) return decided ? { mayAct: false, isFirst: true, isLast: true, decided } : undefined;
  return {
    mayAct: mayActAtStage(actor, place.def, story),
    isFirst: place.stage === 0,
    isLast: place.stage === place.flow.stages.length - 1,
    decided,
  };
}

// The text a decision was taken on, as a hash: a later edit shows as a change.
export function storyTextHash(story: Pick<Story, 'title' | 'subtitle' | 'summary' | 'bodyText'>): string {
  return createHash('sha256').update([story.title, story.subtitle, story.summary, story.bodyText].join('\n')).digest('hex');
}

export async function recordStageDecision(
  tx: Tx,
  input: { story: Story; place: StagePlace; decision: StageDecisionKind; opinion: string; actorId: number; recordedForName?: string | null },
): Promise<number> {
  const [row] = await tx
    .insert(stageDecisions)
    .values({
      storyId: input.story.id,
      flowVersionId: input.place.flow.id,
      stage: input.place.stage,
      stageName: input.place.def.name,
      decision: input.decision,
      opinion: input.opinion,
      actorId: input.actorId,
      recordedForName: input.recordedForName ?? null,
      storyVersion: input.story.version,
      textHash: storyTextHash(input.story),
    })
    .returning({ id: stageDecisions.id });
  return row!.id;
}

// The names a flow gives the public meta line: the responsible editor, who
// approved at the first desk stage (初审; the 编辑 by default), and the
// reviewers after them (审核), in stage order. The latest approval of each
// stage of the story's flow version counts, so a stage approved again after a
// return names who approved last; a unit stage is the unit's own check and
// names nobody on the site. A one-stage flow names nobody: its signer is the
// editor.
export type ReviewNames = { responsible: string; reviewers: string[] };

export async function reviewNames(db: Db | Tx, story: Pick<Story, 'id' | 'flowVersionId'>): Promise<ReviewNames> {
  if (story.flowVersionId === null) return { responsible: '', reviewers: [] };
  const [flow, rows] = await Promise.all([
    getFlowVersion(db, story.flowVersionId),
    db
      .selectDistinctOn([stageDecisions.stage], { stage: stageDecisions.stage, name: sql<string>`coalesce(nullif(${stageDecisions.recordedForName}, ''), ${users.displayName})` })
      .from(stageDecisions)
      .innerJoin(users, eq(users.id, stageDecisions.actorId))
      .where(and(eq(stageDecisions.storyId, story.id), eq(stageDecisions.flowVersionId, story.flowVersionId), eq(stageDecisions.decision, 'approve')))
      .orderBy(stageDecisions.stage, desc(stageDecisions.id)),
  ]);
  const [responsible = '', ...reviewers] = rows.filter((r) => flow.stages[r.stage]?.holders !== 'unit').map((r) => r.name);
  return { responsible, reviewers };
}
