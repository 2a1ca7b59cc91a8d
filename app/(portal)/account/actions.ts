'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { formArgument, formValues, toActionState, validatedAction, type ActionState } from '@/lib/action-result';
import { signIn } from '@/lib/auth';
import { requireActionViewer } from '@/lib/session';
import { signOutOtherSessions, signOutSession } from '@/lib/sessions';
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
  try {
    const viewer = await requireActionViewer();
    username = viewer.username;
    await changeOwnPassword(viewer, input);
  } catch (error) {
    return toActionState(error);
  }
  await signIn('credentials', { username, password: input.newPassword, redirectTo: '/account/password?changed=1' });
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
