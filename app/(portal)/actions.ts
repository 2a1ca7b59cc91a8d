'use server';

import { revalidatePath } from 'next/cache';
import { toActionState, type ActionState } from '@/lib/action-result';
import { signOut } from '@/lib/auth';
import { addComment } from '@/lib/stories';
import { AppError } from '@/lib/errors';
import { requireActionViewer } from '@/lib/session';
import { idSchema } from '@/lib/ids';

export async function logout(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}

// Both desks comment through here; lib/ decides who may see and who may
// write an internal comment.
export async function addCommentAction(id: number, body: string, internal: boolean): Promise<ActionState> {
  const storyId = idSchema.safeParse(id);
  try {
    if (!storyId.success) throw new AppError('not_found', 'malformed story id');
    await addComment(await requireActionViewer(), storyId.data, { body, internal: internal !== false });
  } catch (error) {
    return toActionState(error);
  }
  revalidatePath(`/review/${storyId.data}`);
  revalidatePath(`/desk/${storyId.data}`);
  return { ok: true };
}
