'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getTranslations } from 'next-intl/server';
import { formFields, formText, formValues, validatedAction, type ActionState } from '@/lib/action-result';
import type { ContactField } from '@/lib/personal-data';
import { assignStory, discardPending, publishUpdate, setStoryExpiry, unassignStory } from '@/lib/stories';
import { approveStory, claimStory, restartStoryFlow, getVisibleStory, publishStory, rejectStory, releaseStory, revealStoryOwnerContact, returnStory, sendBackStory, takeOverStory, unpublishStory } from '@/lib/stories';
import { AppError } from '@/lib/errors';
import { idSchema } from '@/lib/id-schemas';
import { forgetStatusCounts } from '@/lib/review-queue';

// Thin adapters for the review desk: lib/ checks permission, state, holder
// and version itself; these parse the network's arguments and translate
// errors for the user.

const story = z.object({ id: idSchema });
// Versions count up from 1 in an integer column, like ids. What comes with
// them (a note, a reason, the publishing form) is lib/'s to check.
const storyAt = z.object({ id: idSchema, version: idSchema, detail: z.unknown() });
const malformed = () => new AppError('not_found', 'malformed story id or version');

// The queue's counts, the queue and the story's page all show the new state.
function reviewed(id: number): ActionState {
  forgetStatusCounts();
  revalidatePath('/review');
  revalidatePath(`/review/${id}`);
  return { ok: true };
}

const byId = { input: (id: number) => ({ id }), schema: story, malformed };

export const claimAction = validatedAction(byId, async ({ id }, viewer) => {
  await claimStory(viewer, id);
  return reviewed(id);
});

export const releaseAction = validatedAction(byId, async ({ id }, viewer) => {
  await releaseStory(viewer, id);
  return reviewed(id);
});

export const takeOverAction = validatedAction(byId, async ({ id }, viewer) => {
  await takeOverStory(viewer, id);
  return reviewed(id);
});

const withNote = { input: (id: number, version: number, note: string) => ({ id, version, detail: note }), schema: storyAt, malformed };

export const returnAction = validatedAction(withNote, async ({ id, version, detail }, viewer) => {
  await returnStory(viewer, id, version, detail);
  return reviewed(id);
});

export const rejectAction = validatedAction(withNote, async ({ id, version, detail }, viewer) => {
  await rejectStory(viewer, id, version, detail);
  return reviewed(id);
});

export const unpublishAction = validatedAction(withNote, async ({ id, version, detail }, viewer) => {
  await unpublishStory(viewer, id, version, detail);
  return reviewed(id);
});

// A stage decision: the opinion and the stage the reviewer saw.
const atStage = { input: (id: number, version: number, input: unknown) => ({ id, version, detail: input }), schema: storyAt, malformed };

export const approveAction = validatedAction(atStage, async ({ id, version, detail }, viewer) => {
  await approveStory(viewer, id, version, detail);
  return reviewed(id);
});

export const sendBackAction = validatedAction(atStage, async ({ id, version, detail }, viewer) => {
  await sendBackStory(viewer, id, version, detail);
  return reviewed(id);
});

export const restartFlowAction = validatedAction(withNote, async ({ id, version, detail }, viewer) => {
  await restartStoryFlow(viewer, id, version, detail);
  return reviewed(id);
});

export const publishAction = validatedAction(
  { input: (id: number, version: number, input: unknown) => ({ id, version, detail: input }), schema: storyAt, malformed },
  async ({ id, version, detail }, viewer) => {
    await publishStory(viewer, id, version, detail);
    return reviewed(id);
  },
);

// The story's correspondent's phone or e-mail in full where the site masks
// them (lib/stories checks the desk may see the story, and audits it).
export const revealOwnerContactAction = validatedAction(
  { input: (id: number, field: ContactField) => ({ id, field }), schema: z.object({ id: idSchema, field: z.enum(['email', 'phone']) }), malformed },
  async ({ id, field }, viewer): Promise<ActionState> => {
    const value = await revealStoryOwnerContact(viewer, await getVisibleStory(viewer, id), field);
    return { ok: true, data: { value: value ?? '' } };
  },
);

// A live story (docs/live-articles.md): its pending revision published as an
// update or discarded, and its expiry.
export const publishUpdateAction = validatedAction(atStage, async ({ id, version, detail }, viewer) => {
  await publishUpdate(viewer, id, version, detail);
  return reviewed(id);
});

export const discardPendingAction = validatedAction(
  { input: (id: number, version: number) => ({ id, version, detail: null }), schema: storyAt, malformed },
  async ({ id, version }, viewer) => {
    await discardPending(viewer, id, version);
    return reviewed(id);
  },
);

export const setExpiryAction = validatedAction(atStage, async ({ id, version, detail }, viewer) => {
  await setStoryExpiry(viewer, id, version, detail);
  return reviewed(id);
});

// 指派 at the story's stage (lib/stories checks who may assign, to whom, and
// that the story is still at the stage the page showed).
const assignment = z.object({ id: idSchema, stage: z.unknown(), assigneeId: formText, dueAt: formText });

export const assignAction = validatedAction(
  {
    input: (id: number, stage: number, state: ActionState, formData: FormData) => ({ id, stage, ...formFields(state, formData) }),
    schema: assignment,
    values: (_id, _stage, _state, formData) => formValues(formData),
    malformed,
  },
  async ({ id, stage, assigneeId, dueAt }, viewer): Promise<ActionState> => {
    await assignStory(viewer, id, { stage, assigneeId, dueAt });
    reviewed(id);
    return { ok: true, message: (await getTranslations('reviewDeadlines.assignment'))('assigned') };
  },
);

export const unassignAction = validatedAction(
  { input: (id: number, stage: number) => ({ id, stage }), schema: z.object({ id: idSchema, stage: z.unknown() }), malformed },
  async ({ id, stage }, viewer): Promise<ActionState> => {
    await unassignStory(viewer, id, { stage });
    reviewed(id);
    return { ok: true, message: (await getTranslations('reviewDeadlines.assignment'))('unassigned') };
  },
);
