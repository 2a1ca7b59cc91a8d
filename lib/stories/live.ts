import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { storyCorrections, storyPending, storyRevisions, users, type Story, type StoryPending } from '@/db/schema';
import { getDb, type Db, type Tx } from '@/db/client';
import { can } from '../authz';
import { refreshFingerprint } from '../duplicates';
import { AppError, fieldErrorsFrom, validationError } from '../errors';
import { isId } from '../ids';
import { publicStoriesChanged } from '../public-changes';
import { getFlowVersion } from '../review-flows';
import { mayActAtStage } from '../review-flows/stages';
import { getSiteSettings } from '../settings';
import { typedText } from '../text-input';
import { requirePermission, type Viewer } from '../viewer';
import { canEdit, canTransition, canView, type StageContext } from '../workflow';
import { parseZonedDateTime } from '../zoned-time';
import { assertVisible, readStory, type VisibleStory } from './access';
import type { StoryFields } from './internal/fields';
import { checkReadyToSubmit } from './ready-to-submit';
import { pendingFields, readPending, workingCopy } from './internal/pending';
import { writeWorkingCopy } from './internal/working-copy';
import { appendRevision } from './internal/revisions';
import { distinctWords, OVERRIDE_REASON_MAX, weighStoryText, wordsRefusal } from './internal/word-checks';
import { loadForTransition, recordEvent, runTransition } from './internal/transition';

// Published articles change only on purpose (docs/live-articles.md): an edit
// of a live story is a pending revision; it reaches readers when someone who
// may sign the story off publishes it as an update, with a correction note
// (更正说明) or marked minor. Earlier revisions can be restored into the
// editor, and a live story can be given a time to leave the site.

export const CORRECTION_NOTE_MAX = 500;

// How far ahead an expiry may lie, and how soon: the job runs every few
// seconds, so a time under a minute away would pass before it is saved.
const EXPIRY_MIN_LEAD_MS = 30_000;
const EXPIRY_MAX_AHEAD_MS = 5 * 366 * 24 * 3600_000;

// The sign-off stage of the story's flow, for the state machine: only who
// may act there publishes an update. A story outside any flow (published
// before review flows existed) is the desk's, as it always was.
async function signOffContext(db: Db | Tx, viewer: Viewer, story: Story): Promise<StageContext | undefined> {
  if (story.flowVersionId === null) return undefined;
  const flow = await getFlowVersion(db, story.flowVersionId);
  const last = flow.stages.length - 1;
  return { mayAct: mayActAtStage(viewer, flow.stages[last]!, story), isFirst: last === 0, isLast: true, decided: true };
}

const updateSchema = z
  .object({
    // 'correction': a note to readers; 'minor': a typo fixed, no note.
    kind: z.enum(['correction', 'minor'], { error: 'required' }),
    note: typedText().trim().max(CORRECTION_NOTE_MAX, 'too_long').default(''),
    // Publishing over forbidden words, as at the sign-off (lib/content-check).
    wordOverrideReason: typedText().trim().max(OVERRIDE_REASON_MAX, 'too_long').default(''),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'correction' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'required' });
  });

export type PublishUpdateInput = z.input<typeof updateSchema>;

