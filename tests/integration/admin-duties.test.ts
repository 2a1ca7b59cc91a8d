import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { listAuditTrail } from '@/lib/audit-trail';
import { getSecurityOverview, setSecurityProfile } from '@/lib/security';
import { signOutEverywhere } from '@/lib/sessions';
import { getSettingsForAdmin, updateSettings } from '@/lib/settings';
import { createUser, getUser, listUsers, updateUser } from '@/lib/users';
import { createAdmin, createEditor, expectAppError, uniqueToken } from '../support/factories';

// 三员分立 through lib/: each administrator duty opens its part and nothing
// of the others', whatever page or form the request came from.

describe('administrator duties', () => {
  test('an administrator made as before holds all three duties and does everything administrators did', async () => {
    const admin = await createAdmin();
    expect(admin.viewer.adminDuties).toEqual(['system', 'security', 'audit']);
    await expect(listUsers(admin.viewer)).resolves.toBeTruthy();
    await expect(listAuditTrail(admin.viewer, {})).resolves.toBeTruthy();
    await expect(getSecurityOverview(admin.viewer)).resolves.toMatchObject({ canSwitch: true });
  });

  test('the system administrator runs accounts and the site, and may neither read the trail nor touch the security policy', async () => {
    const system = await createAdmin({ adminDuties: ['system'] });
    const editor = await createEditor();
    await expect(updateUser(system.viewer, editor.id, { displayName: '改名的编辑', role: 'editor' })).resolves.toMatchObject({ displayName: '改名的编辑' });
    await expect(getSettingsForAdmin(system.viewer)).resolves.toBeTruthy();
    await expectAppError(listAuditTrail(system.viewer, {}), 'forbidden');
    await expectAppError(updateSettings(system.viewer, 'security', { sessionIdleMinutes: 30, sessionAbsoluteHours: 8, twoFactorRequiredFor: 'nobody' }), 'forbidden');
    await expectAppError(setSecurityProfile(system.viewer, 'dengbao3'), 'forbidden');
    await expectAppError(signOutEverywhere(system.viewer, editor.id), 'forbidden');
  });

  test('the security administrator runs the security policy and sign-outs, and may neither change accounts nor read the trail', async () => {
    const security = await createAdmin({ adminDuties: ['security'] });
    const editor = await createEditor();
    await expect(listUsers(security.viewer)).resolves.toBeTruthy();
    await expect(signOutEverywhere(security.viewer, editor.id)).resolves.toBeUndefined();
    await expectAppError(updateUser(security.viewer, editor.id, { displayName: '不该改', role: 'admin' }), 'forbidden');
    await expectAppError(updateSettings(security.viewer, 'site', { name: '不该改', baseUrl: '', timeZone: 'Asia/Shanghai', defaultSource: '', logoMediaId: null }), 'forbidden');
    await expectAppError(listAuditTrail(security.viewer, {}), 'forbidden');
    await expect(getSecurityOverview(security.viewer)).resolves.toMatchObject({ canSwitch: true });
  });

  test('the audit administrator reads the trail and the controls, and nothing else', async () => {
    const audit = await createAdmin({ adminDuties: ['audit'] });
    const editor = await createEditor();
    await expect(listAuditTrail(audit.viewer, {})).resolves.toBeTruthy();
    await expect(getSecurityOverview(audit.viewer)).resolves.toMatchObject({ canSwitch: false });
    await expectAppError(listUsers(audit.viewer), 'forbidden');
    await expectAppError(getUser(audit.viewer, editor.id), 'forbidden');
    await expectAppError(getSettingsForAdmin(audit.viewer), 'forbidden');
    await expectAppError(setSecurityProfile(audit.viewer, 'dengbao3'), 'forbidden');
  });

  test('duties: changed by the system administrator (ending the sessions, on the trail), never one\'s own, only for administrators', async () => {
    const system = await createAdmin({ adminDuties: ['system'] });
    const other = await createAdmin();
    const db = await getDb();
    const [before] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, other.id));
    await updateUser(system.viewer, other.id, { displayName: 'x', role: 'admin', adminDuties: ['audit'] });
    const [after] = await db.select({ sv: users.sessionVersion, duties: users.adminDuties }).from(users).where(eq(users.id, other.id));
    expect(after).toEqual({ sv: before!.sv + 1, duties: ['audit'] });
    const trail = await db.select({ action: auditLog.action, meta: auditLog.meta }).from(auditLog).where(eq(auditLog.targetId, String(other.id)));
    expect(trail.find((r) => r.action === 'user.duties_change')?.meta).toMatchObject({ from: { adminDuties: ['system', 'security', 'audit'] }, to: { adminDuties: ['audit'] } });

    await expectAppError(updateUser(system.viewer, system.id, { displayName: 'x', role: 'admin', adminDuties: ['system', 'audit'] }), 'validation');
    await expectAppError(updateUser(system.viewer, other.id, { displayName: 'x', role: 'admin', adminDuties: [] }), 'validation');
    const editor = await createUser(system.viewer, { username: `ed${uniqueToken().slice(0, 8)}`.toLowerCase(), displayName: '编辑', role: 'editor', adminDuties: ['audit'], password: 'a-long-enough-password' });
    expect(editor.user.adminDuties).toEqual([]);
  });

  test('the profile cannot go on while an administrator combines duties, and says so', async () => {
    const security = await createAdmin({ adminDuties: ['security'] });
    await createAdmin();
    await expectAppError(setSecurityProfile(security.viewer, 'dengbao3'), 'validation');
    const overview = await getSecurityOverview(security.viewer);
    expect(overview.profile).toBe('none');
    expect(overview.blockers.combined.length).toBeGreaterThan(0);
    await expectAppError(setSecurityProfile(security.viewer, 'anything'), 'validation');
  });
});
