'use server';

import { revalidatePath } from 'next/cache';
import { toActionState, type ActionState } from '@/lib/action-result';
import { claimStory, publishStory, rejectStory, releaseStory, returnStory, takeOverStory, unpublishStory } from '@/lib/stories';
import { AppError } from '@/lib/errors';
import { forgetStatusCounts } from '@/lib/review-queue';
import { requireActionViewer } from '@/lib/session';
import { idSchema } from '@/lib/ids';

// Thin adapters for the review desk: lib/ checks permission, state, holder
// and version itself; these parse the network's arguments and translate
// errors for the user.

const idArg = idSchema;

function ids(id: unknown, version?: unknown): { id: number; version: number } {
  const parsedId = idArg.safeParse(id);
  const parsedVersion = idArg.safeParse(version ?? 1);
  if (!parsedId.success || !parsedVersion.success) throw new AppError('not_found', 'malformed story id or version');
  return { id: parsedId.data, version: parsedVersion.data };
}

async function run(id: unknown, act: () => Promise<unknown>): Promise<ActionState> {
  try {
    await act();
  } catch (error) {
    return toActionState(error);
  }
  forgetStatusCounts();
  revalidatePath('/review');
  revalidatePath(`/review/${ids(id).id}`);
  return { ok: true };
}

export async function claimAction(id: number): Promise<ActionState> {
  return run(id, async () => claimStory(await requireActionViewer(), ids(id).id));
}

export async function releaseAction(id: number): Promise<ActionState> {
  return run(id, async () => releaseStory(await requireActionViewer(), ids(id).id));
}

export async function takeOverAction(id: number): Promise<ActionState> {
  return run(id, async () => takeOverStory(await requireActionViewer(), ids(id).id));
}

export async function returnAction(id: number, version: number, note: string): Promise<ActionState> {
  return run(id, async () => returnStory(await requireActionViewer(), ids(id).id, ids(id, version).version, note));
}

export async function rejectAction(id: number, version: number, reason: string): Promise<ActionState> {
  return run(id, async () => rejectStory(await requireActionViewer(), ids(id).id, ids(id, version).version, reason));
}

export async function unpublishAction(id: number, version: number, reason: string): Promise<ActionState> {
  return run(id, async () => unpublishStory(await requireActionViewer(), ids(id).id, ids(id, version).version, reason));
}

export async function publishAction(id: number, version: number, input: unknown): Promise<ActionState> {
  return run(id, async () => publishStory(await requireActionViewer(), ids(id).id, ids(id, version).version, input));
}
