import 'server-only';
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { notifications, stories } from '@/db/schema';
import { newestFirst, pick } from '@/db/select';
import { getDb } from '@/db/client';
import { isId } from '../ids';
import { requirePermission, type Viewer } from '../viewer';
import type { NotificationKind } from './internal/notify';

export type { NotificationKind } from './internal/notify';

// A user's own notifications: what the bell and /notifications show. They are
// written by the acts that cause them (internal/notify.ts).

export type NotificationItem = {
  id: number;
  kind: NotificationKind;
  storyId: number | null;
  storyTitle: string | null;
  payload: Record<string, unknown>;
  readAt: Date | null;
  createdAt: Date;
};

// Any signed-in user: their own notifications, newest first.
export async function listNotifications(viewer: Viewer, limit = 30): Promise<NotificationItem[]> {
  requirePermission(viewer, 'portal:enter');
  const db = await getDb();
  const rows = await db
    .select({ ...pick(notifications, 'id', 'kind', 'storyId', 'payload', 'readAt', 'createdAt'), storyTitle: stories.title })
    .from(notifications)
    .leftJoin(stories, eq(stories.id, notifications.storyId))
    .where(eq(notifications.userId, viewer.id))
    .orderBy(...newestFirst(notifications))
    .limit(Math.min(Math.max(limit, 1), 100));
  return rows.map((r) => ({ ...r, kind: r.kind as NotificationKind }));
}

export async function countUnreadNotifications(viewer: Viewer): Promise<number> {
  requirePermission(viewer, 'portal:enter');
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, viewer.id), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

// Marks the viewer's own notifications read: the given ones, or all.
export async function markNotificationsRead(viewer: Viewer, ids?: number[]): Promise<void> {
  requirePermission(viewer, 'portal:enter');
  const db = await getDb();
  const mine = and(eq(notifications.userId, viewer.id), isNull(notifications.readAt));
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(ids ? and(mine, inArray(notifications.id, ids.length ? ids : [0])) : mine);
}

// Opening one of the viewer's own notifications reads it: the story it names
// (null for none, or for an id that is not theirs: nothing to open).
export async function openNotification(viewer: Viewer, id: unknown): Promise<{ storyId: number | null }> {
  requirePermission(viewer, 'portal:enter');
  if (!isId(id)) return { storyId: null };
  const db = await getDb();
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, viewer.id)))
    .returning({ storyId: notifications.storyId });
  return { storyId: row?.storyId ?? null };
}
