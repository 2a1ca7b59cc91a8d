import { beforeEach, describe, expect, test } from 'vitest';
import { systemActor } from '@/lib/actors';
import type { SessionClaims } from '@/lib/auth/config';
import { authenticate } from '@/lib/auth/login';
import { clearSettingsCache, getSiteSettings } from '@/lib/settings';
import { changeOwnPassword, resetUserPassword, setUserDisabled, updateUser } from '@/lib/users';
import { viewerFromSession } from '@/lib/auth/session-viewer';
import { createAdmin, createCorrespondent, createEditor, createUnit, sessionClaimsFor, uniqueIp } from '../support/factories';

// A session as lib/auth issues it: sign in, then take the claims.
async function signIn(user: { username: string; password: string }, atMs = Date.now()): Promise<SessionClaims> {
  const outcome = await authenticate({ username: user.username, password: user.password, ip: uniqueIp() });
  if (!outcome.ok) throw new Error(`sign-in failed: ${outcome.reason}`);
  return sessionClaimsFor(outcome.user, atMs);
}

beforeEach(() => clearSettingsCache());

describe('viewerFromSession', () => {
  test('valid claims give the viewer, read from the database', async () => {
    const unit = await createUnit();
    const user = await createCorrespondent({ unit, displayName: '王五' });
    const viewer = await viewerFromSession(await signIn(user));
    expect(viewer).toEqual({
      id: user.id,
      username: user.username,
      adminDuties: [],
      displayName: '王五',
      role: 'correspondent',
      unitId: unit.id,
      columnIds: null,
      mustChangePassword: false,
      mustEnrollTwoFactor: false,
    });
  });

  test('a user who must change the first password still has a session, flagged', async () => {
    const user = await createEditor({ mustChangePassword: true });
    expect(await viewerFromSession(await signIn(user))).toMatchObject({ id: user.id, mustChangePassword: true });
  });

  test('missing or malformed claims are no session', async () => {
    const user = await createEditor();
    const good = await signIn(user);
    const cases: (SessionClaims | null)[] = [
      null,
      {},
      { ...good, user: undefined },
      { ...good, user: { id: 'abc' } },
      { ...good, user: { id: '0' } },
      { ...good, user: { id: '-1' } },
      { ...good, user: { id: '1.5' } },
      { ...good, user: { id: '2000000000' } },
      { ...good, sv: undefined },
      { ...good, sv: '1' as unknown as number },
      { ...good, loginAt: undefined },
      { ...good, idleFrom: undefined },
    ];
    for (const claims of cases) expect(await viewerFromSession(claims)).toBeNull();
    expect(await viewerFromSession(good)).not.toBeNull();
  });

  test('a wrong session version is no session', async () => {
    const user = await createEditor();
    const claims = await signIn(user);
    expect(await viewerFromSession({ ...claims, sv: claims.sv! + 1 })).toBeNull();
    expect(await viewerFromSession({ ...claims, sv: claims.sv! - 1 })).toBeNull();
  });

  test('disabling the account ends its sessions at once', async () => {
    const admin = await createAdmin();
    const user = await createEditor();
    const claims = await signIn(user);
    await setUserDisabled(admin.viewer, user.id, true);
    expect(await viewerFromSession(claims)).toBeNull();
    // Enabling again does not revive the old session.
    await setUserDisabled(admin.viewer, user.id, false);
    expect(await viewerFromSession(claims)).toBeNull();
    expect(await viewerFromSession(await signIn(user))).not.toBeNull();
  });

  test('a password reset by an administrator ends the sessions', async () => {
    const user = await createEditor();
    const claims = await signIn(user);
    await resetUserPassword(systemActor, user.id, 'reset-by-admin-1');
    expect(await viewerFromSession(claims)).toBeNull();
  });

  test('changing one\'s own password ends the sessions', async () => {
    const user = await createEditor();
    const claims = await signIn(user);
    await changeOwnPassword(user.viewer, { currentPassword: user.password, newPassword: 'changed-by-me-1', confirmPassword: 'changed-by-me-1' });
    expect(await viewerFromSession(claims)).toBeNull();
  });

  test('a role change ends the sessions; other edits do not', async () => {
    const admin = await createAdmin();
    const user = await createEditor();
    const claims = await signIn(user);
    await updateUser(admin.viewer, user.id, { displayName: 'Renamed editor', role: 'editor', email: 'ed@example.cn' });
    expect(await viewerFromSession(claims)).toMatchObject({ displayName: 'Renamed editor', role: 'editor' });
    await updateUser(admin.viewer, user.id, { displayName: 'Renamed editor', role: 'admin' });
    expect(await viewerFromSession(claims)).toBeNull();
    expect(await viewerFromSession(await signIn(user))).toMatchObject({ role: 'admin' });
  });

  test('a session idle longer than the setting is no session', async () => {
    const { security } = await getSiteSettings();
    const user = await createEditor();
    const claims = await signIn(user);
    const idleFromMs = claims.idleFrom! * 1000;
    const limitMs = security.sessionIdleMinutes * 60_000;
    expect(await viewerFromSession(claims, idleFromMs + limitMs - 1_000)).not.toBeNull();
    expect(await viewerFromSession(claims, idleFromMs + limitMs + 1_000)).toBeNull();
  });

  test('a session older than the absolute lifetime is no session, however active', async () => {
    const { security } = await getSiteSettings();
    const user = await createEditor();
    const claims = await signIn(user);
    const lifetimeMs = security.sessionAbsoluteHours * 3_600_000;
    const later = claims.loginAt! * 1000 + lifetimeMs;
    // Active a minute ago, so only the absolute limit can end it.
    const idleFrom = Math.floor((later - 60_000) / 1000);
    expect(await viewerFromSession({ ...claims, idleFrom }, later - 1_000)).not.toBeNull();
    expect(await viewerFromSession({ ...claims, idleFrom }, later + 1_000)).toBeNull();
  });
});
