import 'server-only';
import { and, asc, count, desc, eq, gt, gte, ilike, isNull, lt, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { siteColumns, stageVisits, stories, units, users, type StoryStatus } from '@/db/schema';
import { getDb } from '@/db/client';
import { pick } from '@/db/select';
import { closestSimilaritySql } from './duplicates';
import { requireAnyPermission, requirePermission, type Viewer } from './viewer';
import { isDesk } from './authz';
import { stageTabsFor } from './review-flows/queue';
import { visibleTo } from './stories/internal/scope';
import { isCalendarDay, nextDay, startOfDay } from './zoned-time';
import { MAX_ID } from './ids';
import { typedText } from './text-input';
import { parseKeysetCursor } from './ids';

// The editors' lists: the review queue and the other tabs of /review, with
// filters and keyset pagination (stays fast however many stories there are).

export const reviewTabs = ['queue', 'returned', 'scheduled', 'published', 'unpublished', 'rejected'] as const;
export type ReviewTab = (typeof reviewTabs)[number];

export const tabStatuses: Record<ReviewTab, readonly StoryStatus[]> = {
  queue: ['submitted', 'in_review'],
  returned: ['changes_requested'],
  scheduled: ['scheduled'],
  published: ['published'],
  unpublished: ['unpublished'],
  rejected: ['rejected'],
};

// Which time each tab is ordered by, and its natural direction.
const tabOrder: Record<ReviewTab, { column: 'submittedAt' | 'publishAt' | 'publishedAt' | 'updatedAt'; newestFirst: boolean }> = {
  queue: { column: 'submittedAt', newestFirst: false },
  returned: { column: 'updatedAt', newestFirst: true },
  scheduled: { column: 'publishAt', newestFirst: false },
  published: { column: 'publishedAt', newestFirst: true },
  unpublished: { column: 'updatedAt', newestFirst: true },
  rejected: { column: 'updatedAt', newestFirst: true },
};

const idParam = z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined);
const dateParam = z.string().refine(isCalendarDay).optional().catch(undefined);

export const queueFiltersSchema = z.object({
  tab: z.enum(reviewTabs).catch('queue'),
  status: z.enum(['submitted', 'in_review']).optional().catch(undefined),
  column: idParam,
  unit: idParam,
  correspondent: idParam,
  // mine: claimed by the viewer; assigned: assigned to the viewer at the
  // story's stage (指派给我).
  assignee: z.enum(['mine', 'assigned', 'unclaimed', 'any']).catch('any'),
  from: dateParam,
  to: dateParam,
  q: typedText().trim().max(100).optional().catch(undefined),
  sort: z.enum(['oldest', 'newest']).optional().catch(undefined),
  // A stage of the review flows, by name (the queue's tab per stage).
  stage: typedText().trim().max(40).optional().catch(undefined),
  after: typedText().max(80).optional().catch(undefined),
});

export type QueueFilters = z.output<typeof queueFiltersSchema>;

// Parses URL search params; anything malformed falls back to its default
// instead of failing the page.
export function parseQueueFilters(params: Record<string, string | string[] | undefined>): QueueFilters {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v === '' ? undefined : v]));
  return queueFiltersSchema.parse(flat);
}

export type QueueRow = {
  id: number;
  receiptNo: string | null;
  title: string;
  correspondent: string;
  unitName: string | null;
  columnName: string | null;
  status: StoryStatus;
  submittedAt: Date | null;
  assigneeId: number | null;
  assigneeName: string | null;
  publishAt: Date | null;
  publishedAt: Date | null;
  updatedAt: Date;
  viewCount: number;
  // 查重: the closest match's similarity when at or above the threshold.
  similarity: number | null;
  // The story's stay at its stage (waiting or claimed): its deadline and
  // its assignment (指派), null elsewhere.
  dueAt: Date | null;
  dueSoonAt: Date | null;
  assignedToId: number | null;
  assignedToName: string | null;
  assignmentDueAt: Date | null;
};

export type QueuePage = {
  rows: QueueRow[];
  // Cursor of the next page, or null on the last one.
  next: string | null;
  counts: Partial<Record<StoryStatus, number>>;
  // The stages the viewer acts at, with how many stories wait or are claimed
  // there for them; empty where every flow has one stage.
  stages: { name: string; n: number }[];
};

export const QUEUE_PAGE_SIZE = 50;

