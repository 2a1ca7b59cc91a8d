import 'server-only';
import { and, isNull } from 'drizzle-orm';
import { users, type Story } from '@/db/schema';
import { listStageActors } from '../../review-flows/visits';
import type { StagePlace } from '../../review-flows/position';
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

// Everyone who may act at a story's stage and may still sign in: the desk
// (within their column scope), the unit's approvers, the people the stage
// names.
export async function stageActorIds(tx: Tx, place: StagePlace, story: Pick<Story, 'unitId' | 'columnId'>): Promise<number[]> {
  return (await listStageActors(tx, place.def, story)).map((u) => u.id);
}
