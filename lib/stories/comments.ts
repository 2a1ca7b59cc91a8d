import 'server-only';
import { comments } from '@/db/schema';
import { getDb } from '@/db/client';
import { isDesk } from '../authz';
import { validationError } from '../errors';
import { notifyUsers } from '../notifications/internal/notify';
import type { Viewer } from '../viewer';
import { getVisibleStory } from './access';
import type { CommentItem } from './reads';
import { typedValue } from '../text-input';

// The conversation on a story. Editors write internal notes (editors only) or
// messages the correspondent sees; the correspondent replies, always visibly.

export const COMMENT_MAX = 2000;

// Whoever may see the story may comment on it once it has been filed.
// Visible comments reach the other side; internal ones reach the editor
// holding the story.
export async function addComment(viewer: Viewer, storyId: number, input: { body: unknown; internal?: unknown }): Promise<CommentItem> {
  const story = await getVisibleStory(viewer, storyId);
  const body = typedValue(input.body).trim();
  if (!body) throw validationError({ body: 'required' });
  if (body.length > COMMENT_MAX) throw validationError({ body: 'too_long' });
  if (!story.receiptNo) throw validationError({ body: 'comment_before_submit' });
  // A desk comment stays among editors unless it is explicitly meant for the
  // correspondent (internal: false); a correspondent's is always visible.
  const isInternal = isDesk(viewer) && input.internal !== false;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(comments).values({ storyId, authorId: viewer.id, body, isInternal }).returning();
    const recipients = new Set<number>();
    if (story.assigneeId) recipients.add(story.assigneeId);
    if (!isInternal && isDesk(viewer)) recipients.add(story.ownerId);
    await notifyUsers(tx, [...recipients], {
      kind: 'comment_added',
      storyId,
      actorId: viewer.id,
      payload: { title: story.title, receiptNo: story.receiptNo, excerpt: body.slice(0, 80) },
    });
    return { id: row!.id, body, isInternal, authorName: viewer.displayName, authorRole: viewer.role, createdAt: row!.createdAt };
  });
}
