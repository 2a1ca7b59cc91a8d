import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { getDb, type Db, type Tx } from '@/db/client';
import { auditActor } from '../../actors';
import { recordAudit } from '../../audit';
import { AppError } from '../../errors';
import type { Viewer } from '../../viewer';
import type { ContactField } from '../mask';
import { contactColumns, openContact } from './contacts';

// Revealing a masked contact detail, for the callers that have checked who
// may: lib/personal-data (administrators) and lib/stories (the review desk,
// for a story's correspondent).

// The audit row of a reveal: whose field, which, and the story it was for
// when it was the review desk's. One's own details are not a reveal.
export async function recordContactReveal(db: Db | Tx, viewer: Viewer, userId: number, field: ContactField, storyId?: number): Promise<void> {
  if (viewer.id === userId) return;
  await recordAudit(db, {
    ...auditActor(viewer),
    action: 'personal_data.reveal',
    targetType: 'user',
    targetId: userId,
    meta: { field, ...(storyId === undefined ? {} : { storyId }) },
  });
}

// One account's field in full, read and audited in one transaction.
export async function readContactRevealed(viewer: Viewer, userId: number, field: ContactField, storyId?: number): Promise<string | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.select(contactColumns).from(users).where(eq(users.id, userId)).limit(1);
    if (!row) throw new AppError('not_found', `user ${userId}`);
    await recordContactReveal(tx, viewer, userId, field, storyId);
    return openContact(userId, field, row);
  });
}

