'use server';

import { revalidatePath } from 'next/cache';
import { markNotificationsRead } from '@/lib/notifications';
import { requireActionViewer } from '@/lib/session';

export async function markAllReadAction(): Promise<void> {
  await markNotificationsRead(await requireActionViewer());
  revalidatePath('/', 'layout');
}
