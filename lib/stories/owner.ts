import 'server-only';
import type { Story } from '@/db/schema';
import { refreshFingerprint } from '../duplicates';
import { AppError, validationError } from '../errors';
import { notifyUsers } from '../notifications/internal/notify';
import { getSiteSettings } from '../settings';
import { requirePermission, type Viewer } from '../viewer';
import { checkReadyToSubmit } from './internal/fields';
import { nextReceiptNo, yearIn } from './internal/receipts';
import { currentFlowVersionFor } from '../review-flows';
import { currentStage } from '../review-flows/position';
import { activeEditorIds, stageActorIds } from './internal/recipients';
import { appendRevision } from './internal/revisions';
import { runTransition } from './internal/transition';

// The correspondent's side of the state machine, declared for the transition
// engine (internal/transition.ts).

// The owning correspondent, from draft or changes_requested. The first submit
// gives the story its receipt number; a resubmit keeps it. Submitting twice
// with the same version (a double click) returns the first result.
export async function submitStory(viewer: Viewer, id: number, expectedVersion: number): Promise<Story> {
  requirePermission(viewer, 'story:create');
  const { site } = await getSiteSettings();
  const resubmit = (story: Story) => story.status === 'changes_requested';
  return runTransition(viewer, id, {
    action: 'submit',
    expectedVersion,
    precheck: ({ story }) => {
      if (story.ownerId !== viewer.id) throw new AppError('not_found');
      if (story.status === 'submitted' && story.version === expectedVersion + 1) return story;
    },
    guard: ({ story }) => {
      const problems = checkReadyToSubmit(story);
      if (problems) throw validationError(problems);
    },
    changes: async ({ tx, story }) => {
      const now = new Date();
      // The flow of its first submit, for good: a flow edited later, or a
      // column changed, leaves it where it is. A returned story goes back to
      // the stage that returned it.
      const flowVersionId = story.flowVersionId ?? (await currentFlowVersionFor(tx, story.columnId)).id;
      return {
        receiptNo: story.receiptNo ?? (await nextReceiptNo(tx, yearIn(site.timeZone))),
        submittedAt: now,
        firstSubmittedAt: story.firstSubmittedAt ?? now,
        assigneeId: null,
        claimedAt: null,
        unitId: story.unitId ?? viewer.unitId,
        flowVersionId,
        stage: story.stage ?? 0,
      };
    },
    event: ({ story }) => ({ action: resubmit(story) ? 'resubmit' : 'submit' }),
    after: async ({ tx, story, updated }) => {
      await appendRevision(tx, id, updated.version, 'submit', viewer.id, story);
      await refreshFingerprint(tx, id, story.bodyText);
      // The reviewer who returned it hears first; otherwise whoever may act
      // at its stage.
      const place = await currentStage(tx, updated);
      const recipients = resubmit(story) && story.returnedById ? [story.returnedById] : place ? await stageActorIds(tx, place, updated) : await activeEditorIds(tx);
      await notifyUsers(tx, recipients, {
        kind: resubmit(story) ? 'story_resubmitted' : 'story_submitted',
        storyId: id,
        actorId: viewer.id,
        payload: { title: story.title, receiptNo: updated.receiptNo, ...(place ? { stageName: place.def.name } : {}) },
      });
    },
  });
}

// The owner, while no reviewer has claimed it and none has decided on it
// (lib/workflow.ts): back to draft, receipt and flow kept.
export async function withdrawStory(viewer: Viewer, id: number, expectedVersion: number): Promise<Story> {
  requirePermission(viewer, 'story:create');
  return runTransition(viewer, id, { action: 'withdraw', expectedVersion });
}
