import { asc, eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, loginAttempts, users } from '@/db/schema';
import { authenticate } from '@/lib/auth/login';
import { ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES, LOCK_MINUTES } from '@/lib/auth/throttle';
import { systemActor } from '@/lib/actors';
import { setUserDisabled } from '@/lib/users';
import { createEditor, uniqueIp, uniqueUsername } from '../support/factories';

const WRONG = 'definitely-not-it';

async function attemptsFor(username: string) {
  const db = await getDb();
  return db
    .select({ result: loginAttempts.result, ip: loginAttempts.ip })
    .from(loginAttempts)
    .where(eq(loginAttempts.username, username.toLowerCase()))
    .orderBy(asc(loginAttempts.id));
}

async function auditFor(targetId: string) {
  const db = await getDb();
  return db.select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(asc(auditLog.id));
}

// Moves every login attempt of this name into the past, as if time had passed.
async function age(username: string, minutes: number): Promise<void> {
  const db = await getDb();
  await db
    .update(loginAttempts)
    .set({ createdAt: sql`${loginAttempts.createdAt} - make_interval(mins => ${minutes})` })
    .where(eq(loginAttempts.username, username.toLowerCase()));
}

async function failTimes(username: string, times: number, ip: string) {
  const outcomes = [];
  for (let i = 0; i < times; i++) outcomes.push(await authenticate({ username, password: WRONG, ip }));
  return outcomes;
}

