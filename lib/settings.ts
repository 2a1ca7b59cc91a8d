import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { media, siteSettings } from '@/db/schema';
import { getDb, type Db, type Tx } from '@/db/client';
import { auditActor } from './actors';
import { recordAudit } from './audit';
import { getEnv } from './env';
import { AppError, fieldErrorsFrom, validationError } from './errors';
import { logger } from './logger';
import { getMailTransport, senderAddress } from './mail/transport';
import { announceStalePages, EVERYTHING } from './public-cache';
import { requirePermission, type Viewer } from './viewer';
import { MAX_ID } from './ids';

// Each settings group is one row (key → JSON), parsed here with its defaults,
// so a missing or partly-written row still yields a complete, valid object.
const siteSchema = z.object({
  name: z.string().min(1).max(60).default('投稿平台'),
  // Public base URL, for canonical links and feeds (e.g. https://news.example.cn).
  baseUrl: z.string().max(200).default(''),
  timeZone: z.string().default('Asia/Shanghai'),
  defaultSource: z.string().max(60).default(''),
  // An uploaded image (lib/media) shown in the public header instead of the
  // round text mark; served to everyone while it is the logo.
  logoMediaId: z.number().int().positive().nullable().default(null),
});

const footerSchema = z.object({
  copyright: z.string().max(200).default(''),
  sponsor: z.string().max(100).default(''),
  operator: z.string().max(100).default(''),
  publicSecurityRecord: z.string().max(100).default(''),
  // The digits beian.mps.gov.cn links by (渝公网安备50011202500163号 → 50011202500163).
  publicSecurityRecordCode: z.string().max(30).default(''),
  icpRecord: z.string().max(100).default(''),
  phone: z.string().max(60).default(''),
  extortionHotline: z.string().max(60).default(''),
  extortionHotlineLabel: z.string().max(100).default(''),
  copyrightNotice: z.string().max(300).default(''),
  submissionNote: z.string().max(200).default('请使用系统指派指定账号密码登录进行投稿。'),
});

const securitySchema = z.object({
  sessionIdleMinutes: z.number().int().min(5).max(60 * 24 * 30).default(12 * 60),
  sessionAbsoluteHours: z.number().int().min(1).max(24 * 90).default(7 * 24),
});

// A display name is optional: "投稿平台 <noreply@example.cn>" or "noreply@example.cn".
const MAILBOX = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

// Outgoing mail. The password is a secret: it never leaves the server (see
// publicSmtpSettings), which is why this group is not part of SiteSettings.
const smtpSchema = z.object({
  // Empty turns e-mail off.
  host: z.string().trim().max(253).default(''),
  port: z.number().int().min(1).max(65535).default(587),
  // TLS from the first byte (usually port 465); otherwise STARTTLS when offered.
  secure: z.boolean().default(false),
  // Refuse to send unless the server upgrades to TLS with STARTTLS.
  requireTls: z.boolean().default(false),
  user: z.string().max(200).default(''),
  password: z.string().max(500).default(''),
  from: z
    .string()
    .trim()
    .max(200)
    .refine((v) => v === '' || MAILBOX.test(v), 'mailbox_format')
    .default(''),
});

// The server's UPLOAD_MAX_MB is the ceiling: the body of an upload is never
// read past it (lib/http/file-upload). The settings may lower the limits
// below it, never raise them; by default they are the ceiling.
export function getUploadCeilingMb(): number {
  return getEnv().UPLOAD_MAX_MB;
}

// Smallest limit an administrator may set, so uploads are not switched off by a typo.
export const UPLOAD_MIN_MB = 0.5;

const uploadsSchema = z.object({
  imageMaxMb: z.number().min(UPLOAD_MIN_MB).max(200).default(() => getUploadCeilingMb()),
  // Word files carry their pictures, so they may be allowed more than one image.
  docxMaxMb: z.number().min(UPLOAD_MIN_MB).max(200).default(() => getUploadCeilingMb()),
});

// Groups any page may read (getSiteSettings) and the server-only ones.
const publicGroups = { site: siteSchema, footer: footerSchema, security: securitySchema } as const;
const groups = { ...publicGroups, smtp: smtpSchema, uploads: uploadsSchema } as const;

