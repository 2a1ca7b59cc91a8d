import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { stageDecisions, users } from '@/db/schema';
import { getDb } from '@/db/client';
import type { StageDecisionKind } from '@/db/schema/enums';
import { getFlowVersion } from '../review-flows';
import { reviewNames, stageContextFor, storyTextHash, type ReviewNames } from '../review-flows/position';
import type { StageHolders } from '../review-flows/stages';
import type { StageContext } from '../workflow';
import { requireAnyPermission, type Viewer } from '../viewer';
import { assertVisible, readStory, type VisibleStory } from './access';

// A story's review flow as the review desk shows it: its stages, where the
// story stands, what the viewer may do there, and every decision with its
// opinion (internal: reviewers only, never the correspondent).

export type DecisionItem = {
  id: number;
  stage: number;
  stageName: string;
  decision: StageDecisionKind;
  opinion: string;
  actorName: string;
  recordedForName: string | null;
  createdAt: Date;
  storyVersion: number;
  // The text was edited after this decision was taken on it.
  textChanged: boolean;
};

export type StoryFlowView = {
  flowName: string;
  stages: { name: string; holders: StageHolders; opinionRequired: boolean }[];
  // The stage it waits at, is claimed at or was returned from; null once decided.
  current: number | null;
  context: StageContext | undefined;
  decisions: DecisionItem[];
  // Who the public page names: 编辑 (unless the signer chooses otherwise) and 审核.
  names: ReviewNames;
};

// The state machine's stage context for anyone who may see the story (the
// correspondent's page asks whether a withdraw is still open).
export async function getStageContext(viewer: Viewer, handle: VisibleStory): Promise<StageContext | undefined> {
  assertVisible(viewer, handle);
  return stageContextFor(await getDb(), viewer, await readStory(viewer, handle));
}

export async function getStoryFlow(viewer: Viewer, handle: VisibleStory): Promise<StoryFlowView | null> {
  requireAnyPermission(viewer, ['review:use', 'review:unit']);
  const story = await readStory(viewer, handle);
  if (story.flowVersionId === null) return null;
  const db = await getDb();
  const [flow, context, rows, names] = await Promise.all([
    getFlowVersion(db, story.flowVersionId),
    stageContextFor(db, viewer, story),
    db
      .select({
        id: stageDecisions.id,
        stage: stageDecisions.stage,
        stageName: stageDecisions.stageName,
        decision: stageDecisions.decision,
        opinion: stageDecisions.opinion,
        actorName: users.displayName,
        recordedForName: stageDecisions.recordedForName,
        createdAt: stageDecisions.createdAt,
        storyVersion: stageDecisions.storyVersion,
        textHash: stageDecisions.textHash,
      })
      .from(stageDecisions)
      .innerJoin(users, eq(users.id, stageDecisions.actorId))
      .where(eq(stageDecisions.storyId, story.id))
      .orderBy(asc(stageDecisions.id)),
    reviewNames(db, story),
  ]);
  const now = storyTextHash(story);
  return {
    flowName: flow.flowName,
    stages: flow.stages.map((s) => ({ name: s.name, holders: s.holders, opinionRequired: s.opinionRequired })),
    current: story.stage,
    context,
    decisions: rows.map(({ textHash, ...row }) => ({ ...row, textChanged: textHash !== now })),
    names,
  };
}
