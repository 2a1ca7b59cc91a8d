import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { systemActor } from '@/lib/actors';
import { authenticate } from '@/lib/auth/login';
import { changeOwnPassword, createUser, getOwnProfile, getUser, listUsers, resetUserPassword, setUserDisabled, updateUser, updateOwnProfile } from '@/lib/users';
import type { Viewer } from '@/lib/viewer';
import {
  createAdmin,
  createColumn,
  createCorrespondent,
  createEditor,
  createUnit,
  expectAppError,
  TEST_PASSWORD,
  uniqueIp,
  uniqueToken,
  uniqueUsername,
} from '../support/factories';

async function userRow(id: number) {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row!;
}

describe('createUser', () => {
  test('creates an account that must change its first password, recorded in the audit trail', async () => {
    const unit = await createUnit();
    const username = uniqueUsername('new');
    const { user, generatedPassword } = await createUser(systemActor, {
      username,
      displayName: '张三',
      role: 'correspondent',
      unitId: unit.id,
      password: 'first-password-1',
    });
    expect(generatedPassword).toBeNull();
    expect(user).toMatchObject({ username, displayName: '张三', role: 'correspondent', unitId: unit.id, unitName: unit.name, mustChangePassword: true, disabledAt: null });
    expect(user).not.toHaveProperty('passwordHash');

    const db = await getDb();
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, 'user.create'), eq(auditLog.targetId, String(user.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, targetType: 'user', meta: { username, role: 'correspondent', via: 'cli' } });
  });

  test('records the administrator who created an account from the web', async () => {
    const admin = await createAdmin();
    const { user } = await createUser(admin.viewer, { username: uniqueUsername('web'), displayName: 'Editor', role: 'editor', password: TEST_PASSWORD });
    const row = await userRow(user.id);
    expect(row.createdById).toBe(admin.id);
    const db = await getDb();
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'user.create'), eq(auditLog.targetId, String(user.id))));
    expect(audit).toMatchObject({ actorId: admin.id, meta: { via: 'web' } });
  });

  test('refuses a username already taken, whatever its case', async () => {
    const base = `Dup_${uniqueToken()}`;
    await createUser(systemActor, { username: base, displayName: 'First', role: 'editor', password: TEST_PASSWORD });
    await expectAppError(
      createUser(systemActor, { username: base.toLowerCase(), displayName: 'Second', role: 'editor', password: TEST_PASSWORD }),
      'validation',
      { username: 'username_taken' },
    );
    await expectAppError(
      createUser(systemActor, { username: base.toUpperCase(), displayName: 'Third', role: 'admin', password: TEST_PASSWORD }),
      'validation',
      { username: 'username_taken' },
    );
  });

  test('refuses a weak password', async () => {
    await expectAppError(
      createUser(systemActor, { username: uniqueUsername('weak'), displayName: 'Weak', role: 'editor', password: 'short' }),
      'validation',
      { password: 'password_too_short' },
    );
    await expectAppError(
      createUser(systemActor, { username: uniqueUsername('weak'), displayName: 'Weak', role: 'editor', password: '密码九个字符不够' }),
      'validation',
      { password: 'password_too_short' },
    );
  });

  test('refuses a password equal to the username, ignoring case', async () => {
    const username = `same_${uniqueToken()}`;
    await expectAppError(
      createUser(systemActor, { username, displayName: 'Same', role: 'editor', password: username.toUpperCase() }),
      'validation',
      { password: 'password_same_as_username' },
    );
  });

  test('refuses a correspondent without a unit', async () => {
    await expectAppError(
      createUser(systemActor, { username: uniqueUsername('nou'), displayName: 'No unit', role: 'correspondent', password: TEST_PASSWORD }),
      'validation',
      { unitId: 'unit_required' },
    );
  });

  test('refuses an unknown or malformed unit', async () => {
    await expectAppError(
      createUser(systemActor, { username: uniqueUsername('unk'), displayName: 'Unknown unit', role: 'correspondent', unitId: 2_000_000_000, password: TEST_PASSWORD }),
      'validation',
      { unitId: 'unit_unknown' },
    );
    await expectAppError(
      createUser(systemActor, { username: uniqueUsername('unk'), displayName: 'Bad unit', role: 'editor', unitId: '-3', password: TEST_PASSWORD }),
      'validation',
      { unitId: 'unit_unknown' },
    );
  });

  test('refuses a malformed username and an unknown role', async () => {
    await expectAppError(createUser(systemActor, { username: '张三', displayName: 'x', role: 'editor', password: TEST_PASSWORD }), 'validation', {
      username: 'username_format',
    });
    await expectAppError(
      createUser(systemActor, { username: uniqueUsername('role'), displayName: 'x', role: 'superuser', password: TEST_PASSWORD }),
      'validation',
      { role: 'role_unknown' },
    );
  });

  test('generates a first password when none is typed, returns it once, and it signs in', async () => {
    const username = uniqueUsername('gen');
    const { user, generatedPassword } = await createUser(systemActor, { username, displayName: 'Generated', role: 'editor', password: '' });
    expect(generatedPassword).toMatch(/^[abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789]{14}$/);
    expect(user.mustChangePassword).toBe(true);
    const outcome = await authenticate({ username, password: generatedPassword, ip: uniqueIp() });
    expect(outcome).toEqual({ ok: true, user: { id: user.id, sessionVersion: 1 } });
  });

  test('is for administrators only', async () => {
    const editor = await createEditor();
    const correspondent = await createCorrespondent();
    const input = { username: uniqueUsername('x'), displayName: 'x', role: 'editor', password: TEST_PASSWORD };
    await expectAppError(createUser(editor.viewer, input), 'forbidden');
    await expectAppError(createUser(correspondent.viewer, input), 'forbidden');
    await expectAppError(createUser(null as unknown as Viewer, input), 'unauthorized');
  });
});