export type SiteSettings = { [K in keyof typeof publicGroups]: z.infer<(typeof publicGroups)[K]> };
export type SmtpSettings = z.infer<typeof smtpSchema>;
export type UploadSettings = z.infer<typeof uploadsSchema>;
type AllSettings = SiteSettings & { smtp: SmtpSettings; uploads: UploadSettings };
export type SettingsGroup = keyof typeof groups;

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function parseGroup<K extends SettingsGroup>(key: K, value: unknown): AllSettings[K] {
  const parsed = groups[key].safeParse(value ?? {});
  const result = (parsed.success ? parsed.data : groups[key].parse({})) as AllSettings[K];
  if (key === 'site') {
    const site = result as SiteSettings['site'];
    if (!isValidTimeZone(site.timeZone)) site.timeZone = 'Asia/Shanghai';
    // The environment presets the public address until an administrator sets one.
    if (!site.baseUrl) site.baseUrl = (getEnv().PUBLIC_BASE_URL ?? '').replace(/\/+$/, '');
  }
  return result;
}

export function defaultSettings(): SiteSettings {
  return { site: parseGroup('site', {}), footer: parseGroup('footer', {}), security: parseGroup('security', {}) };
}

// A few seconds of staleness across instances is fine for settings; it saves
// a query on every page.
const TTL_MS = 5_000;
let cached: { at: number; value: AllSettings } | undefined;

async function getAllSettings(): Promise<AllSettings> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
  const db = await getDb();
  const rows = await db.select().from(siteSettings);
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const site: SiteSettings = {
    site: parseGroup('site', byKey.get('site')),
    footer: parseGroup('footer', byKey.get('footer')),
    security: parseGroup('security', byKey.get('security')),
  };
  const value: AllSettings = { ...site, smtp: parseGroup('smtp', byKey.get('smtp')), uploads: parseGroup('uploads', byKey.get('uploads')) };
  cached = { at: Date.now(), value };
  return value;
}

// Public: the settings anyone may see (site identity, footer) and the session
// limits the app enforces. Writing them is issue-6 admin work (settings:manage).
export async function getSiteSettings(): Promise<SiteSettings> {
  const { site, footer, security } = await getAllSettings();
  return { site, footer, security };
}

// Server only, for sending mail: includes the SMTP password.
export async function getSmtpSettings(): Promise<SmtpSettings> {
  return (await getAllSettings()).smtp;
}

// Server only, for lib/media and the upload routes: the limits in force, in
// bytes, never above the server's ceiling.
export async function getUploadLimits(): Promise<{ imageBytes: number; docxBytes: number }> {
  const { uploads } = await getAllSettings();
  const ceiling = getUploadCeilingMb();
  const bytes = (mb: number) => Math.floor(Math.min(mb, ceiling) * 1024 * 1024);
  return { imageBytes: bytes(uploads.imageMaxMb), docxBytes: bytes(uploads.docxMaxMb) };
}

export function isMailConfigured(smtp: SmtpSettings): boolean {
  return smtp.host !== '';
}

export type PublicSmtpSettings = Omit<SmtpSettings, 'password'> & { hasPassword: boolean };

// What the admin page may show: the password is write-only, so only whether
// one is set. To keep it when saving, leave `password` out of the write.
export function publicSmtpSettings(smtp: SmtpSettings): PublicSmtpSettings {
  const { password, ...rest } = smtp;
  return { ...rest, hasPassword: password !== '' };
}

export function clearSettingsCache(): void {
  cached = undefined;
}

// For seeding and for the admin settings page: merges and validates a group.
export async function writeSettingsGroup<K extends SettingsGroup>(
  db: Db | Tx,
  key: K,
  value: Partial<AllSettings[K]>,
  updatedById: number | null,
): Promise<void> {
  const current = (await db.select().from(siteSettings)).find((r) => r.key === key)?.value ?? {};
  const merged = groups[key].parse({ ...(current as object), ...value });
  await db
    .insert(siteSettings)
    .values({ key, value: merged, updatedById })
    .onConflictDoUpdate({ target: siteSettings.key, set: { value: merged, updatedById, updatedAt: new Date() } });
  clearSettingsCache();
  // The site's name, address, time zone and footer are on every public page.
  if (key === 'site' || key === 'footer') await announceStalePages(db, EVERYTHING);
}

