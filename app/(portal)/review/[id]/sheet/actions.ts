'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { formFields, formText, formValues, validatedAction, type ActionState } from '@/lib/action-result';
import { AppError } from '@/lib/errors';
import { idSchema } from '@/lib/id-schemas';
import { recordLeaderApproval } from '@/lib/stories';

// 代录 from the review sheet: lib/stories checks the desk, the story's state
// and version and the fields itself.

const leaderApproval = z.object({ id: idSchema, version: idSchema, leaderName: formText, note: formText });

export const recordLeaderApprovalAction = validatedAction(
  {
    input: (id: number, version: number, state: ActionState, formData: FormData) => ({ id, version, ...formFields(state, formData) }),
    schema: leaderApproval,
    values: (_id, _version, _state, formData) => formValues(formData),
    malformed: () => new AppError('not_found', 'malformed story id or version'),
  },
  async ({ id, version, leaderName, note }, viewer): Promise<ActionState> => {
    const story = await recordLeaderApproval(viewer, id, version, { leaderName, note });
    revalidatePath(`/review/${id}`, 'layout');
    const t = await getTranslations('review.sheet.leaderForm');
    return { ok: true, message: t('done', { name: story.unitLeaderName }) };
  },
);
