import { and, asc, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, loginAttempts, recoveryCodes, signInChallenges, users, userSessions, userTwoFactor } from '@/db/schema';
import { authenticate, type LoginOutcome } from '@/lib/auth/login';
import { completeSecondFactor } from '@/lib/auth/second-factor';
import { viewerFromSession } from '@/lib/auth/session-viewer';
import { ACCOUNT_MAX_FAILURES } from '@/lib/auth/throttle';
import { listQueueFilterOptions } from '@/lib/review-queue';
import { openSession } from '@/lib/sessions/internal/records';
import { clearSettingsCache, getSiteSettings, updateSettings } from '@/lib/settings';
import { confirmTwoFactorEnrolment, disableTwoFactor, getTwoFactorStatus, regenerateRecoveryCodes, resetTwoFactor, startTwoFactorEnrolment } from '@/lib/two-factor';
import { totpCodeAt } from '@/lib/two-factor/totp';
import { changeOwnPassword, getUser } from '@/lib/users';
import type { Viewer } from '@/lib/viewer';
import { createAdmin, createCorrespondent, createEditor, expectAppError, sessionClaimsFor, uniqueIp, type TestUser } from '../support/factories';

// Two-factor sign-in through lib/: enrolling, the password step that hands
// out a challenge and is no sign-in, the code step (a code once, a recovery
// code once, throttled with the password), the account page's changes and
// the administrator's reset, and the site's requirement.

const STEP_MS = 30_000;

// A viewer as a request gives it: with an address of its own, so the
// per-address login limit of one test never reaches another.
function acting(user: TestUser): Viewer {
  return { ...user.viewer, ip: uniqueIp() };
}

async function secretOf(viewer: Viewer): Promise<string> {
  const { enrolment } = await getTwoFactorStatus(viewer);
  return new URL(enrolment!.uri).searchParams.get('secret')!;
}

type Enrolled = { user: TestUser; viewer: Viewer; secret: string; recoveryCodes: string[]; enrolledAt: number };

// Enrols the account as its owner would: start, scan, type the first code.
async function enrolled(user: TestUser): Promise<Enrolled> {
  const viewer = acting(user);
  await startTwoFactorEnrolment(viewer);
  const secret = await secretOf(viewer);
  const enrolledAt = Date.now();
  const { recoveryCodes } = await confirmTwoFactorEnrolment(viewer, { code: totpCodeAt(secret, enrolledAt) });
  return { user, viewer, secret, recoveryCodes, enrolledAt };
}

function challengeOf(outcome: LoginOutcome): string {
  if (outcome.ok || outcome.reason !== 'second_factor') throw new Error(`expected the code step, got ${JSON.stringify(outcome)}`);
  return outcome.challenge;
}

async function passwordStep(user: TestUser, ip = uniqueIp()): Promise<string> {
  return challengeOf(await authenticate({ username: user.username, password: user.password, ip }));
}

// A six-digit code that is not the one the app shows at this moment.
function wrongCode(secret: string, atMs: number, offset = 1): string {
  return String((Number(totpCodeAt(secret, atMs)) + offset) % 1_000_000).padStart(6, '0');
}

// The login trail of a typed username (failures are recorded by name).
async function trailOfName(username: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, username.toLowerCase())).orderBy(asc(auditLog.id));
  return rows.map((r) => r.action);
}

async function auditActions(userId: number, actions: string[]) {
  const db = await getDb();
  const rows = await db.select({ action: auditLog.action, actorId: auditLog.actorId, meta: auditLog.meta, targetId: auditLog.targetId }).from(auditLog).where(eq(auditLog.targetId, String(userId))).orderBy(asc(auditLog.id));
  return rows.filter((r) => actions.includes(r.action));
}

afterEach(async () => {
  // The requirement is site-wide: never leave it on for the files after this one.
  const admin = await createAdmin();
  const { security } = await getSiteSettings();
  if (security.twoFactorRequiredFor !== 'nobody') await updateSettings(admin.viewer, 'security', { ...security, twoFactorRequiredFor: 'nobody' });
  clearSettingsCache();
});

