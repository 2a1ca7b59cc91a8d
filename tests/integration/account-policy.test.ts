import { and, asc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, passwordHistory, users } from '@/db/schema';
import { getAccountLock, getOwnPasswordRules, unlockAccount } from '@/lib/account-security';
import { systemActor } from '@/lib/actors';
import { disableDormantAccounts } from '@/lib/auth/dormant';
import { authenticate } from '@/lib/auth/login';
import { viewerFromSession } from '@/lib/auth/session-viewer';
import { ACCOUNT_MAX_FAILURES } from '@/lib/auth/throttle';
import { isAppError } from '@/lib/errors';
import { getOwnSessionLimits } from '@/lib/sessions';
import { clearSettingsCache, getSiteSettings, updateSettings, type SiteSettings } from '@/lib/settings';
import { writeSettingsGroup } from '@/lib/settings/internal/write';
import { changeOwnPassword, createUser, resetUserPassword, setUserDisabled } from '@/lib/users';
import type { Viewer } from '@/lib/viewer';
import { defaultSecurity } from '../support/security-settings';
import { createAdmin, createCorrespondent, createEditor, expectAppError, sessionClaimsFor, uniqueIp, uniqueUsername, type TestUser } from '../support/factories';

// The password and session policy (lib/security/account-policy.ts) on
// PostgreSQL: every place a password is set, sign-in, sessions, the dormant
// job, unlocking and the administrators' address ranges. The policy is
// site-wide: each test sets what it needs and the defaults come back after.

type Security = SiteSettings['security'];

// What a site that never set the group reads, put back after each test.
const DEFAULT_POLICY = defaultSecurity();

async function setPolicy(policy: Partial<Security>): Promise<void> {
  await writeSettingsGroup(await getDb(), 'security', policy, null);
  clearSettingsCache();
}

beforeEach(() => clearSettingsCache());
afterEach(() => setPolicy(DEFAULT_POLICY));

async function caught(promise: Promise<unknown>): Promise<{ code: string; fieldErrors?: Record<string, string>; params?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, fieldErrors: error.fieldErrors, params: error.params };
    throw error;
  }
  throw new Error('expected a refusal');
}

async function auditOf(targetId: string | number, action: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, String(targetId)), eq(auditLog.action, action)))
    .orderBy(asc(auditLog.id));
}

async function age(userId: number, days: number, fields: { created?: boolean; lastLogin?: boolean; passwordChanged?: boolean } = { created: true, lastLogin: true }) {
  const db = await getDb();
  const past = sql`now() - make_interval(days => ${days})`;
  await db
    .update(users)
    .set({
      ...(fields.created ? { createdAt: past } : {}),
      ...(fields.lastLogin ? { lastLoginAt: past } : {}),
      ...(fields.passwordChanged ? { passwordChangedAt: past } : {}),
    })
    .where(eq(users.id, userId));
}

function withIp(viewer: Viewer, ip: string): Viewer {
  return { ...viewer, ip };
}