// A queue page that lists the viewer's assigned stories first marks a
// cursor inside that group with a leading 'a'.
function encodeCursor(at: Date | null, id: number, assigned = false): string {
  return `${assigned ? 'a' : ''}${at ? at.getTime() : 'null'}.${id}`;
}

function decodeCursor(cursor: string | undefined): { at: Date; id: number; assigned: boolean } | null {
  const assigned = cursor?.startsWith('a') ?? false;
  const parsed = parseKeysetCursor(assigned ? cursor!.slice(1) : cursor, '.');
  return parsed && { ...parsed, assigned };
}

function escapeLike(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const assignees = alias(users, 'assignees');
const assignedTo = alias(users, 'assigned_to');
const openVisit = and(eq(stageVisits.storyId, stories.id), isNull(stageVisits.leftAt));

// Does the viewer hold any assignment now? Only then does the queue sort
// theirs first (otherwise its index gives the order without a sort).
async function hasAssignments(viewer: Viewer): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ one: sql<number>`1` }).from(stageVisits).where(and(eq(stageVisits.assigneeId, viewer.id), isNull(stageVisits.leftAt))).limit(1);
  return row !== undefined;
}

export async function listReviewStories(viewer: Viewer, filters: QueueFilters, timeZone: string): Promise<QueuePage> {
  requireAnyPermission(viewer, ['review:use', 'review:unit']);
  const db = await getDb();
  const [stageTabs, assignedFirst] = await Promise.all([stageTabsFor(db, viewer), filters.tab === 'queue' ? hasAssignments(viewer) : false]);
  const order = tabOrder[filters.tab];
  const assignedToViewer = sql<boolean>`coalesce(${stageVisits.assigneeId} = ${viewer.id}, false)`;
  const newestFirst = filters.sort ? filters.sort === 'newest' : order.newestFirst;
  const timeColumn: AnyColumn = stories[order.column];

  // The states are our own constants, written into the SQL as literals so the
  // planner can match the partial indexes (stories_review_queue_idx,
  // stories_public_latest_idx) that serve each tab's order.
  const states = filters.status && filters.tab === 'queue' ? [filters.status] : tabStatuses[filters.tab];
  const where: SQL[] = [sql`${stories.status} in (${sql.raw(states.map((s) => `'${s}'`).join(', '))})`, visibleTo(viewer)];
  // A stage's tab: the stories waiting or claimed there that the viewer may act on.
  const stageTab = filters.tab === 'queue' && filters.stage ? stageTabs.find((tab) => tab.name === filters.stage) : undefined;
  if (filters.tab === 'queue' && filters.stage) where.push(stageTab ? stageTab.where : sql`false`);
  if (filters.column) where.push(eq(stories.columnId, filters.column));
  if (filters.unit) where.push(eq(stories.unitId, filters.unit));
  if (filters.correspondent) where.push(eq(stories.ownerId, filters.correspondent));
  if (filters.assignee === 'mine') where.push(eq(stories.assigneeId, viewer.id));
  if (filters.assignee === 'unclaimed') where.push(isNull(stories.assigneeId));
  if (filters.assignee === 'assigned') where.push(eq(stageVisits.assigneeId, viewer.id));
  // Date range on the submission date, whole days in the site's zone.
  const from = filters.from ? startOfDay(filters.from, timeZone) : null;
  // The end is the next day's midnight, not 24 h later: days are 23 or 25 h
  // long when the clocks change.
  const to = filters.to ? startOfDay(nextDay(filters.to), timeZone) : null;
  if (from) where.push(gte(stories.submittedAt, from));
  if (to) where.push(lt(stories.submittedAt, to));
  if (filters.q) {
    const like = escapeLike(filters.q);
    where.push(or(ilike(stories.title, like), ilike(stories.bodyText, like), eq(stories.receiptNo, filters.q))!);
  }
  const cursor = decodeCursor(filters.after);
  if (cursor) {
    const beyond = newestFirst ? lt : gt;
    const after = or(beyond(timeColumn, cursor.at), and(eq(timeColumn, cursor.at), beyond(stories.id, cursor.id)))!;
    // The assigned group first: past its cursor, then every other story;
    // past another story's cursor, only the others.
    if (!assignedFirst) where.push(after);
    else where.push(cursor.assigned ? or(and(assignedToViewer, after), sql`not ${assignedToViewer}`)! : and(sql`not ${assignedToViewer}`, after)!);
  }

  const direction = newestFirst ? desc : asc;
  const queued = sql`${stories.status} in ('submitted', 'in_review')`;
  const [rows, countRows, stageCounts] = await Promise.all([
    db
      .select({
        ...pick(stories, 'id', 'receiptNo', 'title', 'status', 'submittedAt', 'assigneeId', 'publishAt', 'publishedAt', 'updatedAt', 'viewCount'),
        correspondent: users.displayName,
        unitName: units.name,
        columnName: siteColumns.name,
        assigneeName: assignees.displayName,
        similarity: closestSimilaritySql(stories.id),
        dueAt: stageVisits.dueAt,
        dueSoonAt: stageVisits.dueSoonAt,
        assignedToId: stageVisits.assigneeId,
        assignedToName: assignedTo.displayName,
        assignmentDueAt: stageVisits.assignmentDueAt,
        assignedToViewer,
      })
      .from(stories)
      .innerJoin(users, eq(users.id, stories.ownerId))
      .leftJoin(units, eq(units.id, stories.unitId))
      .leftJoin(siteColumns, eq(siteColumns.id, stories.columnId))
      .leftJoin(assignees, eq(assignees.id, stories.assigneeId))
      .leftJoin(stageVisits, openVisit)
      .leftJoin(assignedTo, eq(assignedTo.id, stageVisits.assigneeId))
      .where(and(...where))
      .orderBy(...(assignedFirst ? [desc(assignedToViewer)] : []), direction(timeColumn), direction(stories.id))
      .limit(QUEUE_PAGE_SIZE + 1),
    // The site-wide counts are shared (and cached); a scoped viewer's are their own.
    viewer.columnIds || !isDesk(viewer) ? countScoped(viewer) : countByStatus(),
    Promise.all(stageTabs.map(async (tab) => ({ name: tab.name, n: (await db.select({ n: count() }).from(stories).where(and(queued, visibleTo(viewer), tab.where)))[0]?.n ?? 0 }))),
  ]);
  const page = rows.slice(0, QUEUE_PAGE_SIZE).map(({ assignedToViewer: _mine, ...row }) => row);
  const last = rows[QUEUE_PAGE_SIZE - 1];
  return {
    rows: page,
    next: rows.length > QUEUE_PAGE_SIZE && last ? encodeCursor(last[order.column], last.id, assignedFirst && last.assignedToViewer) : null,
    counts: Object.fromEntries(countRows.map((c) => [c.status, c.n])),
    stages: stageCounts,
  };
}

