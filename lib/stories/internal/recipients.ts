import 'server-only';
import { and, isNull } from 'drizzle-orm';
import { users, type Story } from '@/db/schema';
import type { Tx } from '@/db/client';
import { holdsPermission } from '../../permission-holders';
import { notifyUsers, type NotificationKind } from '../../notifications/internal/notify';
import type { Viewer } from '../../viewer';

// Who hears of a transition, inside its transaction.

// Everyone who works the review desk and may still sign in.
export async function activeEditorIds(tx: Tx): Promise<number[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(holdsPermission('review:use'), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

// The correspondent who owns the story.
export async function tellOwner(tx: Tx, viewer: Viewer | null, story: Pick<Story, 'id' | 'ownerId' | 'title' | 'receiptNo'>, kind: NotificationKind, extra: Record<string, unknown> = {}) {
  await notifyUsers(tx, [story.ownerId], { kind, storyId: story.id, actorId: viewer?.id ?? null, payload: { title: story.title, receiptNo: story.receiptNo, ...extra } });
}