describe('one password check wherever a password is set', () => {
  test('each rule refuses with its own message key and the numbers of the policy', async () => {
    await setPolicy({ passwordMinLength: 12, passwordClasses: 3, passwordRefuseCommon: true });
    const username = uniqueUsername('pol');
    const create = (password: string) => createUser(systemActor, { username, displayName: '测试', role: 'editor', password });
    expect(await caught(create('abcdeFGH12'))).toEqual({ code: 'validation', fieldErrors: { password: 'password_too_short' }, params: expect.objectContaining({ min: 12 }) });
    expect(await caught(create('abcdefgh12345'))).toMatchObject({ fieldErrors: { password: 'password_too_few_classes' }, params: { classes: 3 } });
    expect(await caught(create('Admin@123456'))).toMatchObject({ fieldErrors: { password: 'password_common' } });
    expect(await caught(create(username))).toMatchObject({ fieldErrors: { password: 'password_same_as_username' } });
    const { user } = await create('Zhang-san-2026');
    expect(user.username).toBe(username);

    // A generated first password passes the policy it was made under.
    const generated = await createUser(systemActor, { username: uniqueUsername('gen'), displayName: '测试', role: 'editor' });
    expect(generated.generatedPassword).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{14,}$/);

    // Resetting (typed) and changing one's own go through the same check.
    expect(await caught(resetUserPassword(systemActor, user.id, 'abcdefghijklm'))).toMatchObject({ fieldErrors: { password: 'password_too_few_classes' } });
    const self = { id: user.id, username, displayName: '测试', role: 'editor', adminDuties: [], unitId: null, mustChangePassword: false } satisfies Viewer;
    expect(await caught(changeOwnPassword(self, { currentPassword: 'Zhang-san-2026', newPassword: 'ADMIN@123456', confirmPassword: 'ADMIN@123456' }))).toMatchObject({
      fieldErrors: { newPassword: 'password_common' },
    });
  });

  test('without a policy, today’s rule: 10 characters, anything else goes', async () => {
    const user = await createEditor();
    await changeOwnPassword(user.viewer, { currentPassword: user.password, newPassword: '1234567890', confirmPassword: '1234567890' });
  });

  test('history: none of the latest N passwords again, the current one included; older ones are fine', async () => {
    await setPolicy({ passwordHistory: 3 });
    const user = await createEditor({ password: 'First-pass-0' });
    const change = (from: string, to: string) => changeOwnPassword(user.viewer, { currentPassword: from, newPassword: to, confirmPassword: to });
    await change('First-pass-0', 'Second-pass-1');
    await change('Second-pass-1', 'Third-pass-2');
    await change('Third-pass-2', 'Fourth-pass-3');
    // Latest three: Fourth (current), Third, Second.
    expect(await caught(change('Fourth-pass-3', 'Second-pass-1'))).toEqual({ code: 'validation', fieldErrors: { newPassword: 'password_reused' }, params: expect.objectContaining({ history: 3 }) });
    expect(await caught(change('Fourth-pass-3', 'Third-pass-2'))).toMatchObject({ fieldErrors: { newPassword: 'password_reused' } });
    // An administrator's typed reset may not hand the current one back either.
    expect(await caught(resetUserPassword(systemActor, user.id, 'Fourth-pass-3'))).toMatchObject({ fieldErrors: { password: 'password_reused' } });
    await change('Fourth-pass-3', 'First-pass-0');

    // Only hashes are kept, and no more than any policy asks for.
    const db = await getDb();
    const rows = await db.select().from(passwordHistory).where(eq(passwordHistory.userId, user.id));
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.passwordHash).toMatch(/^\$argon2id\$/);

    // The wrong current password is said first: the history tells a stranger nothing.
    expect(await caught(change('not-my-password', 'Fourth-pass-3'))).toMatchObject({ fieldErrors: { currentPassword: 'password_wrong' } });
  });
});

describe('expiry', () => {
  test('a password older than the policy allows is changed at the next sign-in, on the trail', async () => {
    const user = await createEditor();
    await age(user.id, 40, { passwordChanged: true });
    // Off: nothing happens.
    expect(await authenticate({ username: user.username, password: user.password, ip: uniqueIp() })).toMatchObject({ ok: true });
    expect((await viewerFromSession(sessionClaimsFor(user)))!.mustChangePassword).toBe(false);

    await setPolicy({ passwordExpiryDays: 30 });
    expect(await getOwnPasswordRules(user.viewer)).toMatchObject({ expired: true, policy: { expiryDays: 30 } });
    const outcome = await authenticate({ username: user.username, password: user.password, ip: uniqueIp() });
    expect(outcome).toMatchObject({ ok: true });
    const viewer = await viewerFromSession(sessionClaimsFor(user));
    expect(viewer).toMatchObject({ id: user.id, mustChangePassword: true });
    expect(await auditOf(user.id, 'user.password_expired')).toEqual([expect.objectContaining({ actorId: user.id, meta: { days: 30 } })]);

    await changeOwnPassword(viewer!, { currentPassword: user.password, newPassword: 'Renewed-pass-2026', confirmPassword: 'Renewed-pass-2026' });
    expect(await getOwnPasswordRules(user.viewer)).toMatchObject({ expired: false });
    const again = await authenticate({ username: user.username, password: 'Renewed-pass-2026', ip: uniqueIp() });
    expect(again).toMatchObject({ ok: true });
    const [row] = await (await getDb()).select({ mustChangePassword: users.mustChangePassword }).from(users).where(eq(users.id, user.id));
    expect(row!.mustChangePassword).toBe(false);
  });

  test('the 等保三级 profile expires passwords after 90 days even with the setting at 0', async () => {
    const user = await createCorrespondent();
    await age(user.id, 91, { passwordChanged: true });
    await setPolicy({ profile: 'dengbao3' });
    await authenticate({ username: user.username, password: user.password, ip: uniqueIp() });
    expect(await viewerFromSession(sessionClaimsFor(user))).toMatchObject({ mustChangePassword: true });
  });
});