// Tab badges count every filed story; at 100,000 stories that is a scan, so
// each instance keeps the answer for a few seconds. The review actions drop
// it, so an editor sees their own change at once.
const COUNTS_TTL_MS = 3_000;
let countsCache: { at: number; value: Promise<{ status: StoryStatus; n: number }[]> } | null = null;

function countByStatus(): Promise<{ status: StoryStatus; n: number }[]> {
  if (countsCache && Date.now() - countsCache.at < COUNTS_TTL_MS) return countsCache.value;
  const value = getDb().then((db) => db.select({ status: stories.status, n: count() }).from(stories).where(ne(stories.status, 'draft')).groupBy(stories.status));
  countsCache = { at: Date.now(), value };
  value.catch(() => (countsCache = null));
  return value;
}

async function countScoped(viewer: Viewer): Promise<{ status: StoryStatus; n: number }[]> {
  const db = await getDb();
  return db.select({ status: stories.status, n: count() }).from(stories).where(visibleTo(viewer)).groupBy(stories.status);
}

export function forgetStatusCounts(): void {
  countsCache = null;
}

export type FilterOption = { id: number; name: string };

// The choices of the filter bar: units and correspondents who have filed.
export async function listQueueFilterOptions(viewer: Viewer): Promise<{ units: FilterOption[]; correspondents: FilterOption[] }> {
  requirePermission(viewer, 'review:use');
  const db = await getDb();
  const [unitRows, people] = await Promise.all([
    db.select({ id: units.id, name: units.name }).from(units).orderBy(asc(units.name)),
    db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(eq(users.role, 'correspondent'))
      .orderBy(asc(users.displayName))
      .limit(2000),
  ]);
  return { units: unitRows, correspondents: people };
}
