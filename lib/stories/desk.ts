import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { siteColumns, users, type Story } from '@/db/schema';
import type { Tx } from '@/db/client';
import { auditActor } from '../actors';
import type { Permission } from '../authz';
import { recordAudit } from '../audit';
import { refreshFingerprint } from '../duplicates';
import { AppError, fieldErrorsFrom, issueField, takenAsFieldError, validationError } from '../errors';
import { MAX_ID } from '../ids';
import { notifyUsers, type NotificationKind } from '../notifications/internal/notify';
import { publicStoriesChanged } from '../public-changes';
import { getSiteSettings } from '../settings';
import type { StoryAction } from '../workflow';
import { requireAnyPermission, requirePermission, type Viewer } from '../viewer';
import { parseZonedDateTime } from '../zoned-time';
import { coCorrespondentIdsSchema, replaceStoryCredits } from './internal/credits';
import { tellOwner } from './internal/recipients';
import { appendRevision } from './internal/revisions';
import { recordEvent, runTransition, type TransitionContext } from './internal/transition';
import { currentFlowVersionFor } from '../review-flows';
import { currentStage, recordStageDecision, reviewNames, type StagePlace } from '../review-flows/position';
import { stageActorIds } from './internal/recipients';
import type { StageDecisionKind } from '@/db/schema/enums';
import { typedText, typedValue } from '../text-input';
import { distinctWords, weighStoryText, wordsRefusal } from './internal/word-checks';

// The review desk's side of the state machine, declared for the transition
// engine (internal/transition.ts), which owns the lock, the checks, the
// guarded UPDATE and the event.

export const NOTE_MAX = 2000;

// Who reviews: the desk, and unit approvers at a unit stage (the stage itself
// is checked by the state machine, lib/workflow.ts, under the lock).
const REVIEWERS = ['review:use', 'review:unit'] as const;

function requireNote(note: unknown, field: 'note' | 'reason'): string {
  const text = typedValue(note).trim();
  if (!text) throw validationError({ [field]: 'required' });
  if (text.length > NOTE_MAX) throw validationError({ [field]: 'too_long' });
  return text;
}

async function holderName(tx: Tx, userId: number | null): Promise<string> {
  if (!userId) return '';
  const [row] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.name ?? '';
}

// Claims a submitted story. Of two editors claiming at once the row lock
// serialises them: the second finds it claimed and is told by whom.
export async function claimStory(viewer: Viewer, id: number): Promise<Story> {
  requireAnyPermission(viewer, REVIEWERS);
  return runTransition(viewer, id, {
    action: 'claim',
    expectedVersion: 'current',
    precheck: async ({ tx, story }) => {
      if (story.status !== 'in_review') return;
      if (story.assigneeId === viewer.id) return story;
      throw new AppError('claimed', `held by ${story.assigneeId}`, undefined, { name: await holderName(tx, story.assigneeId) });
    },
    changes: () => ({ assigneeId: viewer.id, claimedAt: new Date() }),
  });
}

// The holder puts a story back in the queue, unclaimed.
export async function releaseStory(viewer: Viewer, id: number): Promise<Story> {
  requireAnyPermission(viewer, REVIEWERS);
  return runTransition(viewer, id, { action: 'release', expectedVersion: 'current', changes: () => ({ assigneeId: null, claimedAt: null }) });
}

// Another editor (or an admin) takes a claimed story over: logged on the
// story and in the audit trail, and its previous holder is told.
export async function takeOverStory(viewer: Viewer, id: number): Promise<Story> {
  requirePermission(viewer, 'review:take-over');
  return runTransition(viewer, id, {
    action: 'take_over',
    expectedVersion: 'current',
    precheck: ({ story }) => (story.status === 'in_review' && story.assigneeId === viewer.id ? story : undefined),
    changes: () => ({ assigneeId: viewer.id, claimedAt: new Date() }),
    event: ({ story }) => ({ meta: { previousAssigneeId: story.assigneeId } }),
    after: async ({ tx, story }) => {
      const previous = story.assigneeId;
      await recordAudit(tx, { ...auditActor(viewer), action: 'story.take_over', targetType: 'story', targetId: id, meta: { previousAssigneeId: previous } });
      if (previous) {
        await notifyUsers(tx, [previous], { kind: 'story_taken_over', storyId: id, actorId: viewer.id, payload: { title: story.title, receiptNo: story.receiptNo } });
      }
    },
  });
}

