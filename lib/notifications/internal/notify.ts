import 'server-only';
import { notifications } from '@/db/schema';
import type { Tx } from '@/db/client';

export type NotificationKind =
  | 'story_submitted'
  | 'story_resubmitted'
  | 'story_returned'
  | 'story_rejected'
  | 'story_published'
  | 'story_scheduled'
  | 'story_taken_over'
  // A story waits at a stage of its flow (approved to it, or sent back to it).
  | 'story_stage_waiting'
  | 'story_unpublished'
  // Review deadlines and assignment (lib/stories/assignment.ts,
  // lib/stories/deadline-notices.ts): assigned to you at a stage; due soon at
  // a stage you act at; overdue at a stage you supervise.
  | 'story_assigned'
  | 'story_due_soon'
  | 'story_overdue'
  | 'comment_added';

export type NotificationInput = { kind: NotificationKind; storyId?: number; actorId?: number | null; payload?: Record<string, unknown> };

// Written inside the transaction of the act that causes it, so a rolled-back
// act notifies nobody.
export async function notifyUsers(tx: Tx, userIds: number[], input: NotificationInput): Promise<void> {
  const recipients = [...new Set(userIds)].filter((id) => id !== input.actorId);
  if (recipients.length === 0) return;
  await tx.insert(notifications).values(
    recipients.map((userId) => ({ userId, kind: input.kind, storyId: input.storyId ?? null, actorId: input.actorId ?? null, payload: input.payload ?? {} })),
  );
}
