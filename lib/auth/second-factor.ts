import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { signInChallenges, users } from '@/db/schema';
import { getDb } from '@/db/client';
import { recordAudit } from '../audit';
import { typedValue } from '../text-input';
import { acceptTotpCode, readTwoFactor, spendRecoveryCode } from '../two-factor/internal/records';
import { isTotpCode } from '../two-factor/totp';
import { hashChallengeId } from './challenges';
import { completeLogin, refusalAfterPassword, type AfterPasswordRefusal } from './login';
import { checkLoginGate, recordLoginFailure, recordRefusedLogin } from './throttle';

// The code step of a sign-in: the challenge the password step handed out,
// and a code from the authenticator app or one recovery code. Throttled with
// the password (same lock, same address limit); only a pass opens a session.

export type SecondFactorOutcome =
  | { ok: true; user: { id: number; sessionVersion: number } }
  | { ok: false; reason: 'invalid_code' | 'challenge_expired' | 'account_locked' | 'address_limited' | AfterPasswordRefusal };

const CHALLENGE_FORMAT = /^[A-Za-z0-9_-]{16,64}$/;

// An open challenge: not spent, not lapsed, the account still enabled and on
// the session version it began under (a password change or reset, a disable,
// "sign out everywhere" all end it).
const isOpen = (idHash: string) =>
  and(eq(signInChallenges.idHash, idHash), isNull(signInChallenges.usedAt), gt(signInChallenges.expiresAt, sql`now()`), eq(signInChallenges.sessionVersion, users.sessionVersion), isNull(users.disabledAt));

type Used = { kind: 'totp' } | { kind: 'recovery_code'; left: number };

export async function completeSecondFactor(input: { challenge: unknown; code: unknown; ip: string }, nowMs = Date.now()): Promise<SecondFactorOutcome> {
  const challenge = typedValue(input.challenge).trim();
  const code = typedValue(input.code).slice(0, 40);
  if (!CHALLENGE_FORMAT.test(challenge)) return { ok: false, reason: 'challenge_expired' };
  const idHash = hashChallengeId(challenge);
  const db = await getDb();
  const [pending] = await db
    .select({ userId: users.id, username: users.username, sessionVersion: users.sessionVersion, role: users.role, disabledAt: users.disabledAt, disabledReason: users.disabledReason })
    .from(signInChallenges)
    .innerJoin(users, eq(users.id, signInChallenges.userId))
    .where(isOpen(idHash))
    .limit(1);
  if (!pending) return { ok: false, reason: 'challenge_expired' };

  const gate = await checkLoginGate(db, pending.username, input.ip);
  if (!gate.allowed) {
    await recordRefusedLogin(db, pending.username, input.ip, gate.reason, pending.userId);
    return { ok: false, reason: gate.reason };
  }

  const refused = await refusalAfterPassword(db, pending.username, input.ip, { ...pending, id: pending.userId });
  if (refused) return { ok: false, reason: refused };

  // Under the challenge's lock, so two posts of one challenge cannot both
  // pass; a wrong code writes nothing here and is counted after.
  const used = await db.transaction(async (tx): Promise<Used | 'expired' | null> => {
    const [open] = await tx
      .select({ idHash: signInChallenges.idHash })
      .from(signInChallenges)
      .innerJoin(users, eq(users.id, signInChallenges.userId))
      .where(isOpen(idHash))
      .for('update', { of: signInChallenges });
    const factor = open ? await readTwoFactor(tx, pending.userId, { lock: true }) : null;
    if (!factor?.enabledAt) return 'expired';
    let used: Used | null = null;
    if (isTotpCode(code)) {
      if (await acceptTotpCode(tx, pending.userId, factor, code, nowMs)) used = { kind: 'totp' };
    } else {
      const left = await spendRecoveryCode(tx, pending.userId, code);
      if (left !== null) used = { kind: 'recovery_code', left };
    }
    if (used) await tx.update(signInChallenges).set({ usedAt: sql`now()` }).where(eq(signInChallenges.idHash, idHash));
    return used;
  });

  if (used === 'expired') return { ok: false, reason: 'challenge_expired' };
  if (used === null) {
    const lockedNow = await recordLoginFailure(db, pending.username, input.ip, pending.userId, 'login.second_factor_failure');
    return { ok: false, reason: lockedNow ? 'account_locked' : 'invalid_code' };
  }
  if (used.kind === 'recovery_code') {
    await recordAudit(db, { actorId: pending.userId, action: 'login.recovery_code_use', targetType: 'user', targetId: pending.userId, ip: input.ip, meta: { left: used.left } });
  }
  await completeLogin(db, pending.username, input.ip, pending.userId, { secondFactor: used.kind });
  return { ok: true, user: { id: pending.userId, sessionVersion: pending.sessionVersion } };
}
