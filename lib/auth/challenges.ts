import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import { signInChallenges } from '@/db/schema';
import type { Db } from '@/db/client';

// The state between a right password and the second factor's code: a row,
// not a session (no token is issued for it). The browser carries a random
// id; the row keeps its hash, the account and the session version it began
// under, and is good once, for a few minutes.

export const CHALLENGE_TTL_MS = 5 * 60_000;

export function hashChallengeId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

export async function createSignInChallenge(db: Db, user: { id: number; sessionVersion: number }): Promise<string> {
  const id = randomBytes(24).toString('base64url');
  // The account's spent and lapsed challenges go as a new one comes: the
  // table holds a handful of rows per person at most.
  await db
    .delete(signInChallenges)
    .where(and(eq(signInChallenges.userId, user.id), or(isNotNull(signInChallenges.usedAt), lt(signInChallenges.expiresAt, sql`now()`))));
  await db.insert(signInChallenges).values({
    idHash: hashChallengeId(id),
    userId: user.id,
    sessionVersion: user.sessionVersion,
    expiresAt: sql`now() + make_interval(secs => ${CHALLENGE_TTL_MS / 1000})`,
  });
  return id;
}
