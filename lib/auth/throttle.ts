import 'server-only';
import { and, count, eq, gt, max, sql } from 'drizzle-orm';
import { loginAttempts } from '@/db/schema';
import type { Db } from '@/db/client';
import { recordAudit } from '../audit';

// Limits live in the database so every app instance sees the same counts.
export const ACCOUNT_MAX_FAILURES = 5;
export const ADDRESS_MAX_FAILURES = 30;
export const WINDOW_MINUTES = 15;
export const LOCK_MINUTES = 15;

const windowStart = sql`now() - make_interval(mins => ${WINDOW_MINUTES})`;
const lockStart = sql`now() - make_interval(mins => ${LOCK_MINUTES})`;

export type LoginGate = { allowed: true } | { allowed: false; reason: 'account_locked' | 'address_limited' };

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

// May this username be tried from this address right now?
export async function checkLoginGate(db: Db, username: string, ip: string): Promise<LoginGate> {
  const name = normalizeUsername(username);
  const [locked] = await db
    .select({ at: max(loginAttempts.createdAt) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, name), eq(loginAttempts.result, 'lockout'), gt(loginAttempts.createdAt, lockStart)));
  if (locked?.at) return { allowed: false, reason: 'account_locked' };
  const [fromAddress] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.result, 'failure'), gt(loginAttempts.createdAt, windowStart)));
  if ((fromAddress?.n ?? 0) >= ADDRESS_MAX_FAILURES) return { allowed: false, reason: 'address_limited' };
  return { allowed: true };
}

// Records a refused attempt (locked or limited) without counting it as a
// failure, so hammering a locked account does not extend the lock forever.
export async function recordRefusedLogin(db: Db, username: string, ip: string, reason: string, userId: number | null): Promise<void> {
  await db.insert(loginAttempts).values({ username: normalizeUsername(username), ip, result: 'refused' });
  await recordAudit(db, { actorId: userId, action: 'login.refused', targetType: 'username', targetId: normalizeUsername(username), ip, meta: { reason } });
}

// Counts a failure; the fifth within the window since the last success or
// lockout locks the username. Returns whether this failure locked it. A
// wrong second-factor code is a failure like a wrong password (audited as
// such): knowing the password buys no more guesses at the code.
export async function recordLoginFailure(
  db: Db,
  username: string,
  ip: string,
  userId: number | null,
  action: 'login.failure' | 'login.second_factor_failure' = 'login.failure',
): Promise<boolean> {
  const name = normalizeUsername(username);
  return db.transaction(async (tx) => {
    // Serialise failures for one name so two at once cannot both lock or both miss.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'login:' + name}))`);
    // clock_timestamp(), not now(): rows must be ordered by when the lock was
    // held, not when the transaction began.
    await tx.insert(loginAttempts).values({ username: name, ip, result: 'failure', createdAt: sql`clock_timestamp()` });
    await recordAudit(tx, { actorId: userId, action, targetType: 'username', targetId: name, ip });
    const since = sql`greatest(clock_timestamp() - make_interval(mins => ${WINDOW_MINUTES}), coalesce((select max(created_at) from login_attempts where username = ${name} and result in ('success', 'lockout')), '-infinity'::timestamptz))`;
    const [row] = await tx
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.username, name), eq(loginAttempts.result, 'failure'), gt(loginAttempts.createdAt, since)));
    if ((row?.n ?? 0) < ACCOUNT_MAX_FAILURES) return false;
    await tx.insert(loginAttempts).values({ username: name, ip, result: 'lockout', createdAt: sql`clock_timestamp()` });
    await recordAudit(tx, { actorId: userId, action: 'login.lockout', targetType: 'username', targetId: name, ip, meta: { minutes: LOCK_MINUTES } });
    return true;
  });
}

export async function recordLoginSuccess(db: Db, username: string, ip: string, userId: number, meta?: Record<string, unknown>): Promise<void> {
  await db.insert(loginAttempts).values({ username: normalizeUsername(username), ip, result: 'success' });
  await recordAudit(db, { actorId: userId, action: 'login.success', targetType: 'user', targetId: userId, ip, meta });
}
