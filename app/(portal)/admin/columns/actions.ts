'use server';

import { getTranslations } from 'next-intl/server';
import { formValues, toActionState, type ActionState } from '@/lib/action-result';
import { createColumn, deleteColumn, moveColumn, setColumnHidden, updateColumn } from '@/lib/columns';
import { isAppError } from '@/lib/errors';
import { requireActionViewer } from '@/lib/session';
import { requireFormId } from '../parse';
import { revalidatePortal } from '../../revalidate';

// Thin adapters over lib/columns, which checks columns:manage itself and
// tells the public site's cache about every change.

function text(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === 'string' ? value : '';
}

function input(formData: FormData) {
  return { name: text(formData, 'name'), slug: text(formData, 'slug'), description: text(formData, 'description') };
}

// The portal's own pages that show columns: this list and the desks' pickers.
function revalidateColumns(): void {
  revalidatePortal();
}

// Like toActionState, but the column codes (a slug's format, a name taken, a
// column with stories) are worded in this page's namespace.
async function refused(error: unknown, values?: Record<string, string>): Promise<ActionState> {
  const state = await toActionState(error, values);
  if (!isAppError(error) || !error.fieldErrors) return state;
  const t = await getTranslations('admin.columns.errors');
  const fieldErrors = { ...state.fieldErrors };
  for (const [field, key] of Object.entries(error.fieldErrors)) {
    if (t.has(key)) fieldErrors[field] = t(key);
  }
  return { ...state, fieldErrors, message: fieldErrors.form ?? state.message };
}

export async function createColumnAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await createColumn(await requireActionViewer(), input(formData));
  } catch (error) {
    return refused(error, values);
  }
  revalidateColumns();
  const t = await getTranslations('admin.columns');
  return { ok: true, message: t('created') };
}

export async function updateColumnAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  let saved;
  try {
    saved = await updateColumn(await requireActionViewer(), requireFormId(formData), input(formData));
  } catch (error) {
    return refused(error, values);
  }
  revalidateColumns();
  const t = await getTranslations('admin.columns');
  // The stored values (trimmed, slug in lower case) are what the row shows next.
  return { ok: true, message: t('saved'), values: { name: saved.name, slug: saved.slug, description: saved.description } };
}

export async function moveColumnAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const direction = formData.get('direction') === 'up' ? 'up' : 'down';
  try {
    await moveColumn(await requireActionViewer(), requireFormId(formData), direction);
  } catch (error) {
    return refused(error);
  }
  revalidateColumns();
  return { ok: true };
}

export async function setColumnHiddenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const hidden = formData.get('hidden') === 'true';
  try {
    await setColumnHidden(await requireActionViewer(), requireFormId(formData), hidden);
  } catch (error) {
    return refused(error);
  }
  revalidateColumns();
  const t = await getTranslations('admin.columns');
  return { ok: true, message: t(hidden ? 'hiddenDone' : 'shownDone') };
}

export async function deleteColumnAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await deleteColumn(await requireActionViewer(), requireFormId(formData));
  } catch (error) {
    return refused(error);
  }
  revalidateColumns();
  const t = await getTranslations('admin.columns');
  return { ok: true, message: t('deleted') };
}