describe('session limits per role', () => {
  test('a role’s own idle timeout applies to it alone, and the account page shows it', async () => {
    await setPolicy({ sessionIdleMinutes: 120, editorSessionIdleMinutes: 10, adminSessionAbsoluteHours: 1 });
    const editor = await createEditor();
    const correspondent = await createCorrespondent();
    const admin = await createAdmin();
    const now = Date.now();
    const idle = (user: TestUser, minutes: number) => ({ ...sessionClaimsFor(user, now - 90 * 60_000), idleFrom: Math.floor((now - minutes * 60_000) / 1000), loginAt: Math.floor((now - 50 * 60_000) / 1000) });

    expect(await viewerFromSession(idle(editor, 9), now)).not.toBeNull();
    expect(await viewerFromSession(idle(editor, 11), now)).toBeNull();
    expect(await viewerFromSession(idle(correspondent, 11), now)).not.toBeNull();
    expect(await viewerFromSession(idle(correspondent, 121), now)).toBeNull();
    // The administrator's lifetime is an hour: 50 minutes in, then 70.
    expect(await viewerFromSession(idle(admin, 11), now)).not.toBeNull();
    expect(await viewerFromSession({ ...idle(admin, 1), loginAt: Math.floor((now - 70 * 60_000) / 1000) }, now)).toBeNull();

    expect(await getOwnSessionLimits(editor.viewer)).toEqual({ idleMinutes: 10, absoluteHours: 168 });
    expect(await getOwnSessionLimits(correspondent.viewer)).toEqual({ idleMinutes: 120, absoluteHours: 168 });
    expect(await getOwnSessionLimits(admin.viewer)).toEqual({ idleMinutes: 120, absoluteHours: 1 });

    // A role's idle timeout may not outlast its lifetime, its own or the site's.
    const securityAdmin = await createAdmin({ adminDuties: ['security'] });
    const { security } = await getSiteSettings();
    await expectAppError(updateSettings(securityAdmin.viewer, 'security', { ...security, adminSessionAbsoluteHours: null, editorSessionIdleMinutes: 600, editorSessionAbsoluteHours: 2 }), 'validation', {
      editorSessionIdleMinutes: 'idle_over_absolute',
    });
    await expectAppError(updateSettings(securityAdmin.viewer, 'security', { ...security, adminSessionIdleMinutes: 90 }), 'validation', { adminSessionIdleMinutes: 'idle_over_absolute' });
  });

  test('with the profile, editors and administrators are signed out after 30 idle minutes; correspondents keep the site’s', async () => {
    await setPolicy({ profile: 'dengbao3' });
    const editor = await createEditor();
    const correspondent = await createCorrespondent();
    const now = Date.now();
    const idle = (user: TestUser, minutes: number) => ({ ...sessionClaimsFor(user, now - 60 * 60_000), idleFrom: Math.floor((now - minutes * 60_000) / 1000) });
    expect(await viewerFromSession(idle(editor, 29), now)).not.toBeNull();
    expect(await viewerFromSession(idle(editor, 31), now)).toBeNull();
    expect(await viewerFromSession(idle(correspondent, 31), now)).not.toBeNull();
    expect(await getOwnSessionLimits(editor.viewer)).toEqual({ idleMinutes: 30, absoluteHours: 168 });
  });
});

