import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { stories, type Story, type StoryStatus } from '@/db/schema';
import { getDb } from '@/db/client';
import { isDesk } from '../authz';
import { AppError, fieldErrorsFrom, validationError } from '../errors';
import { typedText } from '../text-input';
import { requirePermission, type Viewer } from '../viewer';
import { canView } from '../workflow';
import { loadForTransition, recordEvent } from './internal/transition';

// 代录: the unit leader approved the story for publication by phone or on
// paper, and an editor records it in the leader's name. The sheet then
// prints the leader as 审核领导, marked as recorded by that editor, with the
// editor's note of how and when the approval came.

export const LEADER_NAME_MAX = 40;
export const LEADER_NOTE_MAX = 500;

const leaderApprovalSchema = z.object({
  leaderName: typedText().trim().min(1, 'required').max(LEADER_NAME_MAX, 'too_long'),
  note: typedText().trim().min(1, 'required').max(LEADER_NOTE_MAX, 'too_long'),
});

export type LeaderApprovalInput = z.input<typeof leaderApprovalSchema>;

const recordable: readonly StoryStatus[] = ['submitted', 'in_review'];

// For the page: whether to offer the form (lib/ checks again under the lock).
export function canRecordLeaderApproval(viewer: Viewer, story: { status: StoryStatus }): boolean {
  return isDesk(viewer) && recordable.includes(story.status);
}

// The review desk, on a story it may see while it waits or is being
// reviewed; against the version the editor saw, like every write.
export async function recordLeaderApproval(viewer: Viewer, storyId: number, expectedVersion: number, input: unknown): Promise<Story> {
  requirePermission(viewer, 'review:use');
  const parsed = leaderApprovalSchema.safeParse(input);
  if (!parsed.success) throw validationError(fieldErrorsFrom(parsed.error));
  const { leaderName, note } = parsed.data;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const story = await loadForTransition(tx, storyId);
    if (!canView(viewer, story)) throw new AppError('not_found');
    if (story.version !== expectedVersion) {
      // The same request again (its answer was lost): already recorded.
      if (story.unitLeaderRecordedById === viewer.id && story.unitLeaderName === leaderName && story.unitLeaderNote === note) return story;
      throw new AppError('conflict', `version ${story.version} != ${expectedVersion}`);
    }
    if (!recordable.includes(story.status)) throw new AppError('invalid_transition', `leader approval in ${story.status}`);
    const [updated] = await tx
      .update(stories)
      .set({ unitLeaderName: leaderName, unitLeaderRecordedById: viewer.id, unitLeaderNote: note, version: story.version + 1, updatedAt: new Date() })
      .where(and(eq(stories.id, storyId), eq(stories.version, expectedVersion)))
      .returning();
    if (!updated) throw new AppError('conflict');
    // The note goes in meta, which the trail shows and the correspondent's
    // timeline does not: it is the desk's record of a phone call.
    await recordEvent(tx, story, viewer, 'leader_approval_recorded', story.status, story.status, null, {
      leaderName,
      note,
      ...(story.unitLeaderName && story.unitLeaderName !== leaderName ? { previousLeaderName: story.unitLeaderName } : {}),
    });
    return updated;
  });
}
