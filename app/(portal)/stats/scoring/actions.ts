'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { formValues, validatedAction, type ActionState } from '@/lib/action-result';
import { updateScoringRules } from '@/lib/stats/scoring';

// Thin adapter over lib/stats/scoring, which checks scoring:manage itself.
// The form names each column's weight `weight-<id>`; lib/ checks the numbers.
const scoringForm = z.record(z.string(), z.string()).transform((values) => ({
  pointsPerStory: values.pointsPerStory,
  headlineBonus: values.headlineBonus,
  columnWeights: Object.fromEntries(
    Object.entries(values)
      .filter(([key]) => /^weight-\d{1,10}$/.test(key))
      .map(([key, value]) => [key.slice('weight-'.length), value.trim() === '' ? '1' : value]),
  ),
}));

const echo = (_prev: ActionState, formData: FormData) => formValues(formData);

export const updateScoringRulesAction = validatedAction({ input: echo, schema: scoringForm, values: echo }, async (input, viewer, values) => {
  await updateScoringRules(viewer, input);
  revalidatePath('/stats', 'layout');
  const t = await getTranslations('stats.scoring');
  return { ok: true, message: t('saved'), values };
});
