'use server';

import { redirect } from 'next/navigation';
import { loginPath } from '@/lib/http/redirects';
import { storyPathFor } from '@/lib/authz';
import { markNotificationsRead, openNotification } from '@/lib/notifications';
import { getViewer } from '@/lib/session';
import { accountStepPage } from '../guards';
import { revalidatePortal } from '../revalidate';

// A plain form post with no state to show a refusal in: whoever may not mark
// anything is sent where they can go on (signing in, the first password, a
// second factor the site requires), as the page itself would send them,
// instead of an error page.
export async function markAllReadAction(): Promise<void> {
  const viewer = await getViewer();
  if (!viewer) redirect(loginPath('/notifications'));
  const stepPage = accountStepPage(viewer);
  if (stepPage) redirect(stepPage);
  await markNotificationsRead(viewer);
  revalidatePortal();
}

// A notification's link: read it, then open its story (the bell's count is
// fresh on the page it lands on).
export async function openNotificationAction(id: number): Promise<void> {
  const viewer = await getViewer();
  if (!viewer) redirect(loginPath('/notifications'));
  const stepPage = accountStepPage(viewer);
  if (stepPage) redirect(stepPage);
  const { storyId } = await openNotification(viewer, id);
  revalidatePortal();
  redirect(storyId ? storyPathFor(viewer, storyId) : '/notifications');
}
