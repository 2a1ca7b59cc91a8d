import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { getDb } from '@/db/client';
import { pick } from '@/db/select';
import type { SessionClaims } from './config';
import { getSiteSettings } from '../settings';
import type { Viewer } from '../viewer';

// From a signed session to the acting user: the account as it stands now,
// and the site's session limits. Kept apart from lib/viewer.ts (the type and
// the permission check), which the settings module itself needs.

export async function loadViewer(userId: number): Promise<(Viewer & { sessionVersion: number; disabled: boolean }) | null> {
  const db = await getDb();
  const [row] = await db
    .select(pick(users, 'id', 'username', 'displayName', 'role', 'unitId', 'mustChangePassword', 'sessionVersion', 'disabledAt'))
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return null;
  const { disabledAt, ...rest } = row;
  return { ...rest, disabled: disabledAt !== null };
}

// Checks a decoded session against the database and the session limits.
// Anything missing, malformed, stale or expired is "no session".
export async function viewerFromSession(session: SessionClaims | null, nowMs = Date.now()): Promise<Viewer | null> {
  const id = Number(session?.user?.id);
  if (!session || !Number.isInteger(id) || id <= 0) return null;
  if (typeof session.sv !== 'number' || typeof session.loginAt !== 'number' || typeof session.idleFrom !== 'number') return null;
  const { security } = await getSiteSettings();
  const now = nowMs / 1000;
  if (now - session.loginAt > security.sessionAbsoluteHours * 3600) return null;
  if (now - session.idleFrom > security.sessionIdleMinutes * 60) return null;
  const user = await loadViewer(id);
  if (!user || user.disabled || user.sessionVersion !== session.sv) return null;
  const { sessionVersion: _sv, disabled: _d, ...viewer } = user;
  return viewer;
}