// The timeline's record of a stage decision: which stage (the opinion stays
// in stage_decisions, among the reviewers). A flow of one stage names none,
// so a site without staged review reads as it always did.
function stageMeta(place: StagePlace, extra: Record<string, unknown> = {}): Record<string, unknown> | undefined {
  if (place.flow.stages.length === 1) return undefined;
  return { stage: place.stage, stageName: place.def.name, ...extra };
}

const opinionSchema = typedText().trim().max(NOTE_MAX, 'too_long').default('');
const stageSchema = z.coerce.number().int().min(0).max(7).optional();

// The opinion a decision carries, required where the stage says so; and the
// stage the reviewer saw, so a stale or replayed decision never lands on
// another stage.
function checkStageDecision(place: StagePlace | null, expectedStage: number | undefined, opinion: string): asserts place is StagePlace {
  if (!place) throw new AppError('invalid_transition', 'not in a flow stage');
  if (expectedStage !== undefined && expectedStage !== place.stage) throw new AppError('conflict', `stage ${place.stage} != ${expectedStage}`);
  if (place.def.opinionRequired && !opinion) throw validationError({ opinion: 'required' });
}

function parseDecisionInput(input: unknown): { opinion: string; stage?: number } {
  const parsed = z.object({ opinion: opinionSchema, stage: stageSchema }).safeParse(input ?? {});
  if (!parsed.success) throw validationError(fieldErrorsFrom(parsed.error));
  return parsed.data;
}

// 通过 at a stage: the story waits at the next stage, unclaimed, and whoever
// may act there hears of it. The last stage signs off by publishing instead.
export async function approveStory(viewer: Viewer, id: number, expectedVersion: number, input: unknown): Promise<Story> {
  requireAnyPermission(viewer, REVIEWERS);
  const { opinion, stage } = parseDecisionInput(input);
  return moveStage(viewer, id, expectedVersion, { action: 'approve', decision: 'approve', opinion, stage, step: 1 });
}

// 退回上一环节: back to the previous stage, with the reason (required).
export async function sendBackStory(viewer: Viewer, id: number, expectedVersion: number, input: unknown): Promise<Story> {
  requireAnyPermission(viewer, REVIEWERS);
  const { opinion, stage } = parseDecisionInput(input);
  if (!opinion) throw validationError({ opinion: 'required' });
  return moveStage(viewer, id, expectedVersion, { action: 'send_back', decision: 'send_back', opinion, stage, step: -1 });
}

async function moveStage(
  viewer: Viewer,
  id: number,
  expectedVersion: number,
  move: { action: 'approve' | 'send_back'; decision: StageDecisionKind; opinion: string; stage?: number; step: 1 | -1 },
): Promise<Story> {
  return runTransition(viewer, id, {
    action: move.action,
    expectedVersion,
    guard: ({ place }) => checkStageDecision(place, move.stage, move.opinion),
    changes: ({ place }) => ({ stage: place!.stage + move.step, assigneeId: null, claimedAt: null }),
    event: ({ place }) => ({ meta: stageMeta(place!, { toStage: place!.stage + move.step, toStageName: place!.flow.stages[place!.stage + move.step]!.name }) }),
    after: async ({ tx, story, updated, place }) => {
      await recordStageDecision(tx, { story, place: place!, decision: move.decision, opinion: move.opinion, actorId: viewer.id });
      const next: StagePlace = { flow: place!.flow, stage: updated.stage!, def: place!.flow.stages[updated.stage!]! };
      await notifyUsers(tx, await stageActorIds(tx, next, updated), {
        kind: 'story_stage_waiting',
        storyId: id,
        actorId: viewer.id,
        payload: { title: story.title, receiptNo: story.receiptNo, stageName: next.def.name },
      });
    },
  });
}

