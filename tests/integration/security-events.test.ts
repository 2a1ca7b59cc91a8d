import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getDb, queryRows, type Db } from '@/db/client';
import { recordAudit, recordStatsExport } from '@/lib/audit';
import { auditOutcomeOf, SECURITY_EVENTS, type AuditLogAction } from '@/lib/audit-actions';
import { verifyAuditTrail } from '@/lib/audit-chain';
import { appendAuditRows } from '@/lib/audit-chain/internal/append';
import { pruneAuditTrail } from '@/lib/audit-chain/retention';
import { exportAuditTrail } from '@/lib/audit-export';
import { listAuditTrail } from '@/lib/audit-trail';
import { authenticate, type LoginOutcome } from '@/lib/auth/login';
import { completeSecondFactor } from '@/lib/auth/second-factor';
import { ACCOUNT_MAX_FAILURES } from '@/lib/auth/throttle';
import { exportReviewSheets } from '@/lib/review-sheet';
import { signOutEverywhere, signOutSession } from '@/lib/sessions';
import { closeSession, openSession } from '@/lib/sessions/internal/records';
import { getAuditSettings, updateSettings } from '@/lib/settings';
import { writeSettingsGroup } from '@/lib/settings/internal/write';
import { confirmTwoFactorEnrolment, disableTwoFactor, getTwoFactorStatus, regenerateRecoveryCodes, resetTwoFactor, startTwoFactorEnrolment } from '@/lib/two-factor';
import { totpCodeAt } from '@/lib/two-factor/totp';
import { changeOwnPassword, createUser, resetUserPassword, setUserDisabled, updateUser } from '@/lib/users';
import type { Viewer } from '@/lib/viewer';
import { createAdmin, createCorrespondent, createEditor, uniqueIp, uniqueUsername, type TestUser } from '../support/factories';
import { openFreshDatabase, type FreshDatabase } from '../support/fresh-database';

// Every security event of GB/T 22239-2019's 安全审计 (lib/audit-actions.ts
// SECURITY_EVENTS), performed through lib/ as a request would, then found in
// the trail with the account, the address, the event and its outcome.

// What a performed event must have left: the account is its id, or the name
// typed for one that does not exist; null for the system (the retention job).
type Expected = { action: AuditLogAction; outcome: 'success' | 'failure'; account: number | string | null; ip: string | null; db?: Db };

const performed: Expected[] = [];
let fresh: FreshDatabase;

function acting(user: TestUser, ip = uniqueIp()): Viewer {
  return { ...user.viewer, ip };
}

function expectOutcome(outcome: LoginOutcome, ok: boolean | 'second_factor'): LoginOutcome {
  if (ok === 'second_factor') expect(outcome).toMatchObject({ ok: false, reason: 'second_factor' });
  else expect(outcome.ok).toBe(ok);
  return outcome;
}

async function rejects(work: Promise<unknown>): Promise<void> {
  await expect(work).rejects.toThrow();
}

