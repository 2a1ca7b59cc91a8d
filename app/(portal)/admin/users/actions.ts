'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { formArgument, formFields, formId, formText, formValues, malformedRowForm, validatedAction, type ActionState } from '@/lib/action-result';
import { AppError } from '@/lib/errors';
import { idSchema, optionalIdSchema } from '@/lib/id-schemas';
import { revealContact, type ContactField } from '@/lib/personal-data';
import { signOutEverywhere } from '@/lib/sessions';
import { resetTwoFactor } from '@/lib/two-factor';
import { createUser, resetUserPassword, setUserDisabled, updateUser } from '@/lib/users';
import { unlockAccount } from '@/lib/account-security';

// Thin adapters: parse, call one lib/users function, revalidate. lib/ checks
// permissions and rules itself; nothing in these forms (hidden ids included)
// is trusted for that.

const profileFields = {
  displayName: formText,
  role: formText,
  // "No unit" goes to lib/ as undefined: its schema takes a number or nothing.
  unitId: optionalIdSchema('unit_unknown').transform((id) => id ?? undefined),
  email: formText,
  phone: formText,
  adminDuties: z.array(z.string()).catch([]),
  // An editor's columns, a checkbox each; none ticked is every column.
  columnIds: z.array(z.coerce.number()).catch([]),
};
const createForm = z.object({ username: formText, ...profileFields, password: formText });
// A contact field shown masked is not sent: left out, it is kept.
const updateForm = z.object({ id: formId, ...profileFields, email: formText.optional(), phone: formText.optional() });
const disabledForm = z.object({ id: formId, disabled: z.enum(['1', '0']) });
const resetForm = z.object({ id: formId, password: formText });

// The duties checked (a checkbox per duty): every value, not the first.
function withDuties(prev: ActionState, formData: FormData) {
  const form = formArgument(formData);
  return { ...formFields(prev, formData), adminDuties: form.getAll('adminDuties'), columnIds: form.getAll('columnIds') };
}

function shownAgain(formData: FormData, skip: string[] = []): Record<string, string> {
  const form = formArgument(formData);
  const all = (name: string) => form.getAll(name).filter((v) => typeof v === 'string').join(',');
  return { ...formValues(formData, skip), adminDuties: all('adminDuties'), columnIds: all('columnIds') };
}

function revalidateUsers(): void {
  revalidatePath('/admin/users', 'layout');
}

// The password is never sent back, not even when the form is refused.
export const createUserAction = validatedAction(
  { input: withDuties, schema: createForm, values: (_prev: ActionState, formData: FormData) => shownAgain(formData, ['password']) },
  async (input, viewer) => {
    const { user, generatedPassword } = await createUser(viewer, input);
    revalidateUsers();
    const t = await getTranslations('admin.users');
    return {
      ok: true,
      message: t('created', { username: user.username }),
      data: { id: String(user.id), username: user.username, displayName: user.displayName, generatedPassword: generatedPassword ?? '' },
    };
  },
);

export const updateUserAction = validatedAction(
  { input: withDuties, schema: updateForm, values: (_prev: ActionState, formData: FormData) => shownAgain(formData), malformed: malformedRowForm },
  async ({ id, ...input }, viewer, values) => {
    await updateUser(viewer, id, input);
    revalidateUsers();
    const t = await getTranslations('admin.users');
    return { ok: true, message: t('saved'), values };
  },
);

export const setUserDisabledAction = validatedAction(
  {
    input: formFields,
    schema: disabledForm,
    malformed: (error) => (error.issues.some((issue) => issue.path[0] === 'id') ? malformedRowForm(error) : new AppError('validation', 'malformed disabled flag')),
  },
  async ({ id, disabled }, viewer) => {
    await setUserDisabled(viewer, id, disabled === '1');
    revalidateUsers();
    const t = await getTranslations('admin.users');
    return { ok: true, message: disabled === '1' ? t('disabled') : t('enabled') };
  },
);

export const resetUserPasswordAction = validatedAction({ input: formFields, schema: resetForm, malformed: malformedRowForm }, async ({ id, password }, viewer) => {
  const { generatedPassword } = await resetUserPassword(viewer, id, password);
  revalidateUsers();
  const t = await getTranslations('admin.users');
  return { ok: true, message: t('resetDone'), data: { generatedPassword: generatedPassword ?? '' } };
});

// Ends every session of the account (lib/sessions; audited there).
export const signOutEverywhereAction = validatedAction({ input: (id: number) => id, schema: idSchema }, async (id, viewer): Promise<ActionState> => {
  await signOutEverywhere(viewer, id);
  revalidateUsers();
  const t = await getTranslations('admin.users');
  return { ok: true, message: t('signOutEverywhereDone') };
});

// Removes the account's second factor and ends its sessions (lib/two-factor; audited there).
export const resetTwoFactorAction = validatedAction({ input: (id: number) => id, schema: idSchema }, async (id, viewer): Promise<ActionState> => {
  await resetTwoFactor(viewer, id);
  revalidateUsers();
  const t = await getTranslations('admin.users');
  return { ok: true, message: t('twoFactorResetDone') };
});

// One account's e-mail or phone in full where the site masks them
// (lib/personal-data checks the permission and audits it).
export const revealContactAction = validatedAction(
  { input: (userId: number, field: ContactField) => ({ userId, field }), schema: z.object({ userId: idSchema, field: z.enum(['email', 'phone']) }) },
  async ({ userId, field }, viewer): Promise<ActionState> => {
    const value = await revealContact(viewer, userId, field);
    return { ok: true, data: { value: value ?? '' } };
  },
);

// Lifts a lockout from failed sign-ins (lib/account-security; audited there).
export const unlockAccountAction = validatedAction({ input: (id: number) => id, schema: idSchema }, async (id, viewer): Promise<ActionState> => {
  await unlockAccount(viewer, id);
  revalidateUsers();
  const t = await getTranslations('admin.users');
  return { ok: true, message: t('unlockDone') };
});
