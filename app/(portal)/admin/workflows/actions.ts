'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { formFields, formId, formText, malformedRowForm, toActionState, validatedAction, type ActionState } from '@/lib/action-result';
import { isAppError } from '@/lib/errors';
import { parseId } from '@/lib/ids';
import { createFlow, deleteFlow, setColumnFlow, setDefaultFlow, updateFlow } from '@/lib/review-flows';
import { revalidatePortal } from '../../revalidate';

// Thin adapters over lib/review-flows, which checks workflows:manage itself.
// The form sends its stages as one JSON field; lib/ validates every part.

const stagesField = z
  .string()
  .catch('')
  .transform((text): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  });

const flowForm = z.object({ name: formText, stages: stagesField });
const updateForm = flowForm.extend({
  id: formId,
  // What the form was opened on; anything unreadable is simply stale.
  versionNumber: z.coerce.number().int().catch(0),
  updatedAt: z
    .string()
    .catch('')
    .transform((text) => (Number.isNaN(Date.parse(text)) ? null : new Date(text))),
});
const rowForm = z.object({ id: formId });
// An empty choice is the site's default.
const columnFlowForm = z.object({
  id: formId,
  flowId: z
    .string()
    .catch('')
    .transform((value, ctx) => {
      if (value === '') return null;
      const id = parseId(value);
      if (id === null) ctx.addIssue({ code: 'custom', message: 'flow_unknown' });
      return id;
    }),
});

// The flow codes worded in this page's namespace, with their numbers and
// names; a name too long says which limit it met.
async function refused(error: unknown): Promise<ActionState> {
  const state = await toActionState(error);
  if (!isAppError(error) || !error.fieldErrors) return state;
  const t = await getTranslations('admin.workflows.errors');
  const fieldErrors = { ...state.fieldErrors };
  for (const [field, code] of Object.entries(error.fieldErrors)) {
    const key = code === 'too_long' ? (field === 'name' ? 'flow_name_too_long' : field.endsWith('.name') ? 'stage_name_too_long' : code) : code;
    if (t.has(key)) fieldErrors[field] = t(key, error.params ?? {});
  }
  return { ...state, fieldErrors, message: fieldErrors.form ?? state.message };
}

export const createFlowAction = validatedAction({ input: formFields, schema: flowForm, refused }, async (input, viewer) => {
  const saved = await createFlow(viewer, input);
  revalidatePortal();
  const t = await getTranslations('admin.workflows');
  return { ok: true, message: t('created', { name: saved.name }) };
});

export const updateFlowAction = validatedAction({ input: formFields, schema: updateForm, malformed: malformedRowForm, refused }, async ({ id, versionNumber, updatedAt, ...input }, viewer) => {
  const saved = await updateFlow(viewer, id, versionNumber, input, { updatedAt });
  revalidatePortal();
  const t = await getTranslations('admin.workflows');
  return { ok: true, message: saved.versionNumber !== versionNumber ? t('saved', { number: saved.versionNumber }) : t('renamed') };
});

export const setDefaultFlowAction = validatedAction({ input: formFields, schema: rowForm, malformed: malformedRowForm, refused }, async ({ id }, viewer) => {
  await setDefaultFlow(viewer, id);
  revalidatePortal();
  const t = await getTranslations('admin.workflows');
  return { ok: true, message: t('defaultSet') };
});

export const deleteFlowAction = validatedAction({ input: formFields, schema: rowForm, malformed: malformedRowForm, refused }, async ({ id }, viewer) => {
  await deleteFlow(viewer, id);
  revalidatePortal();
  const t = await getTranslations('admin.workflows');
  return { ok: true, message: t('deleted') };
});

export const setColumnFlowAction = validatedAction({ input: formFields, schema: columnFlowForm, malformed: malformedRowForm, refused }, async ({ id, flowId }, viewer) => {
  await setColumnFlow(viewer, id, flowId);
  revalidatePortal();
  const t = await getTranslations('admin.workflows');
  return { ok: true, message: t('columnSaved') };
});
