'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { toActionState, validatedAction } from '@/lib/action-result';
import { AppError, isAppError } from '@/lib/errors';
import { idSchema } from '@/lib/id-schemas';
import { createStory, deleteDraft, getStory, saveStory, submitStory, withdrawStory } from '@/lib/stories';
import { toStorySnapshot, type SaveResult } from '@/lib/stories/snapshot';

// Thin adapters for the story form. lib/ parses, sanitizes and checks
// ownership, state and version itself.

// Arguments of a server action come from the network, whatever our forms
// send. Versions count up from 1 in an integer column, like ids.
const story = z.object({ id: idSchema });
const storyAt = z.object({ id: idSchema, version: idSchema });
// A story not saved yet has no id, and no version to check.
const save = z.union([
  z.object({ id: z.null(), version: z.unknown(), fields: z.unknown() }),
  z.object({ id: idSchema, version: idSchema, fields: z.unknown() }),
]);
const malformed = () => new AppError('not_found', 'malformed story id or version');

// The story form shows a refusal beside the story it holds.
async function refused(error: unknown): Promise<SaveResult> {
  return { ok: false, state: await toActionState(error) };
}

// Creates the story on its first save, then saves against the version the
// editor started from. A stale save comes back with the server's copy.
export const saveStoryAction = validatedAction(
  { input: (id: number | null, version: number, fields: unknown) => ({ id, version, fields }), schema: save, malformed, refused },
  async (input, viewer): Promise<SaveResult> => {
    if (input.id === null) return { ok: true, story: toStorySnapshot(await createStory(viewer, input.fields)) };
    try {
      return { ok: true, story: toStorySnapshot(await saveStory(viewer, input.id, input.version, input.fields)) };
    } catch (error) {
      if (!isAppError(error) || error.code !== 'conflict') throw error;
      const current = await getStory(viewer, input.id);
      return { ok: false, conflict: toStorySnapshot(current), state: await toActionState(error) };
    }
  },
);

const storyVersion = { input: (id: number, version: number) => ({ id, version }), schema: storyAt, malformed, refused };

// The confirmation (保密审查) is lib/'s to check, like any input.
const submitting = { input: (id: number, version: number, confirmation?: unknown) => ({ id, version, confirmation }), schema: storyAt.extend({ confirmation: z.unknown() }), malformed, refused };

export const submitStoryAction = validatedAction(submitting, async ({ id, version, confirmation }, viewer): Promise<SaveResult> => {
  const story = await submitStory(viewer, id, version, confirmation);
  revalidatePath('/desk');
  return { ok: true, story: toStorySnapshot(story) };
});

export const withdrawStoryAction = validatedAction(storyVersion, async ({ id, version }, viewer): Promise<SaveResult> => {
  const story = await withdrawStory(viewer, id, version);
  revalidatePath('/desk');
  return { ok: true, story: toStorySnapshot(story) };
});

export const deleteDraftAction = validatedAction({ input: (id: number) => ({ id }), schema: story, malformed }, async ({ id }, viewer) => {
  await deleteDraft(viewer, id);
  revalidatePath('/desk');
  redirect('/desk?deleted=1');
});
