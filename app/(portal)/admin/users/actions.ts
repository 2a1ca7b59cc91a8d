'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { formValues, toActionState, type ActionState } from '@/lib/action-result';
import { AppError } from '@/lib/errors';
import { requireActionViewer } from '@/lib/session';
import { createUser, resetUserPassword, setUserDisabled, updateUser } from '@/lib/users';
import { parseOptionalId, requireFormId } from '../parse';

// Thin adapters: parse, call one lib/users function, revalidate. lib/ checks
// permissions and rules itself; nothing in these forms (hidden ids included)
// is trusted for that.

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
}

// "No unit" goes to lib/ as undefined: its schema takes a number or nothing.
function unitIdOf(formData: FormData): number | undefined {
  return parseOptionalId(formData.get('unitId'), 'unitId', 'unit_unknown') ?? undefined;
}

function revalidateUsers(): void {
  revalidatePath('/admin/users', 'layout');
}

export async function createUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  // The password is never sent back, not even when the form is refused.
  const values = formValues(formData, ['password']);
  let result: Awaited<ReturnType<typeof createUser>>;
  try {
    const viewer = await requireActionViewer();
    result = await createUser(viewer, {
      username: text(formData, 'username'),
      displayName: text(formData, 'displayName'),
      role: text(formData, 'role'),
      unitId: unitIdOf(formData),
      email: text(formData, 'email'),
      phone: text(formData, 'phone'),
      password: text(formData, 'password'),
    });
  } catch (error) {
    return toActionState(error, values);
  }
  revalidateUsers();
  const t = await getTranslations('admin.users');
  const { user, generatedPassword } = result;
  return {
    ok: true,
    message: t('created', { username: user.username }),
    data: { id: String(user.id), username: user.username, displayName: user.displayName, generatedPassword: generatedPassword ?? '' },
  };
}

export async function updateUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const viewer = await requireActionViewer();
    await updateUser(viewer, requireFormId(formData), {
      displayName: text(formData, 'displayName'),
      role: text(formData, 'role'),
      unitId: unitIdOf(formData),
      email: text(formData, 'email'),
      phone: text(formData, 'phone'),
    });
  } catch (error) {
    return toActionState(error, values);
  }
  revalidateUsers();
  const t = await getTranslations('admin.users');
  return { ok: true, message: t('saved'), values };
}

export async function setUserDisabledAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let disabled: boolean;
  try {
    const viewer = await requireActionViewer();
    const id = requireFormId(formData);
    const wanted = formData.get('disabled');
    if (wanted !== '1' && wanted !== '0') throw new AppError('validation', 'malformed disabled flag');
    disabled = wanted === '1';
    await setUserDisabled(viewer, id, disabled);
  } catch (error) {
    return toActionState(error);
  }
  revalidateUsers();
  const t = await getTranslations('admin.users');
  return { ok: true, message: disabled ? t('disabled') : t('enabled') };
}

export async function resetUserPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let generatedPassword: string | null;
  try {
    const viewer = await requireActionViewer();
    ({ generatedPassword } = await resetUserPassword(viewer, requireFormId(formData), text(formData, 'password')));
  } catch (error) {
    return toActionState(error);
  }
  revalidateUsers();
  const t = await getTranslations('admin.users');
  return { ok: true, message: t('resetDone'), data: { generatedPassword: generatedPassword ?? '' } };
}
