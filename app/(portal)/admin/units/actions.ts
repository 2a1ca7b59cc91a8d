'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { formFields, formId, formText, formValues, malformedRowForm, toActionState, validatedAction, type ActionState } from '@/lib/action-result';
import { createUnit, deleteUnit, updateUnit } from '@/lib/units';

// Thin adapters over lib/units, which checks units:manage itself.

const unitForm = z.object({ name: formText, description: formText });
const unitRowForm = unitForm.extend({ id: formId });
const rowForm = z.object({ id: formId });

const echo = (_prev: ActionState, formData: FormData) => formValues(formData);

// Unit names show in the user list, its filters and the account forms.
function revalidateUnits(): void {
  revalidatePath('/admin', 'layout');
}

export const createUnitAction = validatedAction({ input: formFields, schema: unitForm, values: echo }, async (input, viewer) => {
  await createUnit(viewer, input);
  revalidateUnits();
  const t = await getTranslations('admin.units');
  return { ok: true, message: t('created') };
});

export const updateUnitAction = validatedAction(
  { input: formFields, schema: unitRowForm, values: echo, malformed: malformedRowForm },
  async ({ id, ...input }, viewer, values) => {
    await updateUnit(viewer, id, input);
    revalidateUnits();
    const t = await getTranslations('admin.units');
    return { ok: true, message: t('saved'), values };
  },
);

// A unit still in use is refused with its own reason, not the generic
// "changed by someone else" of a conflict.
async function refusedDelete(error: unknown): Promise<ActionState> {
  const state = await toActionState(error);
  const reason = state.fieldErrors?.unit;
  return reason ? { ...state, message: reason } : state;
}

export const deleteUnitAction = validatedAction({ input: formFields, schema: rowForm, malformed: malformedRowForm, refused: refusedDelete }, async ({ id }, viewer) => {
  await deleteUnit(viewer, id);
  revalidateUnits();
  const t = await getTranslations('admin.units');
  return { ok: true, message: t('deleted') };
});