// 重新开始审核: the story starts again at the first stage of the flow its
// column has now (after a change of column), unclaimed; the old stage
// decisions stay on the record. Administrators only, with a reason, on the
// timeline and so in the audit trail.
export async function restartStoryFlow(viewer: Viewer, id: number, expectedVersion: number, reason: unknown): Promise<Story> {
  requirePermission(viewer, 'workflows:manage');
  const text = requireNote(reason, 'reason');
  return runTransition(viewer, id, {
    action: 'restart_flow',
    expectedVersion,
    changes: async ({ tx, story }) => {
      const flow = await currentFlowVersionFor(tx, story.columnId);
      return { flowVersionId: flow.id, stage: 0, assigneeId: null, claimedAt: null, returnedById: null };
    },
    event: ({ story }) => ({ note: text, meta: { fromFlowVersionId: story.flowVersionId, fromStage: story.stage } }),
    after: async ({ tx, updated }) => {
      const place = await currentStage(tx, updated);
      if (place) {
        await notifyUsers(tx, await stageActorIds(tx, place, updated), {
          kind: 'story_stage_waiting',
          storyId: id,
          actorId: viewer.id,
          payload: { title: updated.title, receiptNo: updated.receiptNo, stageName: place.def.name },
        });
      }
    },
  });
}

// A decision the correspondent must read (退回, 不予采用, 撤下): a note is
// required, kept on the story, put on the timeline and sent to them.
type NoteDecision = {
  action: Extract<StoryAction, 'return' | 'reject' | 'unpublish'>;
  permissions: readonly Permission[];
  // The stage decision it is, when taken at a stage of a flow.
  decision?: StageDecisionKind;
  field: 'note' | 'reason';
  notice: NotificationKind;
  changes?: (ctx: TransitionContext) => Partial<Story>;
  after?: (ctx: TransitionContext) => Promise<void>;
};

async function decideWithNote(viewer: Viewer, id: number, expectedVersion: number, note: unknown, decision: NoteDecision): Promise<Story> {
  requireAnyPermission(viewer, decision.permissions);
  const text = requireNote(note, decision.field);
  return runTransition(viewer, id, {
    action: decision.action,
    expectedVersion,
    changes: (ctx) => ({ lastNote: text, ...decision.changes?.(ctx) }),
    event: (ctx) => ({ note: text, meta: ctx.place && decision.decision ? stageMeta(ctx.place) : undefined }),
    after: async (ctx) => {
      if (ctx.place && decision.decision) await recordStageDecision(ctx.tx, { story: ctx.story, place: ctx.place, decision: decision.decision, opinion: text, actorId: viewer.id });
      await tellOwner(ctx.tx, viewer, ctx.story, decision.notice, { note: text });
      await decision.after?.(ctx);
    },
  });
}

// 退回修改: back to the correspondent, who must see why.
export async function returnStory(viewer: Viewer, id: number, expectedVersion: number, note: unknown): Promise<Story> {
  // Its stage is kept, and who returned it, so the resubmit goes back there.
  return decideWithNote(viewer, id, expectedVersion, note, {
    action: 'return',
    permissions: REVIEWERS,
    decision: 'return',
    field: 'note',
    notice: 'story_returned',
    changes: () => ({ returnedById: viewer.id }),
  });
}

// 不予采用: final, with a reason the correspondent sees; the story stays with
// whoever decided it.
export async function rejectStory(viewer: Viewer, id: number, expectedVersion: number, reason: unknown): Promise<Story> {
  return decideWithNote(viewer, id, expectedVersion, reason, {
    action: 'reject',
    permissions: REVIEWERS,
    decision: 'reject',
    field: 'reason',
    notice: 'story_rejected',
    changes: ({ story }) => ({ assigneeId: story.assigneeId ?? viewer.id, stage: null }),
  });
}

