import 'server-only';
import type { Story } from '@/db/schema';
import { refreshFingerprint } from '../duplicates';
import { AppError, fieldErrorsFrom, validationError } from '../errors';
import { notifyUsers } from '../notifications/internal/notify';
import { getReviewSettings, getSiteSettings } from '../settings';
import { requirePermission, type Viewer } from '../viewer';
import { checkReadyToSubmit } from './ready-to-submit';
import { nextReceiptNo, yearIn } from './internal/receipts';
import { z } from 'zod';
import { currentFlowVersionFor, getFlowVersion } from '../review-flows';
import { typedText } from '../text-input';
import { currentStage } from '../review-flows/position';
import { activeEditorIds, stageActorIds } from './internal/recipients';
import { appendRevision } from './internal/revisions';
import { runTransition } from './internal/transition';
import { distinctWords, weighStoryText, wordsRefusal } from './internal/word-checks';

// The correspondent's side of the state machine, declared for the transition
// engine (internal/transition.ts).

// The owning correspondent, from draft or changes_requested. The first submit
// gives the story its receipt number; a resubmit keeps it. Submitting twice
// with the same version (a double click) returns the first result.
export async function submitStory(viewer: Viewer, id: number, expectedVersion: number, confirmation?: unknown): Promise<Story> {
  requirePermission(viewer, 'story:create');
  const [{ site }, review] = await Promise.all([getSiteSettings(), getReviewSettings()]);
  const secrecy = parseSecrecy(confirmation);
  // Bound to expectedVersion: an edit after the acknowledgement is a new
  // version, checked afresh at its own submit.
  const cautionsAcknowledged = isCautionAcknowledged(confirmation);
  let acknowledged: string[] = [];
  const resubmit = (story: Story) => story.status === 'changes_requested';
  return runTransition(viewer, id, {
    action: 'submit',
    expectedVersion,
    precheck: ({ story }) => {
      if (story.ownerId !== viewer.id) throw new AppError('not_found');
      if (story.status === 'submitted' && story.version === expectedVersion + 1) return story;
    },
    guard: async ({ tx, story }) => {
      const problems = checkReadyToSubmit(story);
      if (problems) throw validationError(problems);
      const words = await weighStoryText(tx, story);
      if (words.forbidden.length) throw wordsRefusal('content_forbidden', 'contentForbidden', words.forbidden);
      if (words.caution.length && !cautionsAcknowledged) throw wordsRefusal('content_caution', 'contentCaution', words.caution);
      acknowledged = distinctWords(words.caution);
      if (review.secrecyCheck) {
        // The unit's own approval stage, where the flow has one, stands in for a typed leader.
        const flow = story.flowVersionId !== null ? await getFlowVersion(tx, story.flowVersionId) : await currentFlowVersionFor(tx, story.columnId);
        const unitApproves = flow.stages[0]?.holders === 'unit';
        const missing = { ...(secrecy.confirmed ? {} : { secrecyConfirmed: 'secrecy_required' }), ...(secrecy.leaderName || unitApproves ? {} : { unitLeaderName: 'required' }) };
        if (Object.keys(missing).length) throw validationError(missing);
      }
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
        // 保密审查 as confirmed at this submit (recorded whenever given).
        ...(secrecy.confirmed ? { secrecyConfirmedAt: now, unitLeaderName: secrecy.leaderName, unitLeaderRecordedById: null, unitLeaderNote: '' } : {}),
      };
    },
    event: ({ story }) => ({ action: resubmit(story) ? 'resubmit' : 'submit', meta: acknowledged.length ? { cautionsAcknowledged: acknowledged } : undefined }),
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

const secrecySchema = z
  .object({
    secrecyConfirmed: z.union([z.boolean(), z.string()]).transform((v) => v === true || v === 'on' || v === 'true'),
    unitLeaderName: typedText().trim().max(40, 'too_long').default(''),
  })
  .partial();

// The correspondent saw the caution words the server listed and submits anyway.
function isCautionAcknowledged(input: unknown): boolean {
  if (typeof input !== 'object' || input === null) return false;
  const value = (input as Record<string, unknown>).cautionsAcknowledged;
  return value === true || value === 'true' || value === 'on';
}

function parseSecrecy(input: unknown): { confirmed: boolean; leaderName: string } {
  if (input === undefined || input === null) return { confirmed: false, leaderName: '' };
  const parsed = secrecySchema.safeParse(input);
  if (!parsed.success) throw validationError(fieldErrorsFrom(parsed.error));
  return { confirmed: parsed.data.secrecyConfirmed ?? false, leaderName: parsed.data.unitLeaderName ?? '' };
}

// The owner, while no reviewer has claimed it and none has decided on it
// (lib/workflow.ts): back to draft, receipt and flow kept.
export async function withdrawStory(viewer: Viewer, id: number, expectedVersion: number): Promise<Story> {
  requirePermission(viewer, 'story:create');
  return runTransition(viewer, id, { action: 'withdraw', expectedVersion });
}
