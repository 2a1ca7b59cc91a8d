'use server';

import { getTranslations } from 'next-intl/server';
import { formValues, toActionState, type ActionState } from '@/lib/action-result';
import { signIn } from '@/lib/auth';
import { requireActionViewer } from '@/lib/session';
import { changeOwnPassword, updateOwnProfile } from '@/lib/users';
import { revalidatePortal } from '../revalidate';

// Changing the password ends every session of the account (including this
// one), so the user is signed in again here with the new password.
export async function changePasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
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

export async function updateProfileAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await updateOwnProfile(await requireActionViewer(), { displayName: values.displayName, email: values.email, phone: values.phone });
  } catch (error) {
    return toActionState(error, values);
  }
  revalidatePortal();
  const t = await getTranslations('account');
  return { ok: true, message: t('profileSaved'), values };
}