// 撤下: off the public site. A scheduled story unpublished never goes out.
export async function unpublishStory(viewer: Viewer, id: number, expectedVersion: number, reason: unknown): Promise<Story> {
  return decideWithNote(viewer, id, expectedVersion, reason, {
    action: 'unpublish',
    permissions: ['story:publish'],
    field: 'reason',
    notice: 'story_unpublished',
    changes: () => ({ publishAt: null }),
    after: async ({ tx, story }) => {
      if (story.status === 'published') await publicStoriesChanged(tx, { storyIds: [id] });
    },
  });
}

const publishSchema = z.object({
  columnId: z.coerce.number().int().positive().max(MAX_ID),
  source: typedText().trim().max(40, 'too_long').default(''),
  byline: typedText().trim().min(1, 'required').max(40, 'too_long'),
  editorName: typedText().trim().max(40, 'too_long').default(''),
  publicId: z
    .string()
    .trim()
    .toLowerCase()
    .max(64, 'too_long')
    .default('')
    .refine((v) => v === '' || (/^[a-z0-9][a-z0-9-]{2,63}$/.test(v) && !/^\d+$/.test(v)), 'public_id_format'),
  when: z.enum(['now', 'schedule']).default('now'),
  publishAt: typedText().trim().default(''),
  // 头条: a checkbox ('on') or a boolean.
  isHeadline: z
    .union([z.boolean(), z.string()])
    .transform((v) => v === true || v === 'on' || v === 'true')
    .default(false),
  coCorrespondents: coCorrespondentIdsSchema,
  // The sign-off's opinion (签发意见), required where the last stage says so,
  // and the stage the signer saw.
  opinion: opinionSchema,
  stage: stageSchema,
  // 代录: a sign-off the leader gave by phone or on paper, recorded by the
  // signer in the leader's name (the review sheet prints both).
  signedForName: typedText().trim().max(40, 'too_long').default(''),
  // Publishing despite forbidden words (lib/content-check): the signer's
  // reason, asked for only when the text holds some.
  wordOverrideReason: typedText().trim().max(NOTE_MAX, 'too_long').default(''),
});

export type PublishInput = z.input<typeof publishSchema>;

// How long ahead a scheduled time must lie, and how far it may.
const SCHEDULE_MIN_LEAD_MS = 30_000;
const SCHEDULE_MAX_AHEAD_MS = 366 * 24 * 3600_000;

function parsePublishInput(input: unknown, timeZone: string, now: Date) {
  const parsed = publishSchema.safeParse(input);
  if (!parsed.success) {
    // A missing or garbled choice (no column picked) reads as "required".
    throw validationError(
      fieldErrorsFrom(parsed.error, (issue) => {
        const field = issueField(issue);
        return [field, issue.code === 'invalid_type' || field === 'columnId' ? 'required' : issue.message];
      }),
    );
  }
  const data = parsed.data;
  let publishAt: Date | null = null;
  if (data.when === 'schedule') {
    publishAt = parseZonedDateTime(data.publishAt, timeZone);
    if (!publishAt) throw validationError({ publishAt: data.publishAt ? 'invalid_datetime' : 'required' });
    if (publishAt.getTime() < now.getTime() + SCHEDULE_MIN_LEAD_MS) throw validationError({ publishAt: 'publish_at_past' });
    if (publishAt.getTime() > now.getTime() + SCHEDULE_MAX_AHEAD_MS) throw validationError({ publishAt: 'publish_at_too_far' });
  }
  return { ...data, publishAt };
}

