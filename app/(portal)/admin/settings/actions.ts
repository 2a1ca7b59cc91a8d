'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { formFields, formText, formValues, toActionState, validatedAction, type ActionState } from '@/lib/action-result';
import { isAppError, validationError } from '@/lib/errors';
import { AUDIT_RETENTION_MAX_DAYS, AUDIT_RETENTION_MIN_DAYS, getSiteSettings, getUploadCeilingMb, isEditableSettingsGroup, sendTestEmail, UPLOAD_MIN_MB, updateSettings, type EditableSettingsGroup, type SettingsInput } from '@/lib/settings';

// Thin adapters over lib/settings, which checks settings:manage itself.

type Fields = Record<string, unknown>;

function field(fields: Fields, name: string): string {
  const value = fields[name];
  return typeof value === 'string' ? value : '';
}

// Empty or not a number → NaN, which lib/ refuses with the field's message.
function numberField(fields: Fields, name: string): number {
  const value = field(fields, name).trim();
  return value === '' ? Number.NaN : Number(value);
}

// Blank → null (e.g. a role's limit that follows the site's); else as numberField.
function optionalNumberField(fields: Fields, name: string): number | null {
  return field(fields, name).trim() === '' ? null : numberField(fields, name);
}

// One entry per line (commas and spaces also separate them).
function listField(fields: Fields, name: string): string[] {
  return field(fields, name).split(/[\s,，]+/);
}

function optionalId(fields: Fields, name: string): number | null {
  const value = field(fields, name).trim();
  return value === '' ? null : /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : Number.NaN;
}

const isTicked = (fields: Fields, name: string) => fields[name] === 'on';

function inputOf(group: EditableSettingsGroup, fields: Fields): SettingsInput<EditableSettingsGroup> {
  const f = (name: string) => field(fields, name);
  switch (group) {
    case 'site':
      return { name: f('name'), baseUrl: f('baseUrl'), timeZone: f('timeZone'), defaultSource: f('defaultSource'), logoMediaId: optionalId(fields, 'logoMediaId') };
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
      return {
        sessionIdleMinutes: numberField(fields, 'sessionIdleMinutes'),
        sessionAbsoluteHours: numberField(fields, 'sessionAbsoluteHours'),
        twoFactorRequiredFor: f('twoFactorRequiredFor') as SettingsInput<'security'>['twoFactorRequiredFor'],
        passwordMinLength: numberField(fields, 'passwordMinLength'),
        passwordClasses: numberField(fields, 'passwordClasses'),
        passwordExpiryDays: numberField(fields, 'passwordExpiryDays'),
        passwordHistory: numberField(fields, 'passwordHistory'),
        passwordRefuseCommon: isTicked(fields, 'passwordRefuseCommon'),
        editorSessionIdleMinutes: optionalNumberField(fields, 'editorSessionIdleMinutes'),
        editorSessionAbsoluteHours: optionalNumberField(fields, 'editorSessionAbsoluteHours'),
        adminSessionIdleMinutes: optionalNumberField(fields, 'adminSessionIdleMinutes'),
        adminSessionAbsoluteHours: optionalNumberField(fields, 'adminSessionAbsoluteHours'),
        dormantDays: numberField(fields, 'dormantDays'),
        adminNetworks: listField(fields, 'adminNetworks'),
      };
    case 'uploads':
      return { imageMaxMb: numberField(fields, 'imageMaxMb'), docxMaxMb: numberField(fields, 'docxMaxMb') };
    case 'audit':
      // Empty keeps everything.
      return { retentionDays: f('retentionDays').trim() === '' ? null : numberField(fields, 'retentionDays') };
    case 'smtp':
      return {
        host: f('host'),
        port: numberField(fields, 'port'),
        secure: isTicked(fields, 'secure'),
        requireTls: isTicked(fields, 'requireTls'),
        user: f('user'),
        // Blank keeps the stored password.
        password: f('password') === '' ? undefined : f('password'),
        clearPassword: isTicked(fields, 'clearPassword'),
        from: f('from'),
      };
    case 'privacy':
      return { maskPersonalData: isTicked(fields, 'maskPersonalData') };
    case 'review':
      return {
        secrecyCheck: isTicked(fields, 'secrecyCheck'),
        articleShowsEditor: isTicked(fields, 'articleShowsEditor'),
        articleShowsReviewers: isTicked(fields, 'articleShowsReviewers'),
        articleShowsSigner: isTicked(fields, 'articleShowsSigner'),
      };
    // Edited at /admin/words (its own form posts there).
    case 'contentCheck':
      return { personalInfo: f('personalInfo') as 'off' | 'caution' | 'forbidden' };
  }
}

// Field messages from this page's catalog (admin.settings.errors), the
// shared ones (errors.fields) otherwise; anything else as every action does.
async function toSettingsState(error: unknown, values: Record<string, string> | undefined): Promise<ActionState> {
  if (!isAppError(error) || error.code !== 'validation' || !error.fieldErrors) return toActionState(error, values);
  const [t, te] = await Promise.all([getTranslations('admin.settings.errors'), getTranslations('errors')]);
  const params = { min: UPLOAD_MIN_MB, max: getUploadCeilingMb(), minDays: AUDIT_RETENTION_MIN_DAYS, maxDays: AUDIT_RETENTION_MAX_DAYS, ...error.params };
  const fieldErrors = Object.fromEntries(
    Object.entries(error.fieldErrors).map(([name, key]) => [
      name,
      t.has(key as 'required') ? t(key as 'required', params) : te.has(`fields.${key}` as 'fields.required') ? te(`fields.${key}` as 'fields.required') : te('validation'),
    ]),
  );
  return { ok: false, message: te('validation'), fieldErrors, values };
}

// Each group's form has its own fields; inputOf reads them once the group is known.
const settingsForm = z.looseObject({ group: z.custom<EditableSettingsGroup>(isEditableSettingsGroup) });
const testEmailForm = z.object({ testTo: formText });

export const saveSettingsAction = validatedAction(
  {
    input: formFields,
    schema: settingsForm,
    // The password is never sent back: the form keeps what was typed itself.
    values: (_prev: ActionState, formData: FormData) => formValues(formData, ['password']),
    malformed: () => validationError({ form: 'invalid' }, 'unknown settings group'),
    refused: toSettingsState,
  },
  async (fields, viewer) => {
    const t = await getTranslations('admin.settings');
    const { changed } = await updateSettings(viewer, fields.group, inputOf(fields.group, fields));
    // Public pages hear of it through lib/public-cache; the portal renders per request.
    revalidatePath('/admin/settings');
    return { ok: true, message: changed.length === 0 ? t('unchanged') : t('saved') };
  },
);

export const sendTestEmailAction = validatedAction(
  { input: formFields, schema: testEmailForm, values: (_prev: ActionState, formData: FormData) => formValues(formData), refused: toSettingsState },
  async ({ testTo: to }, viewer, values) => {
    const [t, settings] = await Promise.all([getTranslations('admin.settings.smtp'), getSiteSettings()]);
    const site = settings.site.name;
    await sendTestEmail(viewer, { to, subject: t('testMailSubject', { site }), text: t('testMailBody', { site }) });
    return { ok: true, message: t('testSent', { to: to.trim() }), values };
  },
);
