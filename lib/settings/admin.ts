import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { media, siteSettings } from '@/db/schema';
import { getDb, type Tx } from '@/db/client';
import { auditActor } from '../actors';
import { recordAudit } from '../audit';
import { can, type Permission } from '../authz';
import { AppError, fieldErrorsFrom, validationError } from '../errors';
import { MAX_ID } from '../ids';
import { logger } from '../logger';
import { getMailTransport, senderAddress } from '../mail/transport';
import { requirePermission, type Viewer } from '../viewer';
import { clearSettingsCache, isMailConfigured, publicSmtpSettings, type PublicSmtpSettings } from './read';
import { AUDIT_RETENTION_MAX_DAYS, AUDIT_RETENTION_MIN_DAYS, getUploadCeilingMb, isValidTimeZone, MAILBOX, readGroups, UPLOAD_MIN_MB, type AllSettings, type AuditSettings, type PrivacySettings, type ReviewSettings, type SiteSettings, type UploadSettings } from './stored';
import { writeSettingsGroup } from './internal/write';
import { typedText } from '../text-input';
import { TWO_FACTOR_REQUIREMENTS } from '../two-factor/policy';
import { accountPolicyInput, assertAdminNetworksKeepViewer, refineRoleSessionLimits } from '../security/account-policy-input';

// ——— The administrator's settings page ———
// Stricter than the stored schemas above (which must read any old row): what
// an administrator may save. Messages are catalog keys under
// admin.settings.errors, falling back to errors.fields.

const text = (max: number) => typedText({ error: 'invalid' }).trim().max(max, 'too_long');
const wholeNumber = (min: number, max: number, key: string) => z.number({ error: key }).int(key).min(min, key).max(max, key);

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.username && !url.password && !url.search && !url.hash;
  } catch {
    return false;
  }
}

const siteInput = z.object({
  name: text(60).min(1, 'required'),
  // Stored without the trailing slash: links are built as `${baseUrl}/path`.
  baseUrl: text(200)
    .refine((v) => v === '' || isHttpUrl(v), 'base_url_format')
    .transform((v) => v.replace(/\/+$/, '')),
  timeZone: typedText({ error: 'time_zone_unknown' }).trim().refine(isValidTimeZone, 'time_zone_unknown'),
  defaultSource: text(60),
  logoMediaId: z.number({ error: 'logo_unknown' }).int('logo_unknown').positive('logo_unknown').max(MAX_ID, 'logo_unknown').nullable(),
});

const footerInput = z.object({
  copyright: text(200),
  sponsor: text(100),
  operator: text(100),
  publicSecurityRecord: text(100),
  publicSecurityRecordCode: text(30).regex(/^[0-9]*$/, 'record_code_format'),
  icpRecord: text(100),
  phone: text(60),
  extortionHotline: text(60),
  extortionHotlineLabel: text(100),
  copyrightNotice: text(300),
  submissionNote: text(200),
});

const securityInput = z
  .object({
    sessionIdleMinutes: wholeNumber(5, 60 * 24 * 30, 'idle_range'),
    sessionAbsoluteHours: wholeNumber(1, 24 * 90, 'absolute_range'),
    twoFactorRequiredFor: z.enum(TWO_FACTOR_REQUIREMENTS, { error: 'invalid' }),
    ...accountPolicyInput,
  })
  .refine((v) => v.sessionIdleMinutes <= v.sessionAbsoluteHours * 60, { path: ['sessionIdleMinutes'], message: 'idle_over_absolute' })
  .superRefine(refineRoleSessionLimits);

// Megabytes with at most one decimal, between the minimum and the ceiling.
function megabytes() {
  return z
    .number({ error: 'upload_range' })
    .min(UPLOAD_MIN_MB, 'upload_range')
    .refine((v) => v <= getUploadCeilingMb(), 'upload_range')
    .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, 'upload_range');
}

const uploadsInput = z.object({ imageMaxMb: megabytes(), docxMaxMb: megabytes() });