describe('enrolling', () => {
  test('a QR code to scan, turned on by the first code; ten recovery codes; the secret sealed and the codes hashed at rest', async () => {
    const user = await createCorrespondent();
    const viewer = acting(user);
    expect(await getTwoFactorStatus(viewer)).toMatchObject({ enabledAt: null, enrolment: null, recoveryCodesLeft: 0, isRequired: false });

    await startTwoFactorEnrolment(viewer);
    const status = await getTwoFactorStatus(viewer);
    expect(status.enabledAt).toBeNull();
    expect(status.enrolment!.uri).toMatch(/^otpauth:\/\/totp\/.+algorithm=SHA1&digits=6&period=30$/);
    const secret = await secretOf(viewer);
    expect(status.enrolment!.manualKey.replace(/ /g, '')).toBe(secret);

    // Not on until confirmed: the password alone still signs in.
    expect(await authenticate({ username: user.username, password: user.password, ip: uniqueIp() })).toMatchObject({ ok: true });
    await expectAppError(confirmTwoFactorEnrolment(viewer, { code: wrongCode(secret, Date.now()) }), 'validation', { code: 'two_factor_code_wrong' });
    await expectAppError(confirmTwoFactorEnrolment(viewer, { code: '' }), 'validation', { code: 'required' });

    const { recoveryCodes: codes } = await confirmTwoFactorEnrolment(viewer, { code: totpCodeAt(secret, Date.now()) });
    expect(codes).toHaveLength(10);
    expect(await getTwoFactorStatus(viewer)).toMatchObject({ enabledAt: expect.any(Date), enrolment: null, recoveryCodesLeft: 10 });
    await expectAppError(startTwoFactorEnrolment(viewer), 'conflict');

    const db = await getDb();
    const [row] = await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, user.id));
    expect(row!.secretEncrypted).toMatch(/^s1\.(a256gcm|sm4ctr)\./);
    expect(row!.secretEncrypted).not.toContain(secret);
    const stored = await db.select({ codeHash: recoveryCodes.codeHash }).from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(stored.map((s) => s.codeHash).join(' ')).not.toContain(code.replace('-', ''));
    expect((await auditActions(user.id, ['two_factor.enable'])).map((a) => a.actorId)).toEqual([user.id]);
  });

  test('starting again replaces a secret not yet confirmed; the old QR code no longer turns it on', async () => {
    const user = await createEditor();
    const viewer = acting(user);
    await startTwoFactorEnrolment(viewer);
    const first = await secretOf(viewer);
    await startTwoFactorEnrolment(viewer);
    const second = await secretOf(viewer);
    expect(second).not.toBe(first);
    if (totpCodeAt(first, Date.now()) !== totpCodeAt(second, Date.now())) {
      await expectAppError(confirmTwoFactorEnrolment(viewer, { code: totpCodeAt(first, Date.now()) }), 'validation', { code: 'two_factor_code_wrong' });
    }
    await confirmTwoFactorEnrolment(viewer, { code: totpCodeAt(second, Date.now()) });
  });
});

