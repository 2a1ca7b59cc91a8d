import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { can, type Permission } from '@/lib/authz';
import { getViewer } from '@/lib/session';
import type { Viewer } from '@/lib/viewer';

// Page-level comfort: send the signed-out to the login page, the first-login
// user to the password form, and the unauthorised to a 403. lib/ checks again.
export async function requirePortalViewer(options: { allowPasswordChange?: boolean } = {}): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect('/login');
  if (viewer.mustChangePassword && !options.allowPasswordChange) redirect('/account/password');
  return viewer;
}

export async function requirePagePermission(permission: Permission): Promise<Viewer> {
  const viewer = await requirePortalViewer();
  if (!can(viewer, permission)) forbidden();
  return viewer;
}
