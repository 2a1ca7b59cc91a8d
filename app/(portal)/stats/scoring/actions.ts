'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { formValues, toActionState, type ActionState } from '@/lib/action-result';
import { requireActionViewer } from '@/lib/session';
import { updateScoringRules } from '@/lib/stats/scoring';

// Thin adapter over lib/stats/scoring, which checks scoring:manage itself.
// The form names each column's weight `weight-<id>`.
export async function updateScoringRulesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const columnWeights = Object.fromEntries(
    Object.entries(values)
      .filter(([key]) => /^weight-\d{1,10}$/.test(key))
      .map(([key, value]) => [key.slice('weight-'.length), value.trim() === '' ? '1' : value]),
  );
  try {
    await updateScoringRules(await requireActionViewer(), { pointsPerStory: values.pointsPerStory, headlineBonus: values.headlineBonus, columnWeights });
  } catch (error) {
    return toActionState(error, values);
  }
  revalidatePath('/stats', 'layout');
  const t = await getTranslations('stats.scoring');
  return { ok: true, message: t('saved'), values };
}
