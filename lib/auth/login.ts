import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import { getDb } from '@/db/client';
import { AppError } from '../errors';
import { verifyAgainstDummy, verifyPassword } from './password';
import { checkLoginGate, recordLoginFailure, recordLoginSuccess, recordRefusedLogin } from './throttle';
import { typedValue } from '../text-input';

export type LoginOutcome =
  | { ok: true; user: { id: number; sessionVersion: number } }
  | { ok: false; reason: 'invalid' | 'account_locked' | 'address_limited' };

const MAX_INPUT = 200;

// Checks a username and password for the login form and scripted clients.
// Unknown user, disabled user and wrong password give the same answer after
// the same amount of work; every outcome lands in the audit trail.
export async function authenticate(input: { username: unknown; password: unknown; ip: string }): Promise<LoginOutcome> {
  const username = typedValue(input.username).trim().slice(0, MAX_INPUT);
  const password = typeof input.password === 'string' ? input.password.slice(0, MAX_INPUT) : '';
  if (!username || !password) return { ok: false, reason: 'invalid' };

  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()))
    .limit(1);

  const gate = await checkLoginGate(db, username, input.ip);
  if (!gate.allowed) {
    // The trail names the account when there is one: a locked account is not an unknown name.
    await recordRefusedLogin(db, username, input.ip, gate.reason, user?.id ?? null);
    return { ok: false, reason: gate.reason };
  }

  let valid: boolean;
  try {
    valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  } catch (error) {
    if (error instanceof AppError && error.code === 'rate_limited') return { ok: false, reason: 'address_limited' };
    throw error;
  }

  if (!user || !valid || user.disabledAt) {
    const lockedNow = await recordLoginFailure(db, username, input.ip, user?.id ?? null);
    return { ok: false, reason: lockedNow ? 'account_locked' : 'invalid' };
  }

  await recordLoginSuccess(db, username, input.ip, user.id);
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  return { ok: true, user: { id: user.id, sessionVersion: user.sessionVersion } };
}
