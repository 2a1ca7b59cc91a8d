import 'server-only';
import { and, eq } from 'drizzle-orm';
import { users, userSessions, userTwoFactor } from '@/db/schema';
import { getDb } from '@/db/client';
import { pick } from '@/db/select';
import { touchSession } from '../sessions/internal/records';
import type { SessionClaims } from './config';
import { getSiteSettings } from '../settings';
import { isTwoFactorRequired } from '../two-factor/policy';
import { effectiveTwoFactorRequirement } from '../security/profile';
import { longestSessionLimits, sessionLimitsFor, type SessionLimits } from '../security/account-policy';
import type { Viewer } from '../viewer';

// From a signed session to the acting user: the account as it stands now,
// and the site's session limits. Kept apart from lib/viewer.ts (the type and
// the permission check), which the settings module itself needs.

type LoadedViewer = Omit<Viewer, 'mustEnrollTwoFactor'> & {
  sessionVersion: number;
  disabled: boolean;
  hasTwoFactor: boolean;
  session: { lastSeenAt: Date; revoked: boolean } | null;
};

// The account, whether it has a second factor and, when the token names one,
// its session row, in one query.
export async function loadViewer(userId: number, sessionId: string | null = null): Promise<LoadedViewer | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      ...pick(users, 'id', 'username', 'displayName', 'role', 'adminDuties', 'unitId', 'columnIds', 'mustChangePassword', 'sessionVersion', 'disabledAt'),
      sessionLastSeenAt: userSessions.lastSeenAt,
      sessionRevokedAt: userSessions.revokedAt,
      twoFactorEnabledAt: userTwoFactor.enabledAt,
    })
    .from(users)
    .leftJoin(userSessions, and(eq(userSessions.id, sessionId ?? ''), eq(userSessions.userId, users.id)))
    .leftJoin(userTwoFactor, eq(userTwoFactor.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return null;
  const { disabledAt, sessionLastSeenAt, sessionRevokedAt, twoFactorEnabledAt, ...rest } = row;
  const session = sessionLastSeenAt ? { lastSeenAt: sessionLastSeenAt, revoked: sessionRevokedAt !== null } : null;
  return { ...rest, disabled: disabledAt !== null, hasTwoFactor: twoFactorEnabledAt !== null, session };
}

// Checks a decoded session against the database and the session limits.
// Anything missing, malformed, stale or expired is "no session".
export async function viewerFromSession(session: SessionClaims | null, nowMs = Date.now()): Promise<Viewer | null> {
  const id = Number(session?.user?.id);
  if (!session || !Number.isInteger(id) || id <= 0) return null;
  if (typeof session.sv !== 'number' || typeof session.loginAt !== 'number' || typeof session.idleFrom !== 'number') return null;
  const { security } = await getSiteSettings();
  const now = nowMs / 1000;
  const outlived = (limits: SessionLimits) => now - session.loginAt! > limits.absoluteHours * 3600 || now - session.idleFrom! > limits.idleMinutes * 60;
  // Past every role's limits: no need to read the account.
  if (outlived(longestSessionLimits(security))) return null;
  const sessionId = typeof session.sid === 'string' && session.sid ? session.sid : null;
  const user = await loadViewer(id, sessionId);
  if (!user || user.disabled || user.sessionVersion !== session.sv) return null;
  // The limits of the role the account has now, not the one it signed in with.
  if (outlived(sessionLimitsFor(security, user.role))) return null;
  // A token from before session rows existed carries no sid: it stays good
  // until its limits end it. One that names a session needs that session open.
  if (sessionId && (!user.session || user.session.revoked)) return null;
  if (sessionId && user.session) await touchSession(sessionId, user.session.lastSeenAt, new Date(nowMs));
  const { sessionVersion: _sv, disabled: _d, session: _s, hasTwoFactor, ...rest } = user;
  // Checked on every request, so turning the requirement on reaches those
  // already signed in at their next page, as a new first password would.
  const viewer: Viewer = { ...rest, mustEnrollTwoFactor: !hasTwoFactor && isTwoFactorRequired(user.role, effectiveTwoFactorRequirement(security)) };
  return sessionId ? { ...viewer, sessionId } : viewer;
}