describe('signing in with a second factor', () => {
  test('the password step is no sign-in: a challenge, no session, no success recorded; the code step signs in', async () => {
    const { user, secret, enrolledAt } = await enrolled(await createEditor());
    const db = await getDb();
    const [before] = await db.select({ lastLoginAt: users.lastLoginAt }).from(users).where(eq(users.id, user.id));
    const ip = uniqueIp();
    const challenge = await passwordStep(user, ip);

    expect(await db.select().from(userSessions).where(eq(userSessions.userId, user.id))).toEqual([]);
    expect(await db.select({ result: loginAttempts.result }).from(loginAttempts).where(eq(loginAttempts.ip, ip))).toEqual([]);
    const [after] = await db.select({ lastLoginAt: users.lastLoginAt }).from(users).where(eq(users.id, user.id));
    expect(after!.lastLoginAt).toEqual(before!.lastLoginAt);
    // Only the hash of the challenge is kept.
    expect(await db.select().from(signInChallenges).where(eq(signInChallenges.idHash, challenge))).toEqual([]);

    // The step after enrolment's code is new (the enrolment's own code was used).
    const at = enrolledAt + STEP_MS;
    expect(await completeSecondFactor({ challenge, code: totpCodeAt(secret, at), ip }, at)).toEqual({ ok: true, user: { id: user.id, sessionVersion: user.sessionVersion } });
    expect(await db.select({ result: loginAttempts.result }).from(loginAttempts).where(eq(loginAttempts.ip, ip))).toEqual([{ result: 'success' }]);
    const success = await auditActions(user.id, ['login.success']);
    expect(success.at(-1)!.meta).toEqual({ secondFactor: 'totp' });
  });

  test('a challenge is good once, for five minutes, and only under the session version it began with', async () => {
    const { user, secret, enrolledAt } = await enrolled(await createEditor());
    const ip = uniqueIp();
    const used = await passwordStep(user, ip);
    expect(await completeSecondFactor({ challenge: used, code: totpCodeAt(secret, enrolledAt + STEP_MS), ip }, enrolledAt + STEP_MS)).toMatchObject({ ok: true });
    expect(await completeSecondFactor({ challenge: used, code: totpCodeAt(secret, enrolledAt + 2 * STEP_MS), ip }, enrolledAt + 2 * STEP_MS)).toEqual({ ok: false, reason: 'challenge_expired' });

    const lapsed = await passwordStep(user, ip);
    const db = await getDb();
    await db.update(signInChallenges).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(signInChallenges.userId, user.id));
    expect(await completeSecondFactor({ challenge: lapsed, code: totpCodeAt(secret, enrolledAt + 3 * STEP_MS), ip }, enrolledAt + 3 * STEP_MS)).toEqual({ ok: false, reason: 'challenge_expired' });

    const stale = await passwordStep(user, ip);
    await changeOwnPassword(user.viewer, { currentPassword: user.password, newPassword: 'Another-password-2026', confirmPassword: 'Another-password-2026' });
    expect(await completeSecondFactor({ challenge: stale, code: totpCodeAt(secret, enrolledAt + 4 * STEP_MS), ip }, enrolledAt + 4 * STEP_MS)).toEqual({ ok: false, reason: 'challenge_expired' });

    for (const forged of ['', 'x', 'A'.repeat(32), { $ne: null }]) {
      expect(await completeSecondFactor({ challenge: forged, code: '123456', ip })).toEqual({ ok: false, reason: 'challenge_expired' });
    }
  });

  test('a code is accepted once: the same code on a second sign-in is refused, and counted as a failure', async () => {
    const { user, secret, enrolledAt } = await enrolled(await createEditor());
    const at = enrolledAt + STEP_MS;
    const code = totpCodeAt(secret, at);
    const ip = uniqueIp();
    expect(await completeSecondFactor({ challenge: await passwordStep(user, ip), code, ip }, at)).toMatchObject({ ok: true });
    expect(await completeSecondFactor({ challenge: await passwordStep(user, ip), code, ip }, at)).toEqual({ ok: false, reason: 'invalid_code' });
    // Nor the step before it, still within the drift.
    expect(await completeSecondFactor({ challenge: await passwordStep(user, ip), code: totpCodeAt(secret, enrolledAt), ip }, at)).toEqual({ ok: false, reason: 'invalid_code' });
    expect(await trailOfName(user.username)).toEqual(['login.second_factor_failure', 'login.second_factor_failure']);
  });

  test('racing sign-ins: one code on two challenges, or one challenge with two good codes, pass once', async () => {
    const { user, secret, enrolledAt, recoveryCodes: codes } = await enrolled(await createEditor());
    const ip = uniqueIp();
    const at = enrolledAt + STEP_MS;
    const [a, b] = await Promise.all([passwordStep(user, ip), passwordStep(user, ip)]);
    const sameCode = await Promise.all([a, b].map((challenge) => completeSecondFactor({ challenge, code: totpCodeAt(secret, at), ip }, at)));
    expect(sameCode.filter((o) => o.ok)).toHaveLength(1);

    const challenge = await passwordStep(user, ip);
    const later = at + STEP_MS;
    const sameChallenge = await Promise.all([totpCodeAt(secret, later), codes[0]!].map((code) => completeSecondFactor({ challenge, code, ip }, later)));
    expect(sameChallenge.filter((o) => o.ok)).toHaveLength(1);
  });

  test('a code one step off either way is accepted (clock drift); two steps off is not', async () => {
    const { user, secret, enrolledAt } = await enrolled(await createEditor());
    const ip = uniqueIp();
    const now = enrolledAt + 10 * STEP_MS;
    expect(await completeSecondFactor({ challenge: await passwordStep(user, ip), code: totpCodeAt(secret, now - 3 * STEP_MS), ip }, now)).toEqual({ ok: false, reason: 'invalid_code' });
    expect(await completeSecondFactor({ challenge: await passwordStep(user, ip), code: totpCodeAt(secret, now - STEP_MS), ip }, now)).toMatchObject({ ok: true });
    expect(await completeSecondFactor({ challenge: await passwordStep(user, ip), code: totpCodeAt(secret, now + STEP_MS), ip }, now)).toMatchObject({ ok: true });
  });

  test('a recovery code signs in once, in any case and without its dash, and is audited with how many are left', async () => {
    const { user, recoveryCodes: codes } = await enrolled(await createCorrespondent());
    const ip = uniqueIp();
    const typed = codes[3]!.toUpperCase().replace('-', ' ');
    expect(await completeSecondFactor({ challenge: await passwordStep(user, ip), code: typed, ip })).toMatchObject({ ok: true });
    expect(await completeSecondFactor({ challenge: await passwordStep(user, ip), code: codes[3]!, ip })).toEqual({ ok: false, reason: 'invalid_code' });
    expect((await getTwoFactorStatus(acting(user))).recoveryCodesLeft).toBe(9);
    const used = await auditActions(user.id, ['login.recovery_code_use']);
    expect(used).toEqual([expect.objectContaining({ actorId: user.id, meta: { left: 9 } })]);
    expect((await auditActions(user.id, ['login.success'])).at(-1)!.meta).toEqual({ secondFactor: 'recovery_code' });
  });

  test('wrong codes count with wrong passwords towards the lock; the locked account gets no further, even with the right code', async () => {
    const { user, secret, enrolledAt } = await enrolled(await createEditor());
    const ip = uniqueIp();
    for (let i = 0; i < 2; i++) expect(await authenticate({ username: user.username, password: 'not-the-password', ip })).toEqual({ ok: false, reason: 'invalid' });
    const challenge = await passwordStep(user, ip);
    const outcomes = [];
    for (let i = 1; i <= ACCOUNT_MAX_FAILURES - 2; i++) outcomes.push(await completeSecondFactor({ challenge, code: wrongCode(secret, enrolledAt + STEP_MS, i), ip }, enrolledAt + STEP_MS));
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.reason))).toEqual(['invalid_code', 'invalid_code', 'account_locked']);

    expect(await completeSecondFactor({ challenge, code: totpCodeAt(secret, enrolledAt + STEP_MS), ip: uniqueIp() }, enrolledAt + STEP_MS)).toEqual({ ok: false, reason: 'account_locked' });
    expect(await authenticate({ username: user.username, password: user.password, ip: uniqueIp() })).toEqual({ ok: false, reason: 'account_locked' });
    expect(await trailOfName(user.username)).toEqual(['login.failure', 'login.failure', 'login.second_factor_failure', 'login.second_factor_failure', 'login.second_factor_failure', 'login.lockout', 'login.refused', 'login.refused']);
  });

  test('an account without two-factor signs in with its password alone, as before', async () => {
    const user = await createEditor();
    expect(await authenticate({ username: user.username, password: user.password, ip: uniqueIp() })).toEqual({ ok: true, user: { id: user.id, sessionVersion: user.sessionVersion } });
  });
});

