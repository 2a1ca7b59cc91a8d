import 'server-only';
import { and, asc, count, desc, eq, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { comments, siteColumns, stories, type Story, type StoryStatus } from '@/db/schema';
import { getDb } from '@/db/client';
import { isDesk } from '../authz';
import { AppError } from '../errors';
import { attachMediaToStory } from '../media';
import { canEdit, canView } from '../workflow';
import { requirePermission, type Viewer } from '../viewer';
import { holdsFields, parseStoryFields } from './internal/fields';
import { readPending, workingCopy } from './internal/pending';
import { imagesOf, writeWorkingCopy } from './internal/working-copy';
import { appendRevision } from './internal/revisions';
import { loadForTransition, recordEvent } from './internal/transition';
import { typedValue } from '../text-input';

export type OwnStoryRow = {
  id: number;
  receiptNo: string | null;
  title: string;
  columnName: string | null;
  status: StoryStatus;
  updatedAt: Date;
  hasNote: boolean;
};

const DESK_PAGE_SIZE = 20;

// A correspondent's own stories, newest change first, with counts per status;
// filtered by status and title, paginated by keyset (updatedAt, id).
export async function listOwnStories(
  viewer: Viewer,
  filters: { status?: StoryStatus; q?: string; before?: { updatedAt: Date; id: number } } = {},
): Promise<{ rows: OwnStoryRow[]; counts: Partial<Record<StoryStatus, number>>; hasMore: boolean }> {
  requirePermission(viewer, 'desk:use');
  const db = await getDb();
  const mine = eq(stories.ownerId, viewer.id);
  const where: SQL[] = [mine];
  if (filters.status) where.push(eq(stories.status, filters.status));
  const q = typedValue(filters.q).trim();
  if (q) where.push(or(ilike(stories.title, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), eq(stories.receiptNo, q))!);
  if (filters.before) {
    where.push(or(lt(stories.updatedAt, filters.before.updatedAt), and(eq(stories.updatedAt, filters.before.updatedAt), lt(stories.id, filters.before.id)))!);
  }
  const [rows, countRows] = await Promise.all([
    db
      .select({
        id: stories.id,
        receiptNo: stories.receiptNo,
        title: stories.title,
        columnName: siteColumns.name,
        status: stories.status,
        updatedAt: stories.updatedAt,
        lastNote: stories.lastNote,
        // An editor wrote to the correspondent in the comments.
        hasMessage: sql<boolean>`exists (select 1 from ${comments} where ${comments.storyId} = ${stories.id} and not ${comments.isInternal} and ${comments.authorId} is distinct from ${stories.ownerId})`,
      })
      .from(stories)
      .leftJoin(siteColumns, eq(siteColumns.id, stories.columnId))
      .where(and(...where))
      .orderBy(desc(stories.updatedAt), desc(stories.id))
      .limit(DESK_PAGE_SIZE + 1),
    db.select({ status: stories.status, n: count() }).from(stories).where(mine).groupBy(stories.status),
  ]);
  return {
    rows: rows.slice(0, DESK_PAGE_SIZE).map(({ lastNote, hasMessage, ...r }) => ({
      ...r,
      hasNote: hasMessage || (Boolean(lastNote) && (r.status === 'changes_requested' || r.status === 'rejected')),
    })),
    counts: Object.fromEntries(countRows.map((c) => [c.status, c.n])),
    hasMore: rows.length > DESK_PAGE_SIZE,
  };
}

export type ColumnOption = { id: number; name: string };

// Anyone in the portal: the columns a story may be filed under.
export async function listActiveColumns(viewer: Viewer): Promise<ColumnOption[]> {
  requirePermission(viewer, 'portal:enter');
  const db = await getDb();
  return db
    .select({ id: siteColumns.id, name: siteColumns.name })
    .from(siteColumns)
    .where(eq(siteColumns.isActive, true))
    .orderBy(asc(siteColumns.sortOrder), asc(siteColumns.id));
}

// A correspondent starts a story; the byline defaults to their name.
export async function createStory(viewer: Viewer, input: unknown): Promise<Story> {
  requirePermission(viewer, 'story:create');
  const fields = parseStoryFields(input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [story] = await tx
      .insert(stories)
      .values({ ...fields, byline: fields.byline || `通讯员 ${viewer.displayName}`, ownerId: viewer.id, unitId: viewer.unitId, status: 'draft' })
      .returning();
    await appendRevision(tx, story!.id, 1, 'autosave', viewer.id, fields);
    await recordEvent(tx, story!, viewer, 'create', null, 'draft');
    await attachMediaToStory(viewer, imagesOf(fields), story!.id, tx);
    return story!;
  });
}

// Saves the working copy (autosave or explicit): of a published story, its
// pending revision, which readers do not see until an update is published
// (lib/stories/live.ts). Refused when the story moved on since
// `expectedVersion` (the caller shows both texts) or is not editable by this
// viewer in its state.
export async function saveStory(viewer: Viewer, id: number, expectedVersion: number, input: unknown, options: { kind?: 'autosave' | 'editor_save' } = {}): Promise<Story> {
  requirePermission(viewer, 'portal:enter');
  const fields = parseStoryFields(input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const story = await loadForTransition(tx, id);
    if (!canView(viewer, story)) throw new AppError('not_found');
    const working = story.status === 'published' ? workingCopy(story, await readPending(tx, id)) : story;
    if (story.version !== expectedVersion) {
      // What the user meant to save is what the story holds: saved, nothing to write.
      if (holdsFields(working, fields)) return working;
      throw new AppError('conflict', `version ${story.version} != ${expectedVersion}`);
    }
    if (!canEdit(viewer, story)) throw new AppError('invalid_transition', `edit in ${story.status}`);
    return writeWorkingCopy(tx, viewer, story, fields, options.kind ?? (isDesk(viewer) ? 'editor_save' : 'autosave'));
  });
}

// The owner may delete a draft that was never submitted; nothing else is
// deleted. Its timeline stays in the (append-only) audit trail, ending with
// the deletion.
export async function deleteDraft(viewer: Viewer, id: number): Promise<void> {
  requirePermission(viewer, 'story:create');
  const db = await getDb();
  const deleted = await db.transaction(async (tx) => {
    const gone = await tx
      .delete(stories)
      .where(and(eq(stories.id, id), eq(stories.ownerId, viewer.id), eq(stories.status, 'draft'), isNull(stories.receiptNo)))
      .returning({ id: stories.id });
    if (gone.length) await recordEvent(tx, { id }, viewer, 'delete', 'draft', null);
    return gone;
  });
  if (deleted.length === 0) {
    const [story] = await db.select({ ownerId: stories.ownerId }).from(stories).where(eq(stories.id, id)).limit(1);
    if (!story || story.ownerId !== viewer.id) throw new AppError('not_found');
    throw new AppError('invalid_transition', 'only never-submitted drafts can be deleted');
  }
}