const smtpInput = z.object({
  host: text(253).regex(/^[A-Za-z0-9.:[\]-]*$/, 'host_format'),
  port: wholeNumber(1, 65535, 'port_range'),
  secure: z.boolean(),
  requireTls: z.boolean(),
  user: text(200),
  // Write-only: left out (or empty) keeps the stored one; clearPassword removes it.
  password: typedText().max(500, 'too_long').optional(),
  clearPassword: z.boolean().optional(),
  from: text(200).refine((v) => v === '' || MAILBOX.test(v), 'mailbox_format'),
});

const privacyInput = z.object({ maskPersonalData: z.boolean() });

// Empty keeps every row of the audit trail.
const auditInput = z.object({ retentionDays: wholeNumber(AUDIT_RETENTION_MIN_DAYS, AUDIT_RETENTION_MAX_DAYS, 'retention_range').nullable() });

const reviewInput = z.object({ secrecyCheck: z.boolean(), articleShowsEditor: z.boolean(), articleShowsReviewers: z.boolean(), articleShowsSigner: z.boolean() });

// Edited at /admin/words beside the lists.
const contentCheckInput = z.object({ personalInfo: z.enum(['off', 'caution', 'forbidden'], { error: 'invalid' }) });

const inputs = { site: siteInput, footer: footerInput, security: securityInput, uploads: uploadsInput, smtp: smtpInput, privacy: privacyInput, audit: auditInput, review: reviewInput, contentCheck: contentCheckInput } as const;

// The security policy is the security administrator's; the rest the system
// administrator's (三员分立, lib/authz.ts).
export const settingsGroupPermission = {
  site: 'settings:manage',
  footer: 'settings:manage',
  uploads: 'settings:manage',
  smtp: 'settings:manage',
  security: 'security:manage',
  // Whether personal data is masked is a security policy.
  privacy: 'security:manage',
  // How long the trail is kept is policy too: not the system administrator's,
  // whose actions it records, nor the auditor's, who only reads it.
  audit: 'security:manage',
  review: 'settings:manage',
  contentCheck: 'words:manage',
} as const satisfies Record<keyof typeof inputs, Permission>;

// Policy: a change of these groups records each field's old and new value,
// not only its name (GB/T 22239-2019 asks for what a policy change was).
const policyGroups: ReadonlySet<EditableSettingsGroup> = new Set(['security', 'privacy', 'audit']);

export type EditableSettingsGroup = keyof typeof inputs;

// Pure: for server actions, whose group name arrives as form text.
export function isEditableSettingsGroup(value: unknown): value is EditableSettingsGroup {
  return typeof value === 'string' && Object.hasOwn(inputs, value);
}

export type SettingsInput<K extends EditableSettingsGroup> = z.input<(typeof inputs)[K]>;

export type SettingsForAdmin = SiteSettings & {
  uploads: UploadSettings;
  privacy: PrivacySettings;
  audit: AuditSettings;
  review: ReviewSettings;
  smtp: PublicSmtpSettings;
  // The server's upload ceiling in MB, for the page's hints.
  uploadCeilingMb: number;
};

// Administrators (settings:manage): every group as stored now, uncached. The
// SMTP password is never in it, only whether one is set.
export async function getSettingsForAdmin(viewer: Viewer): Promise<SettingsForAdmin> {
  requirePermission(viewer, can(viewer, 'settings:manage') ? 'settings:manage' : 'security:manage');
  const all = await readGroups(await getDb());
  return { site: all.site, footer: all.footer, security: all.security, uploads: all.uploads, privacy: all.privacy, audit: all.audit, review: all.review, smtp: publicSmtpSettings(all.smtp), uploadCeilingMb: getUploadCeilingMb() };
}

