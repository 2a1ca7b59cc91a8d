import type { AdminDuty, UserRole } from '@/db/schema/enums';
import { can, type Permission } from './authz';
import { AppError } from './errors';

// The acting user, as every lib/ function receives it.
export type Viewer = {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  // An administrator's duties (lib/authz.ts); none for anyone else.
  adminDuties: readonly AdminDuty[];
  unitId: number | null;
  // An editor scoped to columns (users.column_ids); absent or null: every column.
  columnIds?: readonly number[] | null;
  mustChangePassword: boolean;
  // The site requires a second factor of this role and the account has none
  // yet: like the first password, enrolling comes before anything else.
  // Absent where no sign-in is involved (the CLI, the scheduler, tests).
  mustEnrollTwoFactor?: boolean;
  // The address of the request this viewer acts in (see lib/session), so
  // lib/ can record it without every function taking it; absent in the CLI,
  // the scheduler and tests.
  ip?: string | null;
  // The sign-in this request belongs to (lib/sessions), when the token names one.
  sessionId?: string;
};

// What the viewer must do before anything else: change the first password,
// then enrol a second factor when the site requires one. Null when nothing.
export function pendingAccountStep(viewer: Viewer): 'password' | 'two-factor' | null {
  if (viewer.mustChangePassword) return 'password';
  if (viewer.mustEnrollTwoFactor) return 'two-factor';
  return null;
}

// For lib/ functions: the viewer must have finished the first-login steps
// (password, second factor) and hold the permission. Fails closed on a
// missing viewer.
export function requirePermission(viewer: Viewer | null | undefined, permission: Permission): asserts viewer is Viewer {
  if (!viewer) throw new AppError('unauthorized');
  const step = pendingAccountStep(viewer);
  if (step === 'password') throw new AppError('password_change_required');
  if (step === 'two-factor') throw new AppError('two_factor_required');
  if (!can(viewer, permission)) throw new AppError('forbidden', `${viewer.role} lacks ${permission}`);
}

// One of several permissions will do (a reviewer on the desk or at a unit stage).
export function requireAnyPermission(viewer: Viewer | null | undefined, permissions: readonly Permission[]): asserts viewer is Viewer {
  const held = permissions.find((p) => can(viewer, p));
  requirePermission(viewer, held ?? permissions[0]!);
}
