'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { toActionState, type ActionState } from '@/lib/action-result';
import { AppError, isAppError } from '@/lib/errors';
import { requireActionViewer } from '@/lib/session';
import { createStory, deleteDraft, getStory, saveStory, submitStory, withdrawStory } from '@/lib/stories';
import { toStorySnapshot, type SaveResult } from '@/lib/stories/snapshot';
import { idSchema } from '@/lib/ids';

// Thin adapters for the story form. lib/ parses, sanitizes and checks
// ownership, state and version itself.

// Arguments of a server action come from the network, whatever our forms send.
const idArg = idSchema;
// Versions count up from 1 in an integer column, like ids.
const versionArg = idSchema;

function args(id: unknown, version: unknown): { id: number; version: number } {
  const parsedId = idArg.safeParse(id);
  const parsedVersion = versionArg.safeParse(version);
  if (!parsedId.success || !parsedVersion.success) throw new AppError('not_found', 'malformed story id or version');
  return { id: parsedId.data, version: parsedVersion.data };
}

// Creates the story on its first save, then saves against the version the
// editor started from. A stale save comes back with the server's copy.
export async function saveStoryAction(id: number | null, version: number, fields: unknown): Promise<SaveResult> {
  try {
    const viewer = await requireActionViewer();
    const story = id === null ? await createStory(viewer, fields) : await saveStory(viewer, args(id, version).id, args(id, version).version, fields);
    return { ok: true, story: toStorySnapshot(story) };
  } catch (error) {
    if (isAppError(error) && error.code === 'conflict' && id !== null) {
      try {
        const current = await getStory(await requireActionViewer(), id);
        return { ok: false, conflict: toStorySnapshot(current), state: await toActionState(error) };
      } catch (inner) {
        return { ok: false, state: await toActionState(inner) };
      }
    }
    return { ok: false, state: await toActionState(error) };
  }
}

export async function submitStoryAction(id: number, version: number): Promise<SaveResult> {
  try {
    const a = args(id, version);
    const story = await submitStory(await requireActionViewer(), a.id, a.version);
    revalidatePath('/desk');
    return { ok: true, story: toStorySnapshot(story) };
  } catch (error) {
    return { ok: false, state: await toActionState(error) };
  }
}

export async function withdrawStoryAction(id: number, version: number): Promise<SaveResult> {
  try {
    const a = args(id, version);
    const story = await withdrawStory(await requireActionViewer(), a.id, a.version);
    revalidatePath('/desk');
    return { ok: true, story: toStorySnapshot(story) };
  } catch (error) {
    return { ok: false, state: await toActionState(error) };
  }
}

export async function deleteDraftAction(id: number): Promise<ActionState> {
  try {
    await deleteDraft(await requireActionViewer(), args(id, 1).id);
  } catch (error) {
    return toActionState(error);
  }
  revalidatePath('/desk');
  redirect('/desk?deleted=1');
}