describe('listUsers', () => {
  test('filters by text, role, unit and disabled state', async () => {
    const token = uniqueToken();
    const unit = await createUnit();
    const otherUnit = await createUnit();
    const admin = await createAdmin();
    const active = await createCorrespondent({ unit, username: `lc_${token}_a`, displayName: `活跃 ${token}` });
    const disabled = await createCorrespondent({ unit, username: `lc_${token}_b` });
    const elsewhere = await createCorrespondent({ unit: otherUnit, username: `lc_${token}_c` });
    const editor = await createEditor({ username: `le_${uniqueToken()}`, displayName: `Editor ${token}` });
    await setUserDisabled(admin.viewer, disabled.id, true);

    const ids = async (filters: Parameters<typeof listUsers>[1]) => (await listUsers(admin.viewer, filters)).rows.map((r) => r.id).sort();
    const sorted = (...list: number[]) => list.sort();

    // Text matches username or display name, case-insensitively; active only by default.
    expect(await ids({ q: token })).toEqual(sorted(active.id, elsewhere.id, editor.id));
    expect(await ids({ q: token.toUpperCase() })).toEqual(sorted(active.id, elsewhere.id, editor.id));
    expect(await ids({ q: `活跃 ${token}` })).toEqual([active.id]);
    expect(await ids({ q: token, status: 'all' })).toEqual(sorted(active.id, disabled.id, elsewhere.id, editor.id));
    expect(await ids({ q: token, status: 'disabled' })).toEqual([disabled.id]);
    expect(await ids({ q: token, role: 'editor' })).toEqual([editor.id]);
    expect(await ids({ q: token, role: 'correspondent', status: 'all' })).toEqual(sorted(active.id, disabled.id, elsewhere.id));
    expect(await ids({ unitId: unit.id, status: 'all' })).toEqual(sorted(active.id, disabled.id));
    expect(await ids({ unitId: unit.id })).toEqual([active.id]);
    expect(await ids({ unitId: otherUnit.id, role: 'editor' })).toEqual([]);

    const [row] = (await listUsers(admin.viewer, { q: active.username })).rows;
    expect(row).toMatchObject({ username: active.username, unitId: unit.id, unitName: unit.name });
    expect(row).not.toHaveProperty('passwordHash');
  });

  test('treats % and _ in the search text literally', async () => {
    const admin = await createAdmin();
    const result = await listUsers(admin.viewer, { q: '%', status: 'all' });
    for (const row of result.rows) expect(`${row.username} ${row.displayName}`).toContain('%');
  });

  test('paginates, newest first, with the total', async () => {
    const token = uniqueToken();
    const admin = await createAdmin();
    const first = await createEditor({ username: `pg_${token}_1` });
    const second = await createEditor({ username: `pg_${token}_2` });
    const third = await createEditor({ username: `pg_${token}_3` });
    const page1 = await listUsers(admin.viewer, { q: `pg_${token}`, pageSize: 2 });
    const page2 = await listUsers(admin.viewer, { q: `pg_${token}`, pageSize: 2, page: 2 });
    expect(page1.total).toBe(3);
    expect(page1.rows.map((r) => r.id)).toEqual([third.id, second.id]);
    expect(page2.rows.map((r) => r.id)).toEqual([first.id]);
  });

  test('refuses anyone but an administrator', async () => {
    const editor = await createEditor();
    const correspondent = await createCorrespondent();
    await expectAppError(listUsers(editor.viewer), 'forbidden');
    await expectAppError(listUsers(correspondent.viewer), 'forbidden');
    await expectAppError(listUsers(null as unknown as Viewer), 'unauthorized');
    await expectAppError(getUser(editor.viewer, editor.id), 'forbidden');
  });

  test('refuses an administrator who has not changed the first password', async () => {
    const admin = await createAdmin({ mustChangePassword: true });
    await expectAppError(listUsers(admin.viewer), 'password_change_required');
  });
});

