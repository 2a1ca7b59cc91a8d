'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { formArgument, formFields, formText, formValues, toActionState, validatedAction, type ActionState } from '@/lib/action-result';
import { signIn } from '@/lib/auth';
import { homePathFor } from '@/lib/authz';
import { requireActionViewer } from '@/lib/session';
import { signOutOtherSessions, signOutSession } from '@/lib/sessions';
import { confirmTwoFactorEnrolment, disableTwoFactor, regenerateRecoveryCodes, startTwoFactorEnrolment } from '@/lib/two-factor';
import { changeOwnPassword, updateOwnProfile } from '@/lib/users';
import { revalidatePortal } from '../revalidate';

// Changing the password ends every session of the account (including this
// one), so the user is signed in again here with the new password. Not
// through validatedAction: signing in again follows a change already made,
// so its failure is not a refusal of this form and must not be shown as one.
export async function changePasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const formData = formArgument(form);
  const input = {
    currentPassword: String(formData.get('currentPassword') ?? ''),
    newPassword: String(formData.get('newPassword') ?? ''),
    confirmPassword: String(formData.get('confirmPassword') ?? ''),
  };
  let username: string;
  let next: string;
  try {
    const viewer = await requireActionViewer();
    username = viewer.username;
    // A first (or expired) password changed opens the portal: on to the
    // user's home. A change by choice stays here and says it is saved.
    next = viewer.mustChangePassword ? homePathFor(viewer) : '/account/password?changed=1';
    await changeOwnPassword(viewer, input);
  } catch (error) {
    return toActionState(error);
  }
  await signIn('credentials', { username, password: input.newPassword, redirectTo: next });
  return { ok: true };
}

// Missing fields go to lib/ as undefined, which its schema decides about.
const profileForm = z.object({ displayName: z.string().optional(), email: z.string().optional(), phone: z.string().optional() });

const echo = (_prev: ActionState, formData: FormData) => formValues(formData);

export const updateProfileAction = validatedAction({ input: echo, schema: profileForm, values: echo }, async (input, viewer, values) => {
  await updateOwnProfile(viewer, input);
  revalidatePortal();
  const t = await getTranslations('account');
  return { ok: true, message: t('profileSaved'), values };
});

const sessionArg = z.string().min(1).max(64);

// One of my other sign-ins, or all of them but this one (lib/sessions).
export const signOutSessionAction = validatedAction({ input: (id: string) => id, schema: sessionArg }, async (id, viewer): Promise<ActionState> => {
  await signOutSession(viewer, id);
  revalidatePortal();
  return { ok: true };
});

export const signOutOtherSessionsAction = validatedAction({ input: () => ({}), schema: z.object({}) }, async (_input, viewer): Promise<ActionState> => {
  const count = await signOutOtherSessions(viewer);
  revalidatePortal();
  const t = await getTranslations('account');
  return { ok: true, message: t('sessionsSignedOut', { count }) };
});

// /account/two-factor. Confirming and regenerating answer with the recovery
// codes to show once, and leave the page as it is until the user goes on:
// a re-render would take the codes off the screen.
const TWO_FACTOR_PAGE = '/account/two-factor';

export const startTwoFactorAction = validatedAction({ input: () => ({}), schema: z.object({}) }, async (_input, viewer): Promise<ActionState> => {
  await startTwoFactorEnrolment(viewer);
  revalidatePath(TWO_FACTOR_PAGE);
  return { ok: true };
});

const codeForm = z.object({ code: formText });

export const confirmTwoFactorAction = validatedAction({ input: formFields, schema: codeForm }, async (input, viewer): Promise<ActionState> => {
  const { recoveryCodes } = await confirmTwoFactorEnrolment(viewer, input);
  const t = await getTranslations('twoFactor');
  return { ok: true, message: t('enabled'), data: { recoveryCodes: recoveryCodes.join(' ') } };
});

export const regenerateRecoveryCodesAction = validatedAction({ input: formFields, schema: codeForm }, async (input, viewer): Promise<ActionState> => {
  const { recoveryCodes } = await regenerateRecoveryCodes(viewer, input);
  const t = await getTranslations('twoFactor');
  return { ok: true, message: t('codesRegenerated'), data: { recoveryCodes: recoveryCodes.join(' ') } };
});

export const disableTwoFactorAction = validatedAction({ input: formFields, schema: z.object({ credential: formText }) }, async (input, viewer): Promise<ActionState> => {
  await disableTwoFactor(viewer, input);
  revalidatePath(TWO_FACTOR_PAGE);
  const t = await getTranslations('twoFactor');
  return { ok: true, message: t('disabled') };
});
