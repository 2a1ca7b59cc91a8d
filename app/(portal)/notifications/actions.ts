'use server';

import { markNotificationsRead } from '@/lib/notifications';
import { requireActionViewer } from '@/lib/session';
import { revalidatePortal } from '../revalidate';

export async function markAllReadAction(): Promise<void> {
  await markNotificationsRead(await requireActionViewer());
  revalidatePortal();
}
