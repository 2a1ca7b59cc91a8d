import { and, asc, count, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { siteColumns, stories, units, users, type StoryStatus } from '@/db/schema';
import { getDb } from '@/db/client';
import { requirePermission, type Viewer } from './viewer';

export type OwnStoryRow = {
  id: number;
  receiptNo: string | null;
  title: string;
  columnName: string | null;
  status: StoryStatus;
  updatedAt: Date;
  hasNote: boolean;
};

// A correspondent's own stories, newest change first, with counts per status.
export async function listOwnStories(
  viewer: Viewer,
  filters: { status?: StoryStatus } = {},
): Promise<{ rows: OwnStoryRow[]; counts: Partial<Record<StoryStatus, number>> }> {
  requirePermission(viewer, 'desk:use');
  const db = await getDb();
  const mine = eq(stories.ownerId, viewer.id);
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
      })
      .from(stories)
      .leftJoin(siteColumns, eq(siteColumns.id, stories.columnId))
      .where(filters.status ? and(mine, eq(stories.status, filters.status)) : mine)
      .orderBy(desc(stories.updatedAt), desc(stories.id))
      .limit(200),
    db.select({ status: stories.status, n: count() }).from(stories).where(mine).groupBy(stories.status),
  ]);
  return {
    rows: rows.map(({ lastNote, ...r }) => ({ ...r, hasNote: Boolean(lastNote) && (r.status === 'changes_requested' || r.status === 'rejected') })),
    counts: Object.fromEntries(countRows.map((c) => [c.status, c.n])),
  };
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
  assigneeName: string | null;
};

const assignees = alias(users, 'assignees');

// Editors and admins: submitted and in-review stories, oldest submission first.
export async function listReviewQueue(viewer: Viewer): Promise<QueueRow[]> {
  requirePermission(viewer, 'review:use');
  const db = await getDb();
  return db
    .select({
      id: stories.id,
      receiptNo: stories.receiptNo,
      title: stories.title,
      correspondent: users.displayName,
      unitName: units.name,
      columnName: siteColumns.name,
      status: stories.status,
      submittedAt: stories.submittedAt,
      assigneeName: assignees.displayName,
    })
    .from(stories)
    .innerJoin(users, eq(users.id, stories.ownerId))
    .leftJoin(units, eq(units.id, stories.unitId))
    .leftJoin(siteColumns, eq(siteColumns.id, stories.columnId))
    .leftJoin(assignees, eq(assignees.id, stories.assigneeId))
    .where(and(inArray(stories.status, ['submitted', 'in_review']), isNotNull(stories.submittedAt)))
    .orderBy(asc(stories.submittedAt), asc(stories.id))
    .limit(200);
}
