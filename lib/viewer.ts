import type { UserRole } from '@/db/schema/enums';
import { can, type Permission } from './authz';
import { AppError } from './errors';

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
  // The sign-in this request belongs to (lib/sessions), when the token names one.
  sessionId?: string;
};

// For lib/ functions: the viewer must have finished the first-login password
// change and hold the permission. Fails closed on a missing viewer.
export function requirePermission(viewer: Viewer | null | undefined, permission: Permission): asserts viewer is Viewer {
  if (!viewer) throw new AppError('unauthorized');
  if (viewer.mustChangePassword) throw new AppError('password_change_required');
  if (!can(viewer, permission)) throw new AppError('forbidden', `${viewer.role} lacks ${permission}`);
}
