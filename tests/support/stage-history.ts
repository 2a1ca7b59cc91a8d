import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { reviewFlows, reviewFlowVersions, stageDecisions, stories, type StageDecisionKind } from '@/db/schema';
import { appendStoryEvents } from '@/lib/audit-chain/internal/append';
import { createStory } from '@/lib/stories';
import { nextReceiptNo } from '@/lib/stories/internal/receipts';
import type { Viewer } from '@/lib/viewer';

// A story's review history at times of the test's choosing, for the stage
// statistics: decisions straight into stage_decisions (append-only, inserts
// allowed) and submits through the chained story events, as the transition
// engine writes them. Used by the integration and the E2E tiers (no test
// runner imports here).

// A flow of one version with these stages, anyone on the desk acting; each
// stage's time limit in hours from `limits` (none by default).
export async function createReviewFlow(name: string, stageNames: string[], limits: (number | null)[] = []): Promise<number> {
  const db = await getDb();
  const [flow] = await db.insert(reviewFlows).values({ name }).returning();
  const stages = stageNames.map((n, i) => ({ name: n, holders: 'desk', userIds: [], columnIds: null, opinionRequired: false, limitHours: limits[i] ?? null, supervisorIds: [] }));
  const [version] = await db.insert(reviewFlowVersions).values({ flowId: flow!.id, number: 1, stages }).returning();
  return version!.id;
}

export type HistoryMove = { at: Date; event: 'submit' | 'resubmit' } | { at: Date; stage: number; decision: StageDecisionKind; by: { id: number } };

export type StoryHistory = {
  columnId: number;
  flowVersionId: number;
  stageNames: string[];
  moves: HistoryMove[];
  // Leaves the story waiting at this stage now (status, stage, receipt).
  waitingAt?: number;
  bodyHtml: string;
};

export async function createStoryWithHistory(author: { id: number; unitId: number | null; viewer: Viewer }, history: StoryHistory): Promise<number> {
  const { columnId, flowVersionId, stageNames, moves, waitingAt } = history;
  const draft = await createStory(author.viewer, { title: `环节统计 ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, columnId, bodyHtml: history.bodyHtml });
  const db = await getDb();
  await db.transaction(async (tx) => {
    const waiting =
      waitingAt === undefined ? {} : { status: 'submitted' as const, stage: waitingAt, receiptNo: await nextReceiptNo(tx, moves[0]!.at.getUTCFullYear()), submittedAt: moves.at(-1)!.at };
    await tx.update(stories).set({ flowVersionId, unitId: author.unitId, firstSubmittedAt: moves[0]?.at, ...waiting }).where(eq(stories.id, draft.id));
  });
  for (const move of moves) {
    if ('event' in move) {
      await appendStoryEvents(db, [
        { storyId: draft.id, actorId: author.id, action: move.event, fromStatus: move.event === 'submit' ? 'draft' : 'changes_requested', toStatus: 'submitted', note: null, meta: null, createdAt: move.at },
      ]);
    } else {
      await db.insert(stageDecisions).values({
        storyId: draft.id,
        flowVersionId,
        stage: move.stage,
        stageName: stageNames[move.stage]!,
        decision: move.decision,
        actorId: move.by.id,
        storyVersion: draft.version,
        textHash: 'test',
        createdAt: move.at,
      });
    }
  }
  return draft.id;
}
