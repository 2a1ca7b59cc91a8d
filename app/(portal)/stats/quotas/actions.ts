'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { formValues, validatedAction, type ActionState } from '@/lib/action-result';
import { copyPreviousTargets, setUnitTargets } from '@/lib/quotas';

// Thin adapters over lib/quotas, which checks quotas:manage itself.

const echo = (_prev: ActionState, formData: FormData) => formValues(formData);

// The form names each unit's fields adopted-<id> and points-<id>, with the
// values it showed beside them (was-…): only what the user changed is sent
// on, so two administrators editing different units do not undo each other.
const targetsForm = z.record(z.string(), z.string()).transform((values) => ({
  period: values.period ?? '',
  targets: Object.keys(values)
    .filter((key) => /^adopted-\d{1,10}$/.test(key))
    .map((key) => Number(key.slice('adopted-'.length)))
    .filter((id) => {
      const changed = (field: string) => (values[`${field}-${id}`] ?? '').trim() !== (values[`was-${field}-${id}`] ?? '').trim();
      return changed('adopted') || changed('points');
    })
    .map((unitId) => ({ unitId, adopted: values[`adopted-${unitId}`] ?? '', points: values[`points-${unitId}`] ?? '' })),
}));

// A refused form keeps what was typed; a saved one shows what is stored now
// (the page re-renders), never the typed values: kept, they would outlive a
// later copy from the last period and undo it at the next save.
export const setUnitTargetsAction = validatedAction({ input: echo, schema: targetsForm, values: echo }, async (input, viewer) => {
  const count = await setUnitTargets(viewer, input);
  revalidatePath('/stats', 'layout');
  revalidatePath('/desk');
  const t = await getTranslations('quotas');
  return { ok: true, message: t('saved', { count }) };
});

const copyForm = z.object({ period: z.string().catch('') });

export const copyPreviousTargetsAction = validatedAction({ input: (_prev: ActionState, formData: FormData) => formValues(formData), schema: copyForm }, async ({ period }, viewer) => {
  const count = await copyPreviousTargets(viewer, period);
  revalidatePath('/stats', 'layout');
  revalidatePath('/desk');
  const t = await getTranslations('quotas');
  return { ok: true, message: t('copied', { count }) };
});