// 采用并发布: now, or at a time in the site's zone. Sets what the public page
// shows (column, source, byline, 编辑) and keeps a revision of the text as
// published. Republishing an unpublished story, now or later, keeps its
// original date.
export async function publishStory(viewer: Viewer, id: number, expectedVersion: number, input: unknown): Promise<Story> {
  requirePermission(viewer, 'story:publish');
  const { site } = await getSiteSettings();
  const now = new Date();
  const fields = parsePublishInput(input, site.timeZone, now);
  const action: StoryAction = fields.when === 'schedule' ? 'schedule' : 'publish';
  let overridden: string[] = [];
  return takenAsFieldError([{ constraint: 'stories_public_id_key', field: 'publicId', key: 'public_id_taken' }], () =>
    runTransition(viewer, id, {
      action,
      expectedVersion,
      guard: async ({ tx, story, place }) => {
        // From the review (not a scheduled or unpublished story): the sign-off.
        if (story.status === 'in_review' && place) checkStageDecision(place, fields.stage, fields.opinion);
        const [column] = await tx
          .select({ id: siteColumns.id })
          .from(siteColumns)
          .where(and(eq(siteColumns.id, fields.columnId), eq(siteColumns.isActive, true)))
          .limit(1);
        if (!column) throw validationError({ columnId: 'required' });
        const words = await weighStoryText(tx, story);
        if (words.forbidden.length && !fields.wordOverrideReason) throw wordsRefusal('content_override_required', 'wordOverrideReason', words.forbidden);
        overridden = distinctWords(words.forbidden);
      },
      changes: async ({ tx, story, place }) => {
        const names = await reviewNames(tx, story);
        // The sign-off fixes the meta line's 审核 and 签发; publishing again
        // (a scheduled story now, a republish) keeps them.
        const signing = (story.status === 'in_review' && place) || !story.signerName;
        const shown = {
          columnId: fields.columnId,
          source: fields.source || site.defaultSource,
          byline: fields.byline,
          editorName: fields.editorName || names.responsible || viewer.displayName,
          ...(signing ? { reviewerNames: names.reviewers.join('、'), signerName: fields.signedForName || viewer.displayName } : {}),
          stage: null,
          publicId: fields.publicId || null,
          publishedById: viewer.id,
          lastNote: null,
          isHeadline: fields.isHeadline,
        };
        if (action === 'schedule') return { ...shown, publishAt: fields.publishAt };
        // A story that was out before keeps its date; a first publication is now.
        return { ...shown, publishAt: null, publishedAt: story.publishedAt ?? now, firstPublishedAt: story.firstPublishedAt ?? now };
      },
      event: ({ story, place }) => {
        const meta = {
          ...(fields.publishAt ? { publishAt: fields.publishAt.toISOString() } : {}),
          ...(fields.isHeadline ? { headline: true } : {}),
          ...(fields.coCorrespondents.length ? { coCorrespondents: fields.coCorrespondents } : {}),
        };
        const signed = (story.status === 'in_review' && place && stageMeta(place)) || {};
        const all = { ...meta, ...signed };
        return { action: action === 'schedule' ? 'schedule' : story.status === 'unpublished' ? 'republish' : 'publish', meta: Object.keys(all).length ? all : undefined };
      },
      after: async ({ tx, story, updated, place }) => {
        if (story.status === 'in_review' && place) {
          await recordStageDecision(tx, { story, place, decision: 'sign_off', opinion: fields.opinion, actorId: viewer.id, recordedForName: fields.signedForName || null });
        }
        if (overridden.length) {
          await recordEvent(tx, story, viewer, 'word_override', story.status, updated.status, null, { reason: fields.wordOverrideReason, words: overridden, action });
        }
        await appendRevision(tx, id, updated.version, 'publish', viewer.id, story);
        await replaceStoryCredits(tx, story, fields.coCorrespondents);
        await refreshFingerprint(tx, id, story.bodyText);
        // A published story rescheduled leaves the site until its new time.
        if (updated.status === 'published' || story.status === 'published') await publicStoriesChanged(tx, { storyIds: [id] });
        await tellOwner(tx, viewer, story, action === 'schedule' ? 'story_scheduled' : 'story_published', fields.publishAt ? { publishAt: fields.publishAt.toISOString() } : {});
      },
    }),
  );
}