beforeAll(async () => {
  const admin = await createAdmin();
  const adminIp = uniqueIp();
  const asAdmin = acting(admin, adminIp);

  // Sign-in: success, a wrong password, an unknown name.
  const user = await createCorrespondent();
  let ip = uniqueIp();
  expectOutcome(await authenticate({ username: user.username, password: user.password, ip }), true);
  performed.push({ action: 'login.success', outcome: 'success', account: user.id, ip });
  ip = uniqueIp();
  expectOutcome(await authenticate({ username: user.username, password: 'not-the-password', ip }), false);
  performed.push({ action: 'login.failure', outcome: 'failure', account: user.id, ip });
  const nobody = uniqueUsername('nobody');
  ip = uniqueIp();
  await authenticate({ username: nobody, password: 'not-the-password', ip });
  performed.push({ action: 'login.failure', outcome: 'failure', account: nobody, ip });

  // Lockout, then a refused attempt with the right password.
  const locked = await createEditor();
  ip = uniqueIp();
  for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) await authenticate({ username: locked.username, password: 'not-the-password', ip });
  performed.push({ action: 'login.lockout', outcome: 'failure', account: locked.id, ip });
  expectOutcome(await authenticate({ username: locked.username, password: locked.password, ip }), false);
  performed.push({ action: 'login.refused', outcome: 'failure', account: locked.id, ip });

  // Second factor: enrolment failed and done, a wrong code and a recovery code at sign-in,
  // new recovery codes, turned off, reset by an administrator.
  const second = await createEditor();
  ip = uniqueIp();
  const viewer = acting(second, ip);
  await startTwoFactorEnrolment(viewer);
  const secret = new URL((await getTwoFactorStatus(viewer)).enrolment!.uri).searchParams.get('secret')!;
  const wrong = String((Number(totpCodeAt(secret, Date.now())) + 7) % 1_000_000).padStart(6, '0');
  await rejects(confirmTwoFactorEnrolment(viewer, { code: wrong }));
  performed.push({ action: 'two_factor.enable_failure', outcome: 'failure', account: second.id, ip });
  const { recoveryCodes } = await confirmTwoFactorEnrolment(viewer, { code: totpCodeAt(secret, Date.now()) });
  performed.push({ action: 'two_factor.enable', outcome: 'success', account: second.id, ip });
  ip = uniqueIp();
  const outcome = expectOutcome(await authenticate({ username: second.username, password: second.password, ip }), 'second_factor');
  const challenge = (outcome as { challenge: string }).challenge;
  expect(await completeSecondFactor({ challenge, code: wrong, ip })).toMatchObject({ ok: false });
  performed.push({ action: 'login.second_factor_failure', outcome: 'failure', account: second.id, ip });
  expect(await completeSecondFactor({ challenge, code: recoveryCodes[0], ip })).toMatchObject({ ok: true });
  performed.push({ action: 'login.recovery_code_use', outcome: 'success', account: second.id, ip });
  ip = uniqueIp();
  // A code not used yet: the enrolment's was, and a code works once.
  const fresher = totpCodeAt(secret, Date.now() + 30_000);
  await regenerateRecoveryCodes(acting(second, ip), { code: fresher });
  performed.push({ action: 'two_factor.recovery_codes_regenerate', outcome: 'success', account: second.id, ip });
  ip = uniqueIp();
  await disableTwoFactor(acting(second, ip), { credential: second.password });
  performed.push({ action: 'two_factor.disable', outcome: 'success', account: second.id, ip });
  const reset = await createEditor();
  const resetViewer = acting(reset);
  await startTwoFactorEnrolment(resetViewer);
  const resetSecret = new URL((await getTwoFactorStatus(resetViewer)).enrolment!.uri).searchParams.get('secret')!;
  await confirmTwoFactorEnrolment(resetViewer, { code: totpCodeAt(resetSecret, Date.now()) });
  await resetTwoFactor(asAdmin, reset.id);
  performed.push({ action: 'two_factor.admin_reset', outcome: 'success', account: admin.id, ip: adminIp });

  // Signing out: the portal's button, one of my sessions, everywhere (by an administrator).
  const leaving = await createCorrespondent();
  ip = uniqueIp();
  const sid = await openSession({ userId: leaving.id, sessionVersion: leaving.sessionVersion, ip, userAgent: null });
  await closeSession({ sessionId: sid, userId: leaving.id, ip });
  performed.push({ action: 'login.sign_out', outcome: 'success', account: leaving.id, ip });
  const other = await openSession({ userId: leaving.id, sessionVersion: leaving.sessionVersion, ip, userAgent: null });
  ip = uniqueIp();
  await signOutSession(acting(leaving, ip), other);
  performed.push({ action: 'session.sign_out', outcome: 'success', account: leaving.id, ip });
  await signOutEverywhere(asAdmin, leaving.id);
  performed.push({ action: 'user.sign_out_everywhere', outcome: 'success', account: admin.id, ip: adminIp });

  // Passwords: changed, a wrong current one, reset by an administrator.
  const owner = await createEditor();
  ip = uniqueIp();
  await rejects(changeOwnPassword(acting(owner, ip), { currentPassword: 'not-the-password', newPassword: 'A-new-password-2026', confirmPassword: 'A-new-password-2026' }));
  performed.push({ action: 'user.change_own_password_failure', outcome: 'failure', account: owner.id, ip });
  await changeOwnPassword(acting(owner, ip), { currentPassword: owner.password, newPassword: 'A-new-password-2026', confirmPassword: 'A-new-password-2026' });
  performed.push({ action: 'user.change_own_password', outcome: 'success', account: owner.id, ip });
  await resetUserPassword(asAdmin, owner.id);
  performed.push({ action: 'user.reset_password', outcome: 'success', account: admin.id, ip: adminIp });

  // Permissions: an account made, its role and its duties changed, disabled and enabled.
  const { user: made } = await createUser(asAdmin, { username: uniqueUsername('made'), displayName: '新账号', role: 'editor', password: 'First-password-2026' });
  performed.push({ action: 'user.create', outcome: 'success', account: admin.id, ip: adminIp });
  await updateUser(asAdmin, made.id, { displayName: '新账号', role: 'admin', unitId: null, email: '', phone: '' });
  performed.push({ action: 'user.role_change', outcome: 'success', account: admin.id, ip: adminIp });
  await updateUser(asAdmin, made.id, { displayName: '新账号', role: 'admin', adminDuties: ['audit'], unitId: null, email: '', phone: '' });
  performed.push({ action: 'user.duties_change', outcome: 'success', account: admin.id, ip: adminIp });
  await setUserDisabled(asAdmin, made.id, true);
  performed.push({ action: 'user.disable', outcome: 'success', account: admin.id, ip: adminIp });
  await setUserDisabled(asAdmin, made.id, false);
  performed.push({ action: 'user.enable', outcome: 'success', account: admin.id, ip: adminIp });

  // Policy: a settings change (put back after).
  const kept = await getAuditSettings();
  await updateSettings(asAdmin, 'audit', { retentionDays: 3650 });
  performed.push({ action: 'settings.update', outcome: 'success', account: admin.id, ip: adminIp });
  await updateSettings(asAdmin, 'audit', { retentionDays: kept.retentionDays });

  // The trail itself: read, exported, verified (intact, then with a row
  // altered out of band and put back), and refused to someone without the permission.
  await listAuditTrail(asAdmin, {});
  performed.push({ action: 'audit.read', outcome: 'success', account: admin.id, ip: adminIp });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await exportAuditTrail(asAdmin, { from: today, to: today, format: 'xlsx' });
  performed.push({ action: 'audit.export', outcome: 'success', account: admin.id, ip: adminIp });
  await recordStatsExport(asAdmin, { format: 'csv', from: today, to: today, table: 'correspondents' });
  performed.push({ action: 'stats.export', outcome: 'success', account: admin.id, ip: adminIp });
  await exportReviewSheets(asAdmin, { from: today, to: today });
  performed.push({ action: 'review.sheet_export', outcome: 'success', account: admin.id, ip: adminIp });
  await verifyAuditTrail(asAdmin);
  performed.push({ action: 'audit.verify', outcome: 'success', account: admin.id, ip: adminIp });
  const db = await getDb();
  const [mark] = await queryRows<{ id: number; ip: string }>(db, sql`select id, ip from audit_log where action = 'login.success' and actor_id = ${user.id} order by id desc limit 1`);
  await db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
  try {
    await db.execute(sql`update audit_log set ip = '203.0.113.1' where id = ${mark!.id}`);
    await verifyAuditTrail(asAdmin);
  } finally {
    await db.execute(sql`update audit_log set ip = ${mark!.ip} where id = ${mark!.id}`);
    await db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  }
  performed.push({ action: 'audit.verify_failure', outcome: 'failure', account: admin.id, ip: adminIp });
  const reader = await createEditor();
  ip = uniqueIp();
  await rejects(verifyAuditTrail(acting(reader, ip)));
  performed.push({ action: 'audit.refused', outcome: 'failure', account: reader.id, ip });

  // Retention, on a database of its own (the shared one's oldest rows are new).
  fresh = await openFreshDatabase();
  await appendAuditRows(fresh.db, [{ actorId: null, action: 'login.failure', targetType: 'username', targetId: 'x', ip: uniqueIp(), meta: {}, createdAt: new Date(Date.now() - 400 * 86_400_000) }]);
  await recordAudit(fresh.db, { actorId: null, action: 'login.failure', targetType: 'username', targetId: 'y', ip: uniqueIp() });
  await writeSettingsGroup(fresh.db, 'audit', { retentionDays: 365 }, null);
  expect(await pruneAuditTrail(fresh.db)).toEqual({ audit_log: 1, story_events: 0 });
  performed.push({ action: 'audit.retention', outcome: 'success', account: null, ip: null, db: fresh.db });
}, 120_000);