// 发布更新: the pending revision of a live story goes out. With a correction
// note it is listed at the end of the article (and on /corrections); marked
// minor, readers only see 更新时间 change. Who may sign the story off, at
// the version they saw.
export async function publishUpdate(viewer: Viewer, id: number, expectedVersion: number, input: unknown): Promise<Story> {
  requirePermission(viewer, 'story:publish');
  const parsed = updateSchema.safeParse(input ?? {});
  if (!parsed.success) throw validationError(fieldErrorsFrom(parsed.error));
  const { kind, note, wordOverrideReason } = parsed.data;
  const now = new Date();
  let pending: StoryPending | null = null;
  let overridden: string[] = [];
  return runTransition(viewer, id, {
    action: 'publish_update',
    expectedVersion,
    stage: ({ tx, story }) => signOffContext(tx, viewer, story),
    guard: async ({ tx }) => {
      pending = await readPending(tx, id);
      // Said in words: the button is offered before the first save of an edit.
      if (!pending) throw validationError({ form: 'nothing_pending' });
      // What publishing needs of any story: a title, a column, a body.
      const missing = checkReadyToSubmit(pending);
      if (missing) throw validationError(missing);
      // An update is a sign-off of the new text: the word lists' gate applies to it.
      const words = await weighStoryText(tx, pending);
      if (words.forbidden.length && !wordOverrideReason) throw wordsRefusal('content_override_required', 'wordOverrideReason', words.forbidden);
      overridden = distinctWords(words.forbidden);
    },
    changes: () => ({ ...pendingFields(pending!), contentUpdatedAt: now }),
    event: () => ({ note: kind === 'correction' ? note : null, meta: kind === 'minor' ? { minor: true } : { correction: true } }),
    after: async ({ tx, story, updated }) => {
      if (overridden.length) await recordEvent(tx, story, viewer, 'word_override', story.status, updated.status, null, { reason: wordOverrideReason, words: overridden, action: 'publish_update' });
      await tx.delete(storyPending).where(eq(storyPending.storyId, id));
      if (kind === 'correction') await tx.insert(storyCorrections).values({ storyId: id, note, actorId: viewer.id, createdAt: now });
      await appendRevision(tx, id, updated.version, 'publish', viewer.id, updated);
      await refreshFingerprint(tx, id, updated.bodyText);
      await publicStoriesChanged(tx, { storyIds: [id] });
    },
  });
}

// 放弃修改: the pending revision of a live story is thrown away; the editor
// starts again from what readers see. Any editor who may edit it.
export async function discardPending(viewer: Viewer, id: number, expectedVersion: number): Promise<Story> {
  requirePermission(viewer, 'review:use');
  return runTransition(viewer, id, {
    action: 'discard_pending',
    expectedVersion,
    guard: async ({ tx }) => {
      if (!(await readPending(tx, id))) throw new AppError('invalid_transition', 'no pending revision');
    },
    after: async ({ tx, updated }) => {
      await tx.delete(storyPending).where(eq(storyPending.storyId, id));
      await refreshFingerprint(tx, id, updated.bodyText);
    },
  });
}

// 恢复此版本: an earlier revision of the story's text becomes the working copy,
// as a new revision (the history keeps everything). Its holder: the
// correspondent for a draft or a returned story, the claiming editor in
// review, the desk for a published story, where it becomes the pending
// revision and readers see nothing until an update is published. Byline,
// source, column and cover stay as they are: revisions hold the text.
export async function restoreRevision(viewer: Viewer, id: number, expectedVersion: number, revisionId: number): Promise<Story> {
  requirePermission(viewer, 'portal:enter');
  if (!isId(revisionId)) throw new AppError('not_found');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const story = await loadForTransition(tx, id);
    if (!canView(viewer, story)) throw new AppError('not_found');
    if (story.version !== expectedVersion) throw new AppError('conflict', `version ${story.version} != ${expectedVersion}`);
    if (!canEdit(viewer, story)) throw new AppError('invalid_transition', `restore in ${story.status}`);
    const [revision] = await tx
      .select()
      .from(storyRevisions)
      .where(and(eq(storyRevisions.id, revisionId), eq(storyRevisions.storyId, id)))
      .limit(1);
    if (!revision) throw new AppError('not_found');
    const working = story.status === 'published' ? workingCopy(story, await readPending(tx, id)) : story;
    const fields: StoryFields = {
      ...pendingFields(working),
      title: revision.title,
      subtitle: revision.subtitle,
      summary: revision.summary,
      bodyHtml: revision.bodyHtml,
      bodyText: revision.bodyText,
    };
    const restored = await writeWorkingCopy(tx, viewer, story, fields, 'restore');
    await recordEvent(tx, story, viewer, 'restore', story.status, story.status, null, { revisionId, revisionVersion: revision.storyVersion, version: restored.version });
    return restored;
  });
}