// A new logo must be an image the administrator uploaded that belongs to no
// story: the logo is served to everyone, so it must not expose a draft's images.
async function checkLogo(tx: Tx, viewer: Viewer, id: number): Promise<void> {
  const [row] = await tx.select({ ownerId: media.ownerId, storyId: media.storyId }).from(media).where(eq(media.id, id)).limit(1);
  if (!row || row.ownerId !== viewer.id || row.storyId !== null) throw validationError({ logoMediaId: 'logo_unknown' }, `logo media ${id}`);
}

// Administrators (settings:manage): validates one group, saves it and records
// which fields changed in one transaction: names only, but for the policy
// groups each field's old and new value too (never the SMTP password).
// Returns those names; saving the site or footer makes every public page stale.
export async function updateSettings<K extends EditableSettingsGroup>(viewer: Viewer, group: K, input: SettingsInput<K>): Promise<{ changed: string[] }> {
  requirePermission(viewer, 'portal:enter');
  if (!isEditableSettingsGroup(group)) throw new AppError('not_found', `settings group ${String(group)}`);
  requirePermission(viewer, settingsGroupPermission[group]);
  const parsed = (inputs[group] as z.ZodType).safeParse(input);
  if (!parsed.success) throw validationError(fieldErrorsFrom(parsed.error), `settings ${group}`);
  const db = await getDb();
  const changed = await db.transaction(async (tx) => {
    // One save at a time per group, so the changed fields are against what was there.
    await tx.select({ key: siteSettings.key }).from(siteSettings).where(eq(siteSettings.key, group)).for('update');
    const current = (await readGroups(tx))[group] as Record<string, unknown>;
    let next: Record<string, unknown> = { ...(parsed.data as Record<string, unknown>) };
    if (group === 'smtp') {
      const { password, clearPassword, ...rest } = next as SettingsInput<'smtp'>;
      next = { ...rest, password: clearPassword ? '' : password ? password : current.password };
    }
    if (group === 'security') assertAdminNetworksKeepViewer(viewer, next.adminNetworks as string[] | undefined);
    if (group === 'site' && next.logoMediaId !== null && next.logoMediaId !== current.logoMediaId) {
      await checkLogo(tx, viewer, next.logoMediaId as number);
    }
    const names = Object.keys(next).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]));
    if (names.length === 0) return names;
    await writeSettingsGroup(tx, group, next as Partial<AllSettings[K]>, viewer.id);
    const changes = policyGroups.has(group) ? { changes: Object.fromEntries(names.map((name) => [name, { from: current[name] ?? null, to: next[name] ?? null }])) } : {};
    await recordAudit(tx, { ...auditActor(viewer), action: 'settings.update', targetType: 'settings', targetId: group, meta: { fields: names, ...changes } });
    return names;
  });
  // Again after the commit: a read between the write and the commit may have cached the old value.
  clearSettingsCache();
  return { changed };
}

const MAILBOX_ONLY = /^[^\s<>@]+@[^\s<>@]+$/;

// Administrators (settings:manage): sends one message with the saved SMTP
// settings, so they can see mail works. A refusal from the mail server is
// logged; the user is told it did not go, without the server's words.
export async function sendTestEmail(viewer: Viewer, input: { to: string; subject: string; text: string }): Promise<void> {
  requirePermission(viewer, 'settings:manage');
  const to = input.to.trim();
  if (!MAILBOX_ONLY.test(to) || to.length > 200) throw validationError({ testTo: 'email_format' });
  const smtp = (await readGroups(await getDb())).smtp;
  if (!isMailConfigured(smtp)) throw validationError({ testTo: 'smtp_not_configured' });
  try {
    await getMailTransport(smtp).sendMail({ from: senderAddress(smtp), to, subject: input.subject, text: input.text });
  } catch (error) {
    const err = error as { message?: string; code?: string; responseCode?: number };
    logger.warn({ code: err.code, responseCode: err.responseCode, message: err.message }, 'test e-mail not sent');
    throw validationError({ testTo: 'test_mail_failed' }, `test mail: ${err.code ?? err.message}`);
  }
}

