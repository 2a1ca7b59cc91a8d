import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { UserRole } from '@/db/schema/enums';
import { getDb } from '@/db/client';
import { can, type Permission } from './authz';
import { AppError } from './errors';
import type { SessionClaims } from './auth/config';
import { getSiteSettings } from './settings';

// The acting user, as every lib/ function receives it.
export type Viewer = {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  unitId: number | null;
  mustChangePassword: boolean;
  // The address of the request this viewer acts in (see lib/session), so
  // lib/ can record it without every function taking it; absent in the CLI,
  // the scheduler and tests.
  ip?: string | null;
};

export async function loadViewer(userId: number): Promise<(Viewer & { sessionVersion: number; disabled: boolean }) | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      unitId: users.unitId,
      mustChangePassword: users.mustChangePassword,
      sessionVersion: users.sessionVersion,
      disabledAt: users.disabledAt,
    })
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

// For lib/ functions: the viewer must have finished the first-login password
// change and hold the permission. Fails closed on a missing viewer.
export function requirePermission(viewer: Viewer | null | undefined, permission: Permission): asserts viewer is Viewer {
  if (!viewer) throw new AppError('unauthorized');
  if (viewer.mustChangePassword) throw new AppError('password_change_required');
  if (!can(viewer, permission)) throw new AppError('forbidden', `${viewer.role} lacks ${permission}`);
}
