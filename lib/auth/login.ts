import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { users, userTwoFactor, type UserRole } from '@/db/schema';
import { getDb, type Db } from '@/db/client';
import { AppError } from '../errors';
import { verifyAgainstDummy, verifyPassword } from './password';
import { checkLoginGate, recordLoginFailure, recordLoginSuccess, recordRefusedLogin } from './throttle';
import { typedValue } from '../text-input';
import { createSignInChallenge } from './challenges';
import { recordAudit } from '../audit';
import { isAddressInRanges } from '../http/cidr';
import { adminNetworksOf, isPasswordExpired, passwordPolicyOf } from '../security/account-policy';
import { getSiteSettings } from '../settings';

// `second_factor` is not a sign-in: the password was right and the account
// has two-factor on, so the code step must follow with this challenge. It is
// an `ok: false` so that nothing that only checks `ok` can open a session.
export type LoginOutcome =
  | { ok: true; user: { id: number; sessionVersion: number } }
  | { ok: false; reason: 'invalid' | 'account_locked' | 'address_limited' | AfterPasswordRefusal }
  | { ok: false; reason: 'second_factor'; challenge: string };

const MAX_INPUT = 200;

// Refusals said only to whoever typed the right password: the account was
// disabled (by an administrator, or by the system for being unused), or an
// administrator signs in from an address outside the site's ranges. Anyone
// else hears "invalid", so none says anything about an account to a guesser.
export type AfterPasswordRefusal = 'disabled' | 'dormant' | 'address_not_allowed';

// For the password step and again for the code step (the address may change between them).
export async function refusalAfterPassword(
  db: Db,
  username: string,
  ip: string,
  user: { id: number; role: UserRole; disabledAt: Date | null; disabledReason: string | null },
): Promise<AfterPasswordRefusal | null> {
  const { security } = await getSiteSettings();
  let reason: AfterPasswordRefusal | null = null;
  if (user.disabledAt) reason = user.disabledReason === 'dormant' ? 'dormant' : 'disabled';
  else if (user.role === 'admin' && adminNetworksOf(security).length > 0 && !isAddressInRanges(ip, adminNetworksOf(security))) reason = 'address_not_allowed';
  if (reason) await recordRefusedLogin(db, username, ip, reason, user.id);
  return reason;
}

// A password older than the policy allows is changed at this sign-in: the
// same step as a first password (lib/viewer.ts pendingAccountStep).
async function expirePassword(db: Db, ip: string, user: { id: number; mustChangePassword: boolean; passwordChangedAt: Date | null; createdAt: Date }): Promise<void> {
  if (user.mustChangePassword) return;
  const { security } = await getSiteSettings();
  const policy = passwordPolicyOf(security);
  if (!isPasswordExpired(policy, user.passwordChangedAt ?? user.createdAt)) return;
  await db.update(users).set({ mustChangePassword: true }).where(eq(users.id, user.id));
  await recordAudit(db, { actorId: user.id, action: 'user.password_expired', targetType: 'user', targetId: user.id, ip, meta: { days: policy.expiryDays } });
}

// Checks a username and password for the login form and scripted clients.
// Unknown user and wrong password give the same answer after the same amount
// of work (a disabled account too, unless its password was right); every
// outcome lands in the audit trail.
export async function authenticate(input: { username: unknown; password: unknown; ip: string }): Promise<LoginOutcome> {
  const username = typedValue(input.username).trim().slice(0, MAX_INPUT);
  const password = typeof input.password === 'string' ? input.password.slice(0, MAX_INPUT) : '';
  if (!username || !password) return { ok: false, reason: 'invalid' };

  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      role: users.role,
      disabledAt: users.disabledAt,
      disabledReason: users.disabledReason,
      mustChangePassword: users.mustChangePassword,
      passwordChangedAt: users.passwordChangedAt,
      createdAt: users.createdAt,
      sessionVersion: users.sessionVersion,
      twoFactorEnabledAt: userTwoFactor.enabledAt,
    })
    .from(users)
    .leftJoin(userTwoFactor, eq(userTwoFactor.userId, users.id))
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

  if (!user || !valid) {
    const lockedNow = await recordLoginFailure(db, username, input.ip, user?.id ?? null);
    return { ok: false, reason: lockedNow ? 'account_locked' : 'invalid' };
  }
  const refused = await refusalAfterPassword(db, username, input.ip, user);
  if (refused) return { ok: false, reason: refused };
  await expirePassword(db, input.ip, user);

  // Nothing is recorded as a success yet: that would also restart the count
  // of failures, and wrong codes must add up with wrong passwords.
  if (user.twoFactorEnabledAt) return { ok: false, reason: 'second_factor', challenge: await createSignInChallenge(db, user) };

  await completeLogin(db, username, input.ip, user.id);
  return { ok: true, user: { id: user.id, sessionVersion: user.sessionVersion } };
}

// A sign-in that passed every step: recorded (which restarts the count of
// failures) and remembered as the account's last login.
export async function completeLogin(db: Db, username: string, ip: string, userId: number, meta?: Record<string, unknown>): Promise<void> {
  await recordLoginSuccess(db, username, ip, userId, meta);
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, userId));
}