// ——— The administrator's settings page ———
// Stricter than the stored schemas above (which must read any old row): what
// an administrator may save. Messages are catalog keys under
// admin.settings.errors, falling back to errors.fields.

const text = (max: number) => z.string({ error: 'invalid' }).trim().max(max, 'too_long');
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
  timeZone: z.string({ error: 'time_zone_unknown' }).trim().refine(isValidTimeZone, 'time_zone_unknown'),
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
  })
  .refine((v) => v.sessionIdleMinutes <= v.sessionAbsoluteHours * 60, { path: ['sessionIdleMinutes'], message: 'idle_over_absolute' });

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
  password: z.string().max(500, 'too_long').optional(),
  clearPassword: z.boolean().optional(),
  from: text(200).refine((v) => v === '' || MAILBOX.test(v), 'mailbox_format'),
});

const inputs = { site: siteInput, footer: footerInput, security: securityInput, uploads: uploadsInput, smtp: smtpInput } as const;

export type EditableSettingsGroup = keyof typeof inputs;

// Pure: for server actions, whose group name arrives as form text.
export function isEditableSettingsGroup(value: unknown): value is EditableSettingsGroup {
  return typeof value === 'string' && Object.hasOwn(inputs, value);
}

export type SettingsInput<K extends EditableSettingsGroup> = z.input<(typeof inputs)[K]>;

export type SettingsForAdmin = SiteSettings & {
  uploads: UploadSettings;
  smtp: PublicSmtpSettings;
  // The server's upload ceiling in MB, for the page's hints.
  uploadCeilingMb: number;
};

async function readGroups(db: Db | Tx): Promise<AllSettings> {
  const rows = await db.select().from(siteSettings);
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  return {
    site: parseGroup('site', byKey.get('site')),
    footer: parseGroup('footer', byKey.get('footer')),
    security: parseGroup('security', byKey.get('security')),
    smtp: parseGroup('smtp', byKey.get('smtp')),
    uploads: parseGroup('uploads', byKey.get('uploads')),
  };
}

// Administrators (settings:manage): every group as stored now, uncached. The
// SMTP password is never in it, only whether one is set.
export async function getSettingsForAdmin(viewer: Viewer): Promise<SettingsForAdmin> {
  requirePermission(viewer, 'settings:manage');
  const all = await readGroups(await getDb());
  return { site: all.site, footer: all.footer, security: all.security, uploads: all.uploads, smtp: publicSmtpSettings(all.smtp), uploadCeilingMb: getUploadCeilingMb() };
}

// A new logo must be an image the administrator uploaded that belongs to no
// story: the logo is served to everyone, so it must not expose a draft's images.
async function checkLogo(tx: Tx, viewer: Viewer, id: number): Promise<void> {
  const [row] = await tx.select({ ownerId: media.ownerId, storyId: media.storyId }).from(media).where(eq(media.id, id)).limit(1);
  if (!row || row.ownerId !== viewer.id || row.storyId !== null) throw validationError({ logoMediaId: 'logo_unknown' }, `logo media ${id}`);
}

// Administrators (settings:manage): validates one group, saves it and records
// which fields changed (names only, never a value) in one transaction.
// Returns those names; saving the site or footer makes every public page stale.
export async function updateSettings<K extends EditableSettingsGroup>(viewer: Viewer, group: K, input: SettingsInput<K>): Promise<{ changed: string[] }> {
  requirePermission(viewer, 'settings:manage');
  if (!isEditableSettingsGroup(group)) throw new AppError('not_found', `settings group ${String(group)}`);
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
    if (group === 'site' && next.logoMediaId !== null && next.logoMediaId !== current.logoMediaId) {
      await checkLogo(tx, viewer, next.logoMediaId as number);
    }
    const names = Object.keys(next).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]));
    if (names.length === 0) return names;
    await writeSettingsGroup(tx, group, next as Partial<AllSettings[K]>, viewer.id);
    await recordAudit(tx, { ...auditActor(viewer), action: 'settings.update', targetType: 'settings', targetId: group, meta: { fields: names } });
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
