import 'server-only';
import { and, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { loginAttempts } from '@/db/schema';
import type { Db, Tx } from '@/db/client';
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

// Until when the username is locked, or null: its latest lockout, unless it
// is older than the lock or a security administrator lifted it since.
export async function lockedUntil(db: Db | Tx, username: string): Promise<Date | null> {
  const name = normalizeUsername(username);
  const [row] = await db
    .select({
      lockedAt: sql<Date | string | null>`max(${loginAttempts.createdAt}) filter (where ${loginAttempts.result} = 'lockout' and ${loginAttempts.createdAt} > ${lockStart})`,
      unlockedAt: sql<Date | string | null>`max(${loginAttempts.createdAt}) filter (where ${loginAttempts.result} = 'unlock')`,
    })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, name), inArray(loginAttempts.result, ['lockout', 'unlock'])));
  if (!row?.lockedAt) return null;
  const lockedAt = new Date(row.lockedAt);
  if (row.unlockedAt && new Date(row.unlockedAt) >= lockedAt) return null;
  return new Date(lockedAt.getTime() + LOCK_MINUTES * 60_000);
}

// Lifts a lockout at once: the gate opens and the count of failures starts
// again. The caller audits it with who did it.
export async function recordUnlock(tx: Tx, username: string, ip: string | null): Promise<void> {
  await tx.insert(loginAttempts).values({ username: normalizeUsername(username), ip: ip ?? 'unknown', result: 'unlock', createdAt: sql`clock_timestamp()` });
}

// May this username be tried from this address right now?
export async function checkLoginGate(db: Db, username: string, ip: string): Promise<LoginGate> {
  if (await lockedUntil(db, username)) return { allowed: false, reason: 'account_locked' };
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

// Counts a failure; the fifth within the window since the last success,
// lockout or unlock locks the username. Returns whether this failure locked it. A
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
    const since = sql`greatest(clock_timestamp() - make_interval(mins => ${WINDOW_MINUTES}), coalesce((select max(created_at) from login_attempts where username = ${name} and result in ('success', 'lockout', 'unlock')), '-infinity'::timestamptz))`;
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