describe('account administration', () => {
  test('an administrator cannot disable their own account', async () => {
    const admin = await createAdmin();
    await expectAppError(setUserDisabled(admin.viewer, admin.id, true), 'forbidden');
    expect((await userRow(admin.id)).disabledAt).toBeNull();
  });

  test('an administrator cannot change their own role but may edit their own name', async () => {
    const admin = await createAdmin();
    await expectAppError(updateUser(admin.viewer, admin.id, { displayName: 'Me', role: 'editor' }), 'validation', { role: 'cannot_change_own_role' });
    expect((await userRow(admin.id)).role).toBe('admin');
    const updated = await updateUser(admin.viewer, admin.id, { displayName: '管理员', role: 'admin' });
    expect(updated).toMatchObject({ displayName: '管理员', role: 'admin' });
    expect((await userRow(admin.id)).sessionVersion).toBe(admin.sessionVersion);
  });

  test('disabling and enabling another account', async () => {
    const admin = await createAdmin();
    const editor = await createEditor();
    const disabled = await setUserDisabled(admin.viewer, editor.id, true);
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    // Told so, after the right password only (lib/auth/login.ts).
    expect(await authenticate({ username: editor.username, password: editor.password, ip: uniqueIp() })).toEqual({ ok: false, reason: 'disabled' });
    const enabled = await setUserDisabled(admin.viewer, editor.id, false);
    expect(enabled.disabledAt).toBeNull();
    expect((await authenticate({ username: editor.username, password: editor.password, ip: uniqueIp() })).ok).toBe(true);
  });

  test('changing a role requires a unit for a correspondent', async () => {
    const admin = await createAdmin();
    const editor = await createEditor();
    await expectAppError(updateUser(admin.viewer, editor.id, { displayName: 'x', role: 'correspondent' }), 'validation', { unitId: 'unit_required' });
    const unit = await createUnit();
    const updated = await updateUser(admin.viewer, editor.id, { displayName: 'x', role: 'correspondent', unitId: unit.id });
    expect(updated).toMatchObject({ role: 'correspondent', unitId: unit.id });
  });

  test('resetting a password: generated, must be changed, the old one stops working', async () => {
    const admin = await createAdmin();
    const editor = await createEditor();
    const { generatedPassword } = await resetUserPassword(admin.viewer, editor.id);
    expect(generatedPassword).toHaveLength(14);
    expect(await authenticate({ username: editor.username, password: editor.password, ip: uniqueIp() })).toEqual({ ok: false, reason: 'invalid' });
    expect((await authenticate({ username: editor.username, password: generatedPassword, ip: uniqueIp() })).ok).toBe(true);
    expect((await userRow(editor.id)).mustChangePassword).toBe(true);
  });

  test('resetting to a typed password checks the rules against the account name', async () => {
    const admin = await createAdmin();
    const editor = await createEditor();
    await expectAppError(resetUserPassword(admin.viewer, editor.id, editor.username.toUpperCase()), 'validation', { password: 'password_same_as_username' });
    expect(await resetUserPassword(admin.viewer, editor.id, 'a-typed-password')).toEqual({ generatedPassword: null });
  });

  test('acting on a missing account is not_found', async () => {
    const admin = await createAdmin();
    await expectAppError(setUserDisabled(admin.viewer, 2_000_000_000, true), 'not_found');
    await expectAppError(getUser(admin.viewer, 2_000_000_000), 'not_found');
  });
});