describe('managing my second factor', () => {
  test('new recovery codes need a current code and void the old ones', async () => {
    const { user, viewer, secret, recoveryCodes: old } = await enrolled(await createEditor());
    await expectAppError(regenerateRecoveryCodes(viewer, { code: old[0]! }), 'validation', { code: 'two_factor_code_wrong' });
    // The code used to enrol is spent; the next step's is good (drift).
    const { recoveryCodes: fresh } = await regenerateRecoveryCodes(viewer, { code: totpCodeAt(secret, Date.now() + STEP_MS) });
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((c) => old.includes(c))).toEqual([]);
    const ip = uniqueIp();
    expect(await completeSecondFactor({ challenge: await passwordStep(user, ip), code: old[0]!, ip })).toEqual({ ok: false, reason: 'invalid_code' });
    expect(await completeSecondFactor({ challenge: await passwordStep(user, ip), code: fresh[0]!, ip })).toMatchObject({ ok: true });
    expect(await auditActions(user.id, ['two_factor.recovery_codes_regenerate'])).toHaveLength(1);
  });

  test('turned off with the password (or a code); a wrong one is a counted, audited failure', async () => {
    const { user, viewer } = await enrolled(await createCorrespondent());
    await expectAppError(disableTwoFactor(viewer, { credential: 'wrong-password-1' }), 'validation', { credential: 'two_factor_credential_wrong' });
    await expectAppError(disableTwoFactor(viewer, { credential: '' }), 'validation', { credential: 'required' });
    const db = await getDb();
    expect(await db.select({ result: loginAttempts.result }).from(loginAttempts).where(and(eq(loginAttempts.username, user.username.toLowerCase()), eq(loginAttempts.result, 'failure')))).toHaveLength(1);
    await disableTwoFactor(viewer, { credential: user.password });
    expect(await getTwoFactorStatus(viewer)).toMatchObject({ enabledAt: null, enrolment: null });
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toEqual([]);
    expect(await authenticate({ username: user.username, password: user.password, ip: uniqueIp() })).toMatchObject({ ok: true });
    expect(await auditActions(user.id, ['two_factor.disable'])).toHaveLength(1);
    await expectAppError(disableTwoFactor(viewer, { credential: user.password }), 'conflict');

    const again = await enrolled(user);
    await disableTwoFactor(again.viewer, { credential: totpCodeAt(again.secret, Date.now() + STEP_MS) });
    expect((await getTwoFactorStatus(viewer)).enabledAt).toBeNull();
  });
});

