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
import { requirePermission, type Viewer } from '../viewer';
import { parseZonedDateTime } from '../zoned-time';
import { coCorrespondentIdsSchema, replaceStoryCredits } from './internal/credits';
import { tellOwner } from './internal/recipients';
import { appendRevision } from './internal/revisions';
import { runTransition, type TransitionContext } from './internal/transition';
import { typedText, typedValue } from '../text-input';

// The review desk's side of the state machine, declared for the transition
// engine (internal/transition.ts), which owns the lock, the checks, the
// guarded UPDATE and the event.

export const NOTE_MAX = 2000;

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
  requirePermission(viewer, 'review:use');
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
  requirePermission(viewer, 'review:use');
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

// A decision the correspondent must read (退回, 不予采用, 撤下): a note is
// required, kept on the story, put on the timeline and sent to them.
type NoteDecision = {
  action: Extract<StoryAction, 'return' | 'reject' | 'unpublish'>;
  permission: Permission;
  field: 'note' | 'reason';
  notice: NotificationKind;
  changes?: (ctx: TransitionContext) => Partial<Story>;
  after?: (ctx: TransitionContext) => Promise<void>;
};

async function decideWithNote(viewer: Viewer, id: number, expectedVersion: number, note: unknown, decision: NoteDecision): Promise<Story> {
  requirePermission(viewer, decision.permission);
  const text = requireNote(note, decision.field);
  return runTransition(viewer, id, {
    action: decision.action,
    expectedVersion,
    changes: (ctx) => ({ lastNote: text, ...decision.changes?.(ctx) }),
    event: () => ({ note: text }),
    after: async (ctx) => {
      await tellOwner(ctx.tx, viewer, ctx.story, decision.notice, { note: text });
      await decision.after?.(ctx);
    },
  });
}

// 退回修改: back to the correspondent, who must see why.
export async function returnStory(viewer: Viewer, id: number, expectedVersion: number, note: unknown): Promise<Story> {
  return decideWithNote(viewer, id, expectedVersion, note, { action: 'return', permission: 'review:use', field: 'note', notice: 'story_returned' });
}

// 不予采用: final, with a reason the correspondent sees; the story stays with
// whoever decided it.
export async function rejectStory(viewer: Viewer, id: number, expectedVersion: number, reason: unknown): Promise<Story> {
  return decideWithNote(viewer, id, expectedVersion, reason, {
    action: 'reject',
    permission: 'review:use',
    field: 'reason',
    notice: 'story_rejected',
    changes: ({ story }) => ({ assigneeId: story.assigneeId ?? viewer.id }),
  });
}

// 撤下: off the public site. A scheduled story unpublished never goes out.
export async function unpublishStory(viewer: Viewer, id: number, expectedVersion: number, reason: unknown): Promise<Story> {
  return decideWithNote(viewer, id, expectedVersion, reason, {
    action: 'unpublish',
    permission: 'story:publish',
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
  return takenAsFieldError([{ constraint: 'stories_public_id_key', field: 'publicId', key: 'public_id_taken' }], () =>
    runTransition(viewer, id, {
      action,
      expectedVersion,
      guard: async ({ tx }) => {
        const [column] = await tx
          .select({ id: siteColumns.id })
          .from(siteColumns)
          .where(and(eq(siteColumns.id, fields.columnId), eq(siteColumns.isActive, true)))
          .limit(1);
        if (!column) throw validationError({ columnId: 'required' });
      },
      changes: ({ story }) => {
        const shown = {
          columnId: fields.columnId,
          source: fields.source || site.defaultSource,
          byline: fields.byline,
          editorName: fields.editorName || viewer.displayName,
          publicId: fields.publicId || null,
          publishedById: viewer.id,
          lastNote: null,
          isHeadline: fields.isHeadline,
        };
        if (action === 'schedule') return { ...shown, publishAt: fields.publishAt };
        // A story that was out before keeps its date; a first publication is now.
        return { ...shown, publishAt: null, publishedAt: story.publishedAt ?? now, firstPublishedAt: story.firstPublishedAt ?? now };
      },
      event: ({ story }) => {
        const meta = {
          ...(fields.publishAt ? { publishAt: fields.publishAt.toISOString() } : {}),
          ...(fields.isHeadline ? { headline: true } : {}),
          ...(fields.coCorrespondents.length ? { coCorrespondents: fields.coCorrespondents } : {}),
        };
        return { action: action === 'schedule' ? 'schedule' : story.status === 'unpublished' ? 'republish' : 'publish', meta: Object.keys(meta).length ? meta : undefined };
      },
      after: async ({ tx, story, updated }) => {
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
