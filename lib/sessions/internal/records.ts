import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { users, userSessions } from '@/db/schema';
import { getDb, type Tx } from '@/db/client';
import { recordAudit } from '../../audit';
import { typedValue } from '../../text-input';

// The session rows behind the tokens, written at sign-in and sign-out by
// lib/auth (no viewer yet, or none any more), read on every request.

// "Last seen" is written at most this often per session.
export const LAST_SEEN_EVERY_MS = 60_000;

export async function openSession(input: { userId: number; sessionVersion: number; ip: string | null; userAgent: string | null }): Promise<string> {
  const id = randomBytes(18).toString('base64url');
  const db = await getDb();
  await db.insert(userSessions).values({
    id,
    userId: input.userId,
    sessionVersion: input.sessionVersion,
    ip: input.ip,
    userAgent: input.userAgent === null ? null : typedValue(input.userAgent).slice(0, 300),
  });
  return id;
}

// Signing out: the session ends (a copy of its token opens nothing after)
// and the audit trail records who signed out, from where. A token from
// before session rows names only its account.
export async function closeSession(input: { sessionId: string | undefined; userId: number | undefined; ip: string | null }): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    let userId = input.userId;
    if (input.sessionId) {
      const [ended] = await tx
        .update(userSessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(userSessions.id, input.sessionId), isNull(userSessions.revokedAt)))
        .returning({ userId: userSessions.userId });
      // Already ended (signed out elsewhere, a second click): nothing more to record.
      if (!ended) return;
      userId = ended.userId;
    }
    if (userId === undefined) return;
    await recordAudit(tx, { actorId: userId, action: 'login.sign_out', targetType: 'user', targetId: userId, ip: input.ip });
  });
}

// Called for a session in use; one write a minute at most, guarded so that
// concurrent requests do not all write.
export async function touchSession(id: string, lastSeenAt: Date, now = new Date()): Promise<void> {
  if (now.getTime() - lastSeenAt.getTime() < LAST_SEEN_EVERY_MS) return;
  const db = await getDb();
  await db
    .update(userSessions)
    .set({ lastSeenAt: now })
    .where(and(eq(userSessions.id, id), lt(userSessions.lastSeenAt, new Date(now.getTime() - LAST_SEEN_EVERY_MS))));
}

// Ends every session of an account in the caller's transaction, tokens from
// before session rows included (the account's session version moves on).
// False when there is no such account.
export async function endAllSessions(tx: Tx, userId: number): Promise<boolean> {
  const [user] = await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (!user) return false;
  await tx.update(userSessions).set({ revokedAt: new Date() }).where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)));
  return true;
}
