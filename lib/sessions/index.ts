import 'server-only';
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { users, userSessions } from '@/db/schema';
import { getDb } from '@/db/client';
import { auditActor } from '../actors';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { requirePermission, type Viewer } from '../viewer';
import { endAllSessions } from './internal/records';
import { getSiteSettings } from '../settings';
import { sessionLimitsFor, type SessionLimits } from '../security/account-policy';

// Sign-ins as the people who made them see them (/account/sessions), and the
// administrator's "sign out everywhere". A session is open while it is not
// revoked and began under the account's current session version.

export type SessionItem = { id: string; ip: string | null; userAgent: string | null; createdAt: Date; lastSeenAt: Date; current: boolean };

const openSessionsOf = (userId: number) =>
  and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), eq(userSessions.sessionVersion, sql`(select ${users.sessionVersion} from ${users} where ${users.id} = ${userId})`));

export async function listOwnSessions(viewer: Viewer): Promise<SessionItem[]> {
  requirePermission(viewer, 'portal:enter');
  const db = await getDb();
  const rows = await db
    .select({ id: userSessions.id, ip: userSessions.ip, userAgent: userSessions.userAgent, createdAt: userSessions.createdAt, lastSeenAt: userSessions.lastSeenAt })
    .from(userSessions)
    .where(openSessionsOf(viewer.id))
    .orderBy(desc(userSessions.lastSeenAt))
    .limit(100);
  return rows.map((row) => ({ ...row, current: row.id === viewer.sessionId }));
}

// One of my sessions (another browser, a lost phone); not found if not mine.
export async function signOutSession(viewer: Viewer, sessionId: string): Promise<void> {
  requirePermission(viewer, 'portal:enter');
  const db = await getDb();
  const ended = await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, viewer.id), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  if (ended.length === 0) throw new AppError('not_found');
  await recordAudit(db, { ...auditActor(viewer), action: 'session.sign_out', targetType: 'user', targetId: viewer.id, meta: { ended: 1 } });
}

// Every session of mine but the one I am using.
export async function signOutOtherSessions(viewer: Viewer): Promise<number> {
  requirePermission(viewer, 'portal:enter');
  const db = await getDb();
  const others = viewer.sessionId ? ne(userSessions.id, viewer.sessionId) : undefined;
  const ended = await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.userId, viewer.id), isNull(userSessions.revokedAt), others))
    .returning({ id: userSessions.id });
  await recordAudit(db, { ...auditActor(viewer), action: 'session.sign_out', targetType: 'user', targetId: viewer.id, meta: { ended: ended.length } });
  return ended.length;
}

// Administrators: ends every session of an account at once, tokens from
// before session rows included (the account's session version moves on).
export async function signOutEverywhere(viewer: Viewer, userId: number): Promise<void> {
  requirePermission(viewer, 'users:sign-out-everywhere');
  const db = await getDb();
  await db.transaction(async (tx) => {
    if (!(await endAllSessions(tx, userId))) throw new AppError('not_found');
    await recordAudit(tx, { ...auditActor(viewer), action: 'user.sign_out_everywhere', targetType: 'user', targetId: userId });
  });
}

// Any signed-in user: the idle and absolute limits that apply to their role now.
export async function getOwnSessionLimits(viewer: Viewer): Promise<SessionLimits> {
  requirePermission(viewer, 'portal:enter');
  const { security } = await getSiteSettings();
  return sessionLimitsFor(security, viewer.role);
}
