import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { can, type Permission } from '@/lib/authz';
import { isAppError } from '@/lib/errors';
import { getViewer } from '@/lib/session';
import { getVisibleStory, type VisibleStory } from '@/lib/stories';
import { pendingAccountStep, type Viewer } from '@/lib/viewer';

const stepPages = { password: '/account/password', 'two-factor': '/account/two-factor' } as const;

// The page of the step this viewer must take before anything else, if any.
export function accountStepPage(viewer: Viewer): string | null {
  const step = pendingAccountStep(viewer);
  return step ? stepPages[step] : null;
}

// Page-level comfort: send the signed-out to the login page, a user with a
// step to take first (the first password, then a second factor the site
// requires) to that step's page, and the unauthorised to a 403. lib/ checks
// again. `step` names the page that takes that step.
export async function requirePortalViewer(options: { step?: 'password' | 'two-factor' } = {}): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect('/login');
  const step = pendingAccountStep(viewer);
  if (step && step !== options.step) redirect(stepPages[step]);
  return viewer;
}

export async function requirePagePermission(permission: Permission, ...alternatives: Permission[]): Promise<Viewer> {
  const viewer = await requirePortalViewer();
  if (![permission, ...alternatives].some((p) => can(viewer, p))) forbidden();
  return viewer;
}

// A story page's story, once per request (metadata and page share it): a
// malformed id, or a story this viewer may not see, is a 404. The handle
// carries no text; the page reads that with readStory.
export const loadStoryPage = cache(async (permission: Permission, rawId: string, alternative?: Permission): Promise<{ viewer: Viewer; story: VisibleStory }> => {
  const viewer = alternative ? await requirePagePermission(permission, alternative) : await requirePagePermission(permission);
  if (!/^\d{1,10}$/.test(rawId)) notFound();
  try {
    return { viewer, story: await getVisibleStory(viewer, Number(rawId)) };
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
});
