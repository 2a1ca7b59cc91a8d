'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { formFields, formId, formText, formValues, malformedRowForm, validatedAction, type ActionState } from '@/lib/action-result';
import {
  addWordEntry,
  createWordList,
  deleteWordEntry,
  deleteWordList,
  importWordEntries,
  renameWordList,
  setWordListEnabled,
  updateWordEntry,
} from '@/lib/content-check';
import type { ImportState } from '@/components/admin/words/import-form';
import { validationError } from '@/lib/errors';
import { updateSettings } from '@/lib/settings';

// Thin adapters over lib/content-check, which checks words:manage itself.

const echo = (_prev: ActionState, formData: FormData) => formValues(formData);

function revalidateWords(): void {
  revalidatePath('/admin/words', 'layout');
}

async function done(key: string, values?: Record<string, string>): Promise<ActionState> {
  const t = await getTranslations('admin.words');
  return { ok: true, message: t(key), values };
}

export const createWordListAction = validatedAction({ input: formFields, schema: z.object({ name: formText, category: formText }), values: echo }, async (input, viewer) => {
  await createWordList(viewer, input);
  revalidateWords();
  return done('created');
});

export const renameWordListAction = validatedAction(
  { input: formFields, schema: z.object({ id: formId, name: formText }), values: echo, malformed: malformedRowForm },
  async ({ id, name }, viewer, values) => {
    await renameWordList(viewer, id, { name });
    revalidateWords();
    return done('saved', values);
  },
);

export const toggleWordListAction = validatedAction(
  { input: formFields, schema: z.object({ id: formId, enabled: formText }), malformed: malformedRowForm },
  async ({ id, enabled }, viewer) => {
    await setWordListEnabled(viewer, id, enabled === 'true');
    revalidateWords();
    return done(enabled === 'true' ? 'enabledOk' : 'disabledOk');
  },
);

export const deleteWordListAction = validatedAction({ input: formFields, schema: z.object({ id: formId }), malformed: malformedRowForm }, async ({ id }, viewer) => {
  await deleteWordList(viewer, id);
  revalidateWords();
  return done('deleted');
});

const entryFields = { word: formText, replacement: formText, title: formText, position: formText, validFrom: formText, validTo: formText };

export const addWordEntryAction = validatedAction(
  { input: formFields, schema: z.object({ listId: formId, ...entryFields }), values: echo, malformed: malformedRowForm },
  async ({ listId, ...entry }, viewer) => {
    await addWordEntry(viewer, listId, entry);
    revalidateWords();
    return done('entryAdded');
  },
);

export const updateWordEntryAction = validatedAction(
  { input: formFields, schema: z.object({ id: formId, ...entryFields }), values: echo, malformed: malformedRowForm },
  async ({ id, ...entry }, viewer, values) => {
    await updateWordEntry(viewer, id, entry);
    revalidateWords();
    return done('entrySaved', values);
  },
);

export const deleteWordEntryAction = validatedAction({ input: formFields, schema: z.object({ id: formId }), malformed: malformedRowForm }, async ({ id }, viewer) => {
  await deleteWordEntry(viewer, id);
  revalidateWords();
  return done('entryDeleted');
});

const importForm = z.object({ listId: formId, file: z.instanceof(File, { message: 'file_empty' }), mode: z.enum(['preview', 'import']).catch('preview') });

// The preview reads the file and writes nothing; the import writes and audits.
export const importWordsAction = validatedAction(
  { input: (_prev: ImportState, formData: FormData) => ({ listId: formData.get('listId'), file: formData.get('file'), mode: formData.get('mode') }), schema: importForm, malformed: () => validationError({ file: 'file_empty' }) },
  async ({ listId, file, mode }, viewer): Promise<ImportState> => {
    const summary = await importWordEntries(viewer, listId, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, { dryRun: mode === 'preview' });
    if (mode === 'import') revalidateWords();
    const t = await getTranslations('admin.words');
    return { ok: true, message: t(mode === 'preview' ? 'previewed' : 'imported', { added: summary.added }), summary, dryRun: mode === 'preview' };
  },
);

export const personalInfoAction = validatedAction({ input: formFields, schema: z.object({ personalInfo: formText }), values: echo }, async ({ personalInfo }, viewer) => {
  await updateSettings(viewer, 'contentCheck', { personalInfo: personalInfo as 'off' | 'caution' | 'forbidden' });
  revalidateWords();
  return done('saved');
});
