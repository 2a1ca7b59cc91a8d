'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/action-result';
import { signOut } from '@/lib/auth';
import { addComment, restoreRevision } from '@/lib/stories';
import { AppError } from '@/lib/errors';
import { idSchema } from '@/lib/id-schemas';

export async function logout(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}

// The text and the flag are lib/'s to check.
const comment = z.object({ id: idSchema, body: z.unknown(), internal: z.unknown() });

// Both desks comment through here; lib/ decides who may see and who may
// write an internal comment.
export const addCommentAction = validatedAction(
  {
    input: (id: number, body: string, internal: boolean) => ({ id, body, internal }),
    schema: comment,
    malformed: () => new AppError('not_found', 'malformed story id'),
  },
  async ({ id, body, internal }, viewer) => {
    await addComment(viewer, id, { body, internal: internal !== false });
    revalidatePath(`/review/${id}`);
    revalidatePath(`/desk/${id}`);
    return { ok: true };
  },
);

// 恢复: an earlier revision into the editor, from either desk; lib/ decides
// who holds the story and may restore, at the version the page showed.
export const restoreRevisionAction = validatedAction(
  {
    input: (id: number, version: number, revisionId: number) => ({ id, version, revisionId }),
    schema: z.object({ id: idSchema, version: idSchema, revisionId: idSchema }),
    malformed: () => new AppError('not_found', 'malformed story id, version or revision'),
  },
  async ({ id, version, revisionId }, viewer) => {
    await restoreRevision(viewer, id, version, revisionId);
    revalidatePath(`/review/${id}`);
    revalidatePath(`/desk/${id}`);
    return { ok: true };
  },
);
