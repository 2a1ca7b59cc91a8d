import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, userSessions } from '@/db/schema';
import { viewerFromSession } from '@/lib/auth/session-viewer';
import { listOwnSessions, signOutEverywhere, signOutOtherSessions, signOutSession } from '@/lib/sessions';
import { closeSession, LAST_SEEN_EVERY_MS, openSession } from '@/lib/sessions/internal/records';
import { changeOwnPassword } from '@/lib/users';
import type { Viewer } from '@/lib/viewer';
import { createAdmin, createCorrespondent, createEditor, expectAppError, sessionClaimsFor, type TestUser } from '../support/factories';

// A session row per sign-in (lib/sessions): the token names it, signing out
// ends it, the person sees and ends theirs, an administrator ends them all.

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

async function signedIn(user: TestUser, atMs = Date.now()) {
  const sid = await openSession({ userId: user.id, sessionVersion: user.sessionVersion, ip: '203.0.113.7', userAgent: CHROME });
  return { sid, claims: { ...sessionClaimsFor(user, atMs), sid } };
}

async function sessionRow(sid: string) {
  const db = await getDb();
  const [row] = await db.select().from(userSessions).where(eq(userSessions.id, sid));
  return row!;
}

describe('a token and its session', () => {
  test('a token naming an open session is the viewer, carrying the session; signed out, it is nobody', async () => {
    const user = await createCorrespondent();
    const { sid, claims } = await signedIn(user);
    expect(await viewerFromSession(claims)).toMatchObject({ id: user.id, sessionId: sid });
    await closeSession({ sessionId: sid, userId: user.id, ip: '198.51.100.9' });
    expect(await viewerFromSession(claims)).toBeNull();
  });

  test("an unknown session, or another account's, is nobody", async () => {
    const [user, other] = await Promise.all([createCorrespondent(), createCorrespondent()]);
    const { sid: theirs } = await signedIn(other);
    expect(await viewerFromSession({ ...sessionClaimsFor(user), sid: 'no-such-session' })).toBeNull();
    expect(await viewerFromSession({ ...sessionClaimsFor(user), sid: theirs })).toBeNull();
  });

  test('a token from before session rows (no sid) still works until its limits end it', async () => {
    const user = await createCorrespondent();
    expect(await viewerFromSession(sessionClaimsFor(user))).toMatchObject({ id: user.id });
  });

  test('"last seen" is written at most once a minute', async () => {
    const user = await createCorrespondent();
    const started = Date.now();
    const { sid, claims } = await signedIn(user, started);
    const first = (await sessionRow(sid)).lastSeenAt.getTime();
    await viewerFromSession(claims, first + 30_000);
    expect((await sessionRow(sid)).lastSeenAt.getTime()).toBe(first);
    await viewerFromSession(claims, first + LAST_SEEN_EVERY_MS + 1_000);
    expect((await sessionRow(sid)).lastSeenAt.getTime()).toBe(first + LAST_SEEN_EVERY_MS + 1_000);
  });
});

describe('my sessions', () => {
  test('listed newest first with this one marked; I sign out one, then all the others; never someone else’s', async () => {
    const [user, other] = await Promise.all([createCorrespondent(), createCorrespondent()]);
    const here = await signedIn(user);
    const phone = await signedIn(user);
    const laptop = await signedIn(user);
    const { sid: theirs } = await signedIn(other);
    const me: Viewer = { ...user.viewer, sessionId: here.sid };

    const listed = await listOwnSessions(me);
    expect(listed.map((s) => s.id).sort()).toEqual([here.sid, phone.sid, laptop.sid].sort());
    expect(listed.find((s) => s.current)?.id).toBe(here.sid);
    expect(listed[0]).toMatchObject({ ip: '203.0.113.7', userAgent: CHROME });

    await expectAppError(signOutSession(me, theirs), 'not_found');
    await signOutSession(me, phone.sid);
    expect(await viewerFromSession(phone.claims)).toBeNull();
    expect(await signOutOtherSessions(me)).toBe(1);
    expect(await viewerFromSession(laptop.claims)).toBeNull();
    expect(await viewerFromSession(here.claims)).toMatchObject({ id: user.id });
    expect((await listOwnSessions(me)).map((s) => s.id)).toEqual([here.sid]);
    expect(await viewerFromSession((await signedIn(other)).claims)).not.toBeNull();
  });

  test('a password change ends every session, and they leave the list', async () => {
    const user = await createCorrespondent();
    const { sid, claims } = await signedIn(user);
    await changeOwnPassword({ ...user.viewer, sessionId: sid }, { currentPassword: user.password, newPassword: 'Another-password-2026', confirmPassword: 'Another-password-2026' });
    expect(await viewerFromSession(claims)).toBeNull();
    expect(await listOwnSessions(user.viewer)).toEqual([]);
  });
});

describe('signing an account out everywhere', () => {
  test('an administrator ends every session, old tokens included, and it is on the audit trail', async () => {
    const [admin, user] = await Promise.all([createAdmin(), createEditor()]);
    const { claims } = await signedIn(user);
    const legacy = sessionClaimsFor(user);
    await signOutEverywhere(admin.viewer, user.id);
    expect(await viewerFromSession(claims)).toBeNull();
    expect(await viewerFromSession(legacy)).toBeNull();
    const db = await getDb();
    const rows = await db.select().from(auditLog).where(and(eq(auditLog.action, 'user.sign_out_everywhere'), eq(auditLog.targetId, String(user.id))));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actorId).toBe(admin.id);
  });

  test('nobody else may, and an unknown account is not found', async () => {
    const [editor, user, admin] = await Promise.all([createEditor(), createCorrespondent(), createAdmin()]);
    await expectAppError(signOutEverywhere(editor.viewer, user.id), 'forbidden');
    await expectAppError(signOutEverywhere(user.viewer, user.id), 'forbidden');
    await expectAppError(signOutEverywhere(admin.viewer, 2_000_000_000), 'not_found');
  });
});