describe('dormant accounts', () => {
  test('the job disables accounts unused for the policy’s days, audits each, ends their sessions; the owner hears why only with the right password', async () => {
    const old = await createCorrespondent();
    const neverSignedIn = await createEditor();
    const recent = await createEditor();
    await age(old.id, 40);
    await age(neverSignedIn.id, 40, { created: true });
    await age(recent.id, 40, { created: true });
    await (await getDb()).update(users).set({ lastLoginAt: sql`now() - interval '2 days'` }).where(eq(users.id, recent.id));

    // Off by default.
    expect(await disableDormantAccounts()).toEqual([]);

    await setPolicy({ dormantDays: 30 });
    const disabled = await disableDormantAccounts();
    expect(disabled).toEqual(expect.arrayContaining([old.id, neverSignedIn.id]));
    expect(disabled).not.toContain(recent.id);
    // Idempotent: a second run (or another instance) finds nothing more of these.
    expect(await disableDormantAccounts()).not.toContain(old.id);

    const db = await getDb();
    const [row] = await db.select({ disabledAt: users.disabledAt, disabledReason: users.disabledReason, sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, old.id));
    expect(row).toMatchObject({ disabledReason: 'dormant' });
    expect(row!.disabledAt).toBeInstanceOf(Date);
    expect(row!.sessionVersion).toBe(old.sessionVersion + 1);
    expect(await viewerFromSession(sessionClaimsFor(old))).toBeNull();
    expect(await auditOf(old.id, 'user.dormant_disable')).toEqual([expect.objectContaining({ actorId: null, meta: expect.objectContaining({ days: 30 }) })]);

    const ip = uniqueIp();
    expect(await authenticate({ username: old.username, password: 'not-the-password', ip })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate({ username: old.username, password: old.password, ip })).toEqual({ ok: false, reason: 'dormant' });
    const refused = (await auditOf(old.username.toLowerCase(), 'login.refused')).map((r) => r.meta);
    expect(refused).toEqual([{ reason: 'dormant' }]);

    // Enabled again, the clock starts over: the next run leaves it alone.
    await setUserDisabled(systemActor, old.id, false);
    expect(await disableDormantAccounts()).not.toContain(old.id);
    expect(await authenticate({ username: old.username, password: old.password, ip })).toMatchObject({ ok: true });
  });

  test('an account an administrator disabled is told so after its right password, and "invalid" after any other', async () => {
    const user = await createEditor();
    await setUserDisabled(systemActor, user.id, true);
    expect(await authenticate({ username: user.username, password: 'not-the-password', ip: uniqueIp() })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate({ username: user.username, password: user.password, ip: uniqueIp() })).toEqual({ ok: false, reason: 'disabled' });
  });

  test('never the last enabled holder of a duty', async () => {
    const db = await getDb();
    const oldAll = await createAdmin({ adminDuties: ['system', 'security', 'audit'] });
    const freshSystem = await createAdmin({ adminDuties: ['system'] });
    const oldAudit = await createAdmin({ adminDuties: ['audit'] });
    await age(oldAll.id, 40);
    await age(oldAudit.id, 50);
    // Only these three count: the other files' administrators step aside for the run.
    const mine = [oldAll.id, freshSystem.id, oldAudit.id];
    const others = await db
      .update(users)
      .set({ disabledAt: sql`now()` })
      .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), notInArray(users.id, mine)))
      .returning({ id: users.id });
    try {
      await setPolicy({ dormantDays: 30 });
      const disabled = await disableDormantAccounts();
      // oldAudit goes (oldAll still holds audit); oldAll is the last security administrator.
      expect(disabled).toContain(oldAudit.id);
      expect(disabled).not.toContain(oldAll.id);
      expect(disabled).not.toContain(freshSystem.id);
    } finally {
      if (others.length) await db.update(users).set({ disabledAt: null }).where(inArray(users.id, others.map((o) => o.id)));
    }
  });
});

