'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { formValues, toActionState, type ActionState } from '@/lib/action-result';
import { requireActionViewer } from '@/lib/session';
import { createUnit, deleteUnit, updateUnit } from '@/lib/units';
import { requireFormId } from '../parse';

// Thin adapters over lib/units, which checks units:manage itself.

function input(formData: FormData) {
  const name = formData.get('name');
  const description = formData.get('description');
  return { name: typeof name === 'string' ? name : '', description: typeof description === 'string' ? description : '' };
}

// Unit names show in the user list, its filters and the account forms.
function revalidateUnits(): void {
  revalidatePath('/admin', 'layout');
}

export async function createUnitAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await createUnit(await requireActionViewer(), input(formData));
  } catch (error) {
    return toActionState(error, values);
  }
  revalidateUnits();
  const t = await getTranslations('admin.units');
  return { ok: true, message: t('created') };
}

export async function updateUnitAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await updateUnit(await requireActionViewer(), requireFormId(formData), input(formData));
  } catch (error) {
    return toActionState(error, values);
  }
  revalidateUnits();
  const t = await getTranslations('admin.units');
  return { ok: true, message: t('saved'), values };
}

export async function deleteUnitAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await deleteUnit(await requireActionViewer(), requireFormId(formData));
  } catch (error) {
    const state = await toActionState(error);
    // A unit still in use is refused with its own reason, not the generic
    // "changed by someone else" of a conflict.
    const reason = state.fieldErrors?.unit;
    return reason ? { ...state, message: reason } : state;
  }
  revalidateUnits();
  const t = await getTranslations('admin.units');
  return { ok: true, message: t('deleted') };
}
