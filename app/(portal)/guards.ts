import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { can, type Permission } from '@/lib/authz';
import { isAppError } from '@/lib/errors';
import { getViewer } from '@/lib/session';
import { getVisibleStory, type VisibleStory } from '@/lib/stories';
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

// A story page's story, once per request (metadata and page share it): a
// malformed id, or a story this viewer may not see, is a 404. The handle
// carries no text; the page reads that with readStory.
export const loadStoryPage = cache(async (permission: Permission, rawId: string): Promise<{ viewer: Viewer; story: VisibleStory }> => {
  const viewer = await requirePagePermission(permission);
  if (!/^\d{1,10}$/.test(rawId)) notFound();
  try {
    return { viewer, story: await getVisibleStory(viewer, Number(rawId)) };
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
});