describe('unlocking', () => {
  test('the security administrator lifts a lockout at once, on the trail; the count starts again', async () => {
    const security = await createAdmin({ adminDuties: ['security'] });
    const system = await createAdmin({ adminDuties: ['system'] });
    const user = await createEditor();
    const ip = uniqueIp();
    expect(await getAccountLock(security.viewer, user.id)).toEqual({ lockedUntil: null });
    await expectAppError(unlockAccount(security.viewer, user.id), 'conflict', { form: 'not_locked' });

    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) await authenticate({ username: user.username, password: 'wrong', ip });
    const { lockedUntil } = await getAccountLock(security.viewer, user.id);
    expect(lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(await authenticate({ username: user.username, password: user.password, ip })).toEqual({ ok: false, reason: 'account_locked' });

    await expectAppError(unlockAccount(system.viewer, user.id), 'forbidden');
    await expectAppError(unlockAccount(user.viewer, user.id), 'forbidden');
    await unlockAccount(withIp(security.viewer, '10.9.8.7'), user.id);
    expect(await getAccountLock(security.viewer, user.id)).toEqual({ lockedUntil: null });
    expect(await auditOf(user.id, 'user.unlock')).toEqual([expect.objectContaining({ actorId: security.id, ip: '10.9.8.7' })]);

    // Four more failures do not lock it again at once: the unlock restarted the count.
    for (let i = 0; i < ACCOUNT_MAX_FAILURES - 1; i++) expect(await authenticate({ username: user.username, password: 'wrong', ip })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate({ username: user.username, password: user.password, ip })).toMatchObject({ ok: true });
  });
});

describe('administrator address ranges', () => {
  test('administrators sign in only from inside; the refusal follows the right password only; others are unaffected', async () => {
    await setPolicy({ adminNetworks: ['10.20.0.0/16', '2001:db8::/32'] });
    const admin = await createAdmin();
    const editor = await createEditor();
    const outside = uniqueIp();

    expect(await authenticate({ username: admin.username, password: 'wrong', ip: outside })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate({ username: admin.username, password: admin.password, ip: outside })).toEqual({ ok: false, reason: 'address_not_allowed' });
    const refused = await auditOf(admin.username.toLowerCase(), 'login.refused');
    expect(refused).toEqual([expect.objectContaining({ actorId: admin.id, ip: outside, meta: { reason: 'address_not_allowed' } })]);

    for (const inside of ['10.20.3.4', '::ffff:10.20.3.5', '2001:db8::7']) {
      expect(await authenticate({ username: admin.username, password: admin.password, ip: inside }), inside).toMatchObject({ ok: true });
    }
    expect(await authenticate({ username: editor.username, password: editor.password, ip: outside })).toMatchObject({ ok: true });
  });

  test('saving checks each range and never shuts out the administrator saving', async () => {
    const admin = await createAdmin({ adminDuties: ['security'] });
    const { security } = await getSiteSettings();
    const save = (ip: string, adminNetworks: string[]) => updateSettings(withIp(admin.viewer, ip), 'security', { ...security, adminNetworks });

    expect(await caught(save('10.20.3.4', ['10.20.0.0/16', 'bogus']))).toMatchObject({ fieldErrors: { adminNetworks: 'network_invalid' }, params: { entry: 'bogus' } });
    expect(await caught(save('10.20.3.4', ['10.20.3.4/16']))).toMatchObject({ fieldErrors: { adminNetworks: 'network_invalid' } });
    expect(await caught(save('10.20.3.4', ['10.30.0.0/16']))).toMatchObject({ fieldErrors: { adminNetworks: 'networks_exclude_self' }, params: { address: '10.20.3.4' } });
    expect((await getSiteSettings()).security.adminNetworks).toEqual([]);

    await save('10.20.3.4', [' 10.20.0.0/16 ', '', '10.20.0.0/16', '2001:db8::/32']);
    clearSettingsCache();
    expect((await getSiteSettings()).security.adminNetworks).toEqual(['10.20.0.0/16', '2001:db8::/32']);
    // Emptying the list (anywhere again) is always allowed.
    await save('192.0.2.1', []);
    clearSettingsCache();
    expect((await getSiteSettings()).security.adminNetworks).toEqual([]);
  });
});