describe("an administrator's reset", () => {
  test('removes the second factor, ends every session of the account, and is audited', async () => {
    const admin = await createAdmin();
    const { user } = await enrolled(await createEditor());
    const sid = await openSession({ userId: user.id, sessionVersion: user.sessionVersion, ip: null, userAgent: null });
    const claims = { ...sessionClaimsFor(user), sid };
    expect(await viewerFromSession(claims)).not.toBeNull();
    const pending = await passwordStep(user);
    expect((await getUser(admin.viewer, user.id)).twoFactorEnabledAt).toBeInstanceOf(Date);

    await resetTwoFactor({ ...admin.viewer, ip: '203.0.113.9' }, user.id);
    expect(await viewerFromSession(claims)).toBeNull();
    expect(await viewerFromSession(sessionClaimsFor(user))).toBeNull();
    expect((await getUser(admin.viewer, user.id)).twoFactorEnabledAt).toBeNull();
    expect(await completeSecondFactor({ challenge: pending, code: '123456', ip: uniqueIp() })).toEqual({ ok: false, reason: 'challenge_expired' });
    const db = await getDb();
    const [row] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'two_factor.admin_reset'), eq(auditLog.targetId, String(user.id))));
    expect(row).toMatchObject({ actorId: admin.id, ip: '203.0.113.9', targetType: 'user' });
    // The password alone signs in again.
    expect(await authenticate({ username: user.username, password: user.password, ip: uniqueIp() })).toMatchObject({ ok: true });
    await expectAppError(resetTwoFactor(admin.viewer, user.id), 'conflict');
  });

  test('only administrators, never their own, and an unknown account is not found', async () => {
    const [admin, editor] = await Promise.all([createAdmin(), createEditor()]);
    const { user } = await enrolled(await createCorrespondent());
    await expectAppError(resetTwoFactor(editor.viewer, user.id), 'forbidden');
    await expectAppError(resetTwoFactor(user.viewer, user.id), 'forbidden');
    await expectAppError(resetTwoFactor(admin.viewer, admin.id), 'forbidden', { form: 'cannot_reset_own_two_factor' });
    await expectAppError(resetTwoFactor(admin.viewer, 2_000_000_000), 'not_found');
  });
});

