'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { formFields, formId, formText, formValues, malformedRowForm, toActionState, validatedAction, type ActionState } from '@/lib/action-result';
import { createColumn, deleteColumn, moveColumn, setColumnHidden, updateColumn } from '@/lib/columns';
import { isAppError } from '@/lib/errors';
import { revalidatePortal } from '../../revalidate';

// Thin adapters over lib/columns, which checks columns:manage itself and
// tells the public site's cache about every change.

const columnForm = z.object({ name: formText, slug: formText, description: formText });
const rowForm = z.object({ id: formId });
const columnRowForm = columnForm.extend({ id: formId });
// Anything but "up" moves the column down, as the form's two buttons say.
const moveForm = rowForm.extend({ direction: z.enum(['up', 'down']).catch('down') });
const hiddenForm = rowForm.extend({ hidden: z.unknown().transform((value) => value === 'true') });

const echo = (_prev: ActionState, formData: FormData) => formValues(formData);

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

export const createColumnAction = validatedAction({ input: formFields, schema: columnForm, values: echo, refused }, async (input, viewer) => {
  await createColumn(viewer, input);
  revalidateColumns();
  const t = await getTranslations('admin.columns');
  return { ok: true, message: t('created') };
});

export const updateColumnAction = validatedAction(
  { input: formFields, schema: columnRowForm, values: echo, malformed: malformedRowForm, refused },
  async ({ id, ...input }, viewer) => {
    const saved = await updateColumn(viewer, id, input);
    revalidateColumns();
    const t = await getTranslations('admin.columns');
    // The stored values (trimmed, slug in lower case) are what the row shows next.
    return { ok: true, message: t('saved'), values: { name: saved.name, slug: saved.slug, description: saved.description } };
  },
);

export const moveColumnAction = validatedAction({ input: formFields, schema: moveForm, malformed: malformedRowForm, refused }, async ({ id, direction }, viewer) => {
  await moveColumn(viewer, id, direction);
  revalidateColumns();
  return { ok: true };
});

export const setColumnHiddenAction = validatedAction({ input: formFields, schema: hiddenForm, malformed: malformedRowForm, refused }, async ({ id, hidden }, viewer) => {
  await setColumnHidden(viewer, id, hidden);
  revalidateColumns();
  const t = await getTranslations('admin.columns');
  return { ok: true, message: t(hidden ? 'hiddenDone' : 'shownDone') };
});

export const deleteColumnAction = validatedAction({ input: formFields, schema: rowForm, malformed: malformedRowForm, refused }, async ({ id }, viewer) => {
  await deleteColumn(viewer, id);
  revalidateColumns();
  const t = await getTranslations('admin.columns');
  return { ok: true, message: t('deleted') };
});