// The expiry as typed (datetime-local in the site's zone; empty: none).
// A time already past, or too soon for the job to see it, is refused.
export function parseExpiry(value: unknown, timeZone: string, now: Date, notBefore?: Date | null): Date | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return null;
  const at = parseZonedDateTime(text, timeZone);
  if (!at) throw validationError({ unpublishAt: 'invalid_datetime' });
  if (at.getTime() < now.getTime() + EXPIRY_MIN_LEAD_MS) throw validationError({ unpublishAt: 'unpublish_at_past' });
  if (notBefore && at.getTime() <= notBefore.getTime()) throw validationError({ unpublishAt: 'unpublish_before_publish' });
  if (at.getTime() > now.getTime() + EXPIRY_MAX_AHEAD_MS) throw validationError({ unpublishAt: 'unpublish_at_too_far' });
  return at;
}

const expirySchema = z.object({ unpublishAt: typedText().trim().max(40, 'invalid_datetime').default('') });

// 到期撤下: when a live story leaves the site by itself (null: it stays).
// The desk's publishers, on a published story.
export async function setStoryExpiry(viewer: Viewer, id: number, expectedVersion: number, input: unknown): Promise<Story> {
  requirePermission(viewer, 'story:publish');
  const { site } = await getSiteSettings();
  const parsed = expirySchema.safeParse(input ?? {});
  if (!parsed.success) throw validationError(fieldErrorsFrom(parsed.error));
  const unpublishAt = parseExpiry(parsed.data.unpublishAt, site.timeZone, new Date());
  return runTransition(viewer, id, {
    action: 'set_expiry',
    expectedVersion,
    precheck: ({ story }) => (story.status === 'published' && story.unpublishAt?.getTime() === unpublishAt?.getTime() ? story : undefined),
    changes: () => ({ unpublishAt }),
    event: () => ({ meta: { unpublishAt: unpublishAt?.toISOString() ?? null } }),
  });
}

export type LiveCorrection = { id: number; note: string; createdAt: Date };

export type LiveFile = {
  // The pending revision of a published story, when there is one.
  pending: { title: string; subtitle: string; summary: string; bodyText: string; updatedAt: Date; updatedByName: string | null } | null;
  corrections: LiveCorrection[];
  unpublishAt: Date | null;
  // What this viewer may do with it: publish an update (who may sign it
  // off), discard the pending revision, set the expiry.
  mayPublishUpdate: boolean;
  mayDiscard: boolean;
  maySetExpiry: boolean;
};

const pendingColumns = {
  title: storyPending.title,
  subtitle: storyPending.subtitle,
  summary: storyPending.summary,
  bodyText: storyPending.bodyText,
  updatedAt: storyPending.updatedAt,
};

// The review page's view of a live story: its pending revision beside the
// live text, its corrections, its expiry. Empty for a story not published.
export async function getLiveFile(viewer: Viewer, handle: VisibleStory): Promise<LiveFile> {
  assertVisible(viewer, handle);
  const none: LiveFile = { pending: null, corrections: [], unpublishAt: null, mayPublishUpdate: false, mayDiscard: false, maySetExpiry: false };
  if (handle.status !== 'published') return none;
  const db = await getDb();
  const [story, [pending], corrections] = await Promise.all([
    readStory(viewer, handle),
    db
      .select({ ...pendingColumns, updatedByName: users.displayName })
      .from(storyPending)
      .leftJoin(users, eq(users.id, storyPending.updatedById))
      .where(eq(storyPending.storyId, handle.id))
      .limit(1),
    db
      .select({ id: storyCorrections.id, note: storyCorrections.note, createdAt: storyCorrections.createdAt })
      .from(storyCorrections)
      .where(eq(storyCorrections.storyId, handle.id))
      .orderBy(asc(storyCorrections.createdAt), asc(storyCorrections.id)),
  ]);
  const mayPublish = can(viewer, 'story:publish');
  const signOff = mayPublish ? await signOffContext(db, viewer, story) : undefined;
  return {
    pending: pending ?? null,
    corrections,
    unpublishAt: story.unpublishAt,
    // Offered with or without a pending revision: the editor's unsaved text
    // is saved first, and becomes it.
    mayPublishUpdate: mayPublish && canTransition(viewer, story, 'publish_update', signOff),
    mayDiscard: Boolean(pending) && can(viewer, 'review:use') && canTransition(viewer, story, 'discard_pending'),
    maySetExpiry: mayPublish && canTransition(viewer, story, 'set_expiry'),
  };
}