afterAll(() => fresh?.close());

type Row = { action: string; actor_id: number | null; target_type: string | null; target_id: string | null; ip: string | null; created_at: Date | string };

async function find(expected: Expected): Promise<Row | undefined> {
  const db = expected.db ?? (await getDb());
  const who =
    expected.account === null
      ? sql`actor_id is null`
      : typeof expected.account === 'number'
        ? sql`actor_id = ${expected.account}`
        : sql`target_type = 'username' and target_id = ${expected.account.toLowerCase()}`;
  const where = expected.ip === null ? sql`ip is null` : sql`ip = ${expected.ip}`;
  const [row] = await queryRows<Row>(db, sql`select action, actor_id, target_type, target_id, ip, created_at from audit_log where action = ${expected.action} and ${who} and ${where} order by id desc limit 1`);
  return row;
}

describe('every security event is recorded with time, account, address, event type and outcome', () => {
  test.each(Object.entries(SECURITY_EVENTS))('%s', async (_event, actions) => {
    for (const action of actions) {
      const cases = performed.filter((p) => p.action === action);
      expect(cases.length, `${action} was performed`).toBeGreaterThan(0);
      for (const expected of cases) {
        const row = await find(expected);
        expect(row, `${action} by ${String(expected.account)} from ${String(expected.ip)}`).toBeDefined();
        expect(auditOutcomeOf(row!.action), action).toBe(expected.outcome);
        expect(new Date(row!.created_at).getTime()).toBeGreaterThan(Date.now() - 600_000);
        if (expected.account !== null) {
          expect(row!.actor_id !== null || row!.target_type === 'username', `${action}: an account`).toBe(true);
          expect(row!.ip, `${action}: an address`).toBeTruthy();
        }
      }
    }
  });

  test('a policy change records each field it changed with the old and the new value', async () => {
    const db = await getDb();
    const [row] = await queryRows<{ meta: unknown }>(db, sql`select meta from audit_log where action = 'settings.update' and target_id = 'audit' order by id desc limit 2`);
    const meta = (typeof row!.meta === 'string' ? JSON.parse(row!.meta) : row!.meta) as Record<string, unknown>;
    expect(meta).toMatchObject({ fields: ['retentionDays'], changes: { retentionDays: { from: 3650 } } });
  });
});