describe('the site requires two-factor', () => {
  test('editors without it must enrol before anything else; correspondents are untouched; once enrolled it cannot be turned off', async () => {
    const admin = await createAdmin();
    const [editor, correspondent] = await Promise.all([createEditor(), createCorrespondent()]);
    const { security } = await getSiteSettings();
    await updateSettings(admin.viewer, 'security', { ...security, twoFactorRequiredFor: 'editors' });

    const gated = (await viewerFromSession(sessionClaimsFor(editor)))!;
    expect(gated).toMatchObject({ id: editor.id, mustEnrollTwoFactor: true });
    expect(await viewerFromSession(sessionClaimsFor(correspondent))).toMatchObject({ mustEnrollTwoFactor: false });
    // The administrator who set it is held to it too.
    expect(await viewerFromSession(sessionClaimsFor(admin))).toMatchObject({ mustEnrollTwoFactor: true });
    await expectAppError(listQueueFilterOptions(gated), 'two_factor_required');
    expect(await getTwoFactorStatus(gated)).toMatchObject({ isRequired: true, enabledAt: null });

    const { viewer, secret } = await enrolled(editor);
    expect(await viewerFromSession(sessionClaimsFor(editor))).toMatchObject({ mustEnrollTwoFactor: false });
    await expectAppError(disableTwoFactor(viewer, { credential: editor.password }), 'forbidden', { form: 'two_factor_required_by_site' });
    expect((await getTwoFactorStatus(viewer)).enabledAt).toBeInstanceOf(Date);
    expect(secret).toBeTruthy();

    await updateSettings(admin.viewer, 'security', { ...security, twoFactorRequiredFor: 'nobody' });
    expect(await viewerFromSession(sessionClaimsFor(admin))).toMatchObject({ mustEnrollTwoFactor: false });
  });

  test('a reset sends the user back to enrolment at the next sign-in', async () => {
    const admin = await createAdmin();
    const { user } = await enrolled(await createEditor());
    const { security } = await getSiteSettings();
    await updateSettings(admin.viewer, 'security', { ...security, twoFactorRequiredFor: 'editors' });
    await resetTwoFactor(admin.viewer, user.id);
    const outcome = await authenticate({ username: user.username, password: user.password, ip: uniqueIp() });
    expect(outcome).toMatchObject({ ok: true });
    const db = await getDb();
    const [row] = await db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, user.id));
    expect(await viewerFromSession(sessionClaimsFor({ id: user.id, sessionVersion: row!.sessionVersion }))).toMatchObject({ mustEnrollTwoFactor: true });
  });
});