describe('authenticate', () => {
  test('the limits are those of the design', () => {
    expect(ACCOUNT_MAX_FAILURES).toBe(5);
    expect(ADDRESS_MAX_FAILURES).toBe(30);
    expect(LOCK_MINUTES).toBe(15);
  });

  test('accepts the right password, case-insensitively on the username, and records the login', async () => {
    const user = await createEditor();
    const ip = uniqueIp();
    const outcome = await authenticate({ username: `  ${user.username.toUpperCase()} `, password: user.password, ip });
    expect(outcome).toEqual({ ok: true, user: { id: user.id, sessionVersion: user.sessionVersion } });

    const db = await getDb();
    const [row] = await db.select({ lastLoginAt: users.lastLoginAt }).from(users).where(eq(users.id, user.id));
    expect(row!.lastLoginAt).toBeInstanceOf(Date);
    expect(await attemptsFor(user.username)).toEqual([{ result: 'success', ip }]);
    const audit = await auditFor(String(user.id));
    expect(audit.filter((a) => a.action === 'login.success')).toEqual([
      expect.objectContaining({ actorId: user.id, targetType: 'user', targetId: String(user.id), ip }),
    ]);
  });

  test('a wrong password, an unknown user and a disabled user with a wrong password get the same answer; the right password hears it is disabled', async () => {
    const user = await createEditor();
    const disabled = await createEditor();
    await setUserDisabled(systemActor, disabled.id, true);
    const ip = uniqueIp();
    const unknown = uniqueUsername('ghost');

    expect(await authenticate({ username: user.username, password: WRONG, ip })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate({ username: unknown, password: WRONG, ip })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate({ username: disabled.username, password: WRONG, ip })).toEqual({ ok: false, reason: 'invalid' });

    // Every outcome is in the audit trail, the unknown name included.
    for (const name of [user.username, unknown, disabled.username]) {
      const audit = await auditFor(name.toLowerCase());
      expect(audit.map((a) => a.action)).toEqual(['login.failure']);
      expect(audit[0]).toMatchObject({ targetType: 'username', ip });
    }

    // Only the account's own password learns why: and whom to ask, on the form.
    expect(await authenticate({ username: disabled.username, password: disabled.password, ip })).toEqual({ ok: false, reason: 'disabled' });
    expect((await auditFor(disabled.username.toLowerCase())).at(-1)).toMatchObject({ action: 'login.refused', meta: expect.objectContaining({ reason: 'disabled' }) });
    expect((await auditFor(user.username.toLowerCase()))[0]!.actorId).toBe(user.id);
    expect((await auditFor(unknown.toLowerCase()))[0]!.actorId).toBeNull();
  });

  test('missing or non-text input is invalid without touching the database', async () => {
    const ip = uniqueIp();
    expect(await authenticate({ username: '', password: 'x', ip })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate({ username: 'someone', password: '', ip })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate({ username: { $ne: null }, password: ['x'], ip })).toEqual({ ok: false, reason: 'invalid' });
    const db = await getDb();
    expect(await db.select().from(loginAttempts).where(eq(loginAttempts.ip, ip))).toEqual([]);
  });

  test('five failures lock the account; the sixth try, even with the right password, is refused', async () => {
    const user = await createEditor();
    const ip = uniqueIp();
    const outcomes = await failTimes(user.username, ACCOUNT_MAX_FAILURES, ip);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.reason))).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'account_locked']);
    // From another address too: the lock is on the account.
    expect(await authenticate({ username: user.username, password: user.password, ip: uniqueIp() })).toEqual({ ok: false, reason: 'account_locked' });

    const results = (await attemptsFor(user.username)).map((a) => a.result);
    expect(results).toEqual(['failure', 'failure', 'failure', 'failure', 'failure', 'lockout', 'refused']);
    const actions = (await auditFor(user.username.toLowerCase())).map((a) => a.action);
    expect(actions).toEqual(['login.failure', 'login.failure', 'login.failure', 'login.failure', 'login.failure', 'login.lockout', 'login.refused']);
    const refused = (await auditFor(user.username.toLowerCase())).at(-1)!;
    expect(refused.meta).toEqual({ reason: 'account_locked' });
    // Every row names the account: a locked account is not an unknown name.
    expect(new Set((await auditFor(user.username.toLowerCase())).map((a) => a.actorId))).toEqual(new Set([user.id]));
  });

  test('unknown usernames are locked exactly like real ones', async () => {
    const ghost = uniqueUsername('ghost');
    const outcomes = await failTimes(ghost, ACCOUNT_MAX_FAILURES + 1, uniqueIp());
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.reason))).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'account_locked', 'account_locked']);
    expect((await auditFor(ghost.toLowerCase())).map((a) => a.actorId)).toEqual(Array(ACCOUNT_MAX_FAILURES + 2).fill(null));
  });

  test('the lock ends after fifteen minutes', async () => {
    const user = await createEditor();
    await failTimes(user.username, ACCOUNT_MAX_FAILURES, uniqueIp());
    await age(user.username, LOCK_MINUTES - 1);
    expect(await authenticate({ username: user.username, password: user.password, ip: uniqueIp() })).toEqual({ ok: false, reason: 'account_locked' });
    await age(user.username, 2);
    expect((await authenticate({ username: user.username, password: user.password, ip: uniqueIp() })).ok).toBe(true);
  });

  test('failures older than the window do not count', async () => {
    const user = await createEditor();
    await failTimes(user.username, ACCOUNT_MAX_FAILURES - 1, uniqueIp());
    await age(user.username, 16);
    const outcomes = await failTimes(user.username, ACCOUNT_MAX_FAILURES - 1, uniqueIp());
    expect(outcomes.every((o) => !o.ok && o.reason === 'invalid')).toBe(true);
  });

  test('a successful login resets the failure count', async () => {
    const user = await createEditor();
    const ip = uniqueIp();
    await failTimes(user.username, ACCOUNT_MAX_FAILURES - 1, ip);
    expect((await authenticate({ username: user.username, password: user.password, ip })).ok).toBe(true);
    const after = await failTimes(user.username, ACCOUNT_MAX_FAILURES - 1, ip);
    expect(after.every((o) => !o.ok && o.reason === 'invalid')).toBe(true);
    // …and the fifth failure since the success locks.
    expect(await authenticate({ username: user.username, password: WRONG, ip })).toEqual({ ok: false, reason: 'account_locked' });
  });

  test('an address with thirty failures in the window is refused, for any account', async () => {
    const user = await createEditor();
    const ip = uniqueIp();
    // Thirty different names, one failure each, so no account lock gets in the way.
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) {
      expect(await authenticate({ username: uniqueUsername('spray'), password: WRONG, ip })).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await authenticate({ username: user.username, password: user.password, ip })).toEqual({ ok: false, reason: 'address_limited' });
    const refusals = await auditFor(user.username.toLowerCase());
    expect(refusals).toEqual([expect.objectContaining({ action: 'login.refused', ip, meta: { reason: 'address_limited' } })]);
    // The account itself is fine from elsewhere.
    expect((await authenticate({ username: user.username, password: user.password, ip: uniqueIp() })).ok).toBe(true);
  });

  test('concurrent failures for one name lock it exactly once', async () => {
    const user = await createEditor();
    const outcomes = await Promise.all(
      Array.from({ length: ACCOUNT_MAX_FAILURES }, () => authenticate({ username: user.username, password: WRONG, ip: uniqueIp() })),
    );
    const reasons = outcomes.map((o) => (o.ok ? 'ok' : o.reason)).sort();
    expect(reasons).toEqual(['account_locked', 'invalid', 'invalid', 'invalid', 'invalid']);
    const results = (await attemptsFor(user.username)).map((a) => a.result);
    expect(results.filter((r) => r === 'lockout')).toHaveLength(1);
    expect(results.filter((r) => r === 'failure')).toHaveLength(ACCOUNT_MAX_FAILURES);
  });
});
