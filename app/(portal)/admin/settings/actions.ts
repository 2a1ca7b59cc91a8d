'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { formValues, toActionState, type ActionState } from '@/lib/action-result';
import { isAppError, validationError } from '@/lib/errors';
import { requireActionViewer } from '@/lib/session';
import { getSiteSettings, getUploadCeilingMb, isEditableSettingsGroup, sendTestEmail, UPLOAD_MIN_MB, updateSettings, type EditableSettingsGroup, type SettingsInput } from '@/lib/settings';

// Thin adapters over lib/settings, which checks settings:manage itself.

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
}

// Empty or not a number → NaN, which lib/ refuses with the field's message.
function numberField(formData: FormData, name: string): number {
  const value = field(formData, name).trim();
  return value === '' ? Number.NaN : Number(value);
}

function optionalId(formData: FormData, name: string): number | null {
  const value = field(formData, name).trim();
  return value === '' ? null : /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : Number.NaN;
}

const isTicked = (formData: FormData, name: string) => formData.get(name) === 'on';

function inputOf(group: EditableSettingsGroup, formData: FormData): SettingsInput<EditableSettingsGroup> {
  const f = (name: string) => field(formData, name);
  switch (group) {
    case 'site':
      return { name: f('name'), baseUrl: f('baseUrl'), timeZone: f('timeZone'), defaultSource: f('defaultSource'), logoMediaId: optionalId(formData, 'logoMediaId') };
    case 'footer':
      return {
        copyright: f('copyright'),
        sponsor: f('sponsor'),
        operator: f('operator'),
        publicSecurityRecord: f('publicSecurityRecord'),
        publicSecurityRecordCode: f('publicSecurityRecordCode'),
        icpRecord: f('icpRecord'),
        phone: f('phone'),
        extortionHotline: f('extortionHotline'),
        extortionHotlineLabel: f('extortionHotlineLabel'),
        copyrightNotice: f('copyrightNotice'),
        submissionNote: f('submissionNote'),
      };
    case 'security':
      return { sessionIdleMinutes: numberField(formData, 'sessionIdleMinutes'), sessionAbsoluteHours: numberField(formData, 'sessionAbsoluteHours') };
    case 'uploads':
      return { imageMaxMb: numberField(formData, 'imageMaxMb'), docxMaxMb: numberField(formData, 'docxMaxMb') };
    case 'smtp':
      return {
        host: f('host'),
        port: numberField(formData, 'port'),
        secure: isTicked(formData, 'secure'),
        requireTls: isTicked(formData, 'requireTls'),
        user: f('user'),
        // Blank keeps the stored password.
        password: f('password') === '' ? undefined : f('password'),
        clearPassword: isTicked(formData, 'clearPassword'),
        from: f('from'),
      };
  }
}

// Field messages from this page's catalog (admin.settings.errors), the
// shared ones (errors.fields) otherwise; anything else as every action does.
async function toSettingsState(error: unknown, values: Record<string, string>): Promise<ActionState> {
  if (!isAppError(error) || error.code !== 'validation' || !error.fieldErrors) return toActionState(error, values);
  const [t, te] = await Promise.all([getTranslations('admin.settings.errors'), getTranslations('errors')]);
  const params = { min: UPLOAD_MIN_MB, max: getUploadCeilingMb() };
  const fieldErrors = Object.fromEntries(
    Object.entries(error.fieldErrors).map(([name, key]) => [
      name,
      t.has(key as 'required') ? t(key as 'required', params) : te.has(`fields.${key}` as 'fields.required') ? te(`fields.${key}` as 'fields.required') : te('validation'),
    ]),
  );
  return { ok: false, message: te('validation'), fieldErrors, values };
}

export async function saveSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  // The password is never sent back: the form keeps what was typed itself.
  const values = formValues(formData, ['password']);
  const group = formData.get('group');
  const t = await getTranslations('admin.settings');
  let changed: string[];
  try {
    if (!isEditableSettingsGroup(group)) throw validationError({ form: 'invalid' }, 'unknown settings group');
    ({ changed } = await updateSettings(await requireActionViewer(), group, inputOf(group, formData)));
  } catch (error) {
    return toSettingsState(error, values);
  }
  // Public pages hear of it through lib/public-cache; the portal renders per request.
  revalidatePath('/admin/settings');
  return { ok: true, message: changed.length === 0 ? t('unchanged') : t('saved') };
}

export async function sendTestEmailAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const to = field(formData, 'testTo');
  const [t, settings] = await Promise.all([getTranslations('admin.settings.smtp'), getSiteSettings()]);
  try {
    const site = settings.site.name;
    await sendTestEmail(await requireActionViewer(), { to, subject: t('testMailSubject', { site }), text: t('testMailBody', { site }) });
  } catch (error) {
    return toSettingsState(error, values);
  }
  return { ok: true, message: t('testSent', { to: to.trim() }), values };
}