describe('changeOwnPassword', () => {
  const NEW_PASSWORD = 'a-brand-new-password';

  test('refuses a wrong current password', async () => {
    const user = await createEditor();
    await expectAppError(
      changeOwnPassword(user.viewer, { currentPassword: 'not-the-password', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
      'validation',
      { currentPassword: 'password_wrong' },
    );
  });

  test('refuses a confirmation that does not match', async () => {
    const user = await createEditor();
    await expectAppError(
      changeOwnPassword(user.viewer, { currentPassword: user.password, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` }),
      'validation',
      { confirmPassword: 'password_mismatch' },
    );
  });

  test('refuses the same password again', async () => {
    const user = await createEditor();
    await expectAppError(
      changeOwnPassword(user.viewer, { currentPassword: user.password, newPassword: user.password, confirmPassword: user.password }),
      'validation',
      { newPassword: 'password_unchanged' },
    );
  });

  test('refuses a weak new password or the username', async () => {
    const user = await createEditor();
    await expectAppError(changeOwnPassword(user.viewer, { currentPassword: user.password, newPassword: 'short', confirmPassword: 'short' }), 'validation', {
      newPassword: 'password_too_short',
    });
    const same = user.username.toUpperCase();
    await expectAppError(changeOwnPassword(user.viewer, { currentPassword: user.password, newPassword: same, confirmPassword: same }), 'validation', {
      newPassword: 'password_same_as_username',
    });
  });

  test('succeeds for a user who must change the first password, clears the flag and ends other sessions', async () => {
    const unit = await createUnit();
    const user = await createCorrespondent({ unit, mustChangePassword: true });
    // The one thing such a user may do; everything else is refused.
    await expectAppError(getOwnProfile(user.viewer), 'password_change_required');

    await changeOwnPassword(user.viewer, { currentPassword: user.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });

    const row = await userRow(user.id);
    expect(row.mustChangePassword).toBe(false);
    expect(row.sessionVersion).toBe(user.sessionVersion + 1);
    expect(row.passwordChangedAt).toBeInstanceOf(Date);
    expect(await authenticate({ username: user.username, password: user.password, ip: uniqueIp() })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate({ username: user.username, password: NEW_PASSWORD, ip: uniqueIp() })).toEqual({
      ok: true,
      user: { id: user.id, sessionVersion: user.sessionVersion + 1 },
    });
    const db = await getDb();
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, 'user.change_own_password'), eq(auditLog.targetId, String(user.id))));
    expect(audit).toHaveLength(1);
  });
});

describe('own profile', () => {
  test('a user reads and edits their own name and contact details', async () => {
    const unit = await createUnit();
    const user = await createCorrespondent({ unit });
    await updateOwnProfile(user.viewer, { displayName: '李四', email: 'li@example.cn', phone: '023-12345678' });
    expect(await getOwnProfile(user.viewer)).toEqual({
      username: user.username,
      displayName: '李四',
      email: 'li@example.cn',
      phone: '023-12345678',
      role: 'correspondent',
      unitName: unit.name,
    });
    await expectAppError(updateOwnProfile(user.viewer, { displayName: ' ', email: 'not-an-email' }), 'validation', {
      displayName: 'required',
      email: 'email_format',
    });
  });
});

describe("an editor's column scope", () => {
  test('is set and changed by an administrator, checked against the columns, audited, and kept when a form leaves it out', async () => {
    const admin = await createAdmin();
    const [a, b] = await Promise.all([createColumn(), createColumn()]);
    const { user } = await createUser(admin.viewer, { username: uniqueUsername('scoped'), displayName: '栏目编辑', role: 'editor', columnIds: [b.id, a.id, a.id], password: 'Scoped-editor-2026' });
    expect(user.columnIds).toEqual([a.id, b.id].sort((x, y) => x - y));
    await expectAppError(updateUser(admin.viewer, user.id, { displayName: '栏目编辑', role: 'editor', columnIds: [2_000_000_000] }), 'validation', { columnIds: 'column_unknown' });
    let changed = await updateUser(admin.viewer, user.id, { displayName: '栏目编辑', role: 'editor', columnIds: [a.id] });
    expect(changed.columnIds).toEqual([a.id]);
    // Left out: kept.
    changed = await updateUser(admin.viewer, user.id, { displayName: '栏目编辑甲', role: 'editor' });
    expect(changed.columnIds).toEqual([a.id]);
    // None ticked: every column again.
    changed = await updateUser(admin.viewer, user.id, { displayName: '栏目编辑甲', role: 'editor', columnIds: [] });
    expect(changed.columnIds).toBeNull();
    const db = await getDb();
    const rows = await db.select({ meta: auditLog.meta }).from(auditLog).where(and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, String(user.id)), eq(auditLog.action, 'user.update')));
    expect(rows.some((r) => JSON.stringify(r.meta).includes(`"columnIds":[${a.id}]`))).toBe(true);
  });

  test('only editors carry one', async () => {
    const admin = await createAdmin();
    const column = await createColumn();
    const { user } = await createUser(admin.viewer, { username: uniqueUsername('corr'), displayName: '通讯员', role: 'correspondent', unitId: (await createUnit()).id, columnIds: [column.id], password: 'Scoped-editor-2026' });
    expect(user.columnIds).toBeNull();
  });
});
