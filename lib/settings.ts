import { z } from 'zod';
import { siteSettings } from '@/db/schema';
import { getDb, type Db, type Tx } from '@/db/client';
import { announceStalePages, EVERYTHING } from './public-cache';

// Each settings group is one row (key → JSON), parsed here with its defaults,
// so a missing or partly-written row still yields a complete, valid object.
const siteSchema = z.object({
  name: z.string().min(1).max(60).default('投稿平台'),
  // Public base URL, for canonical links and feeds (e.g. https://news.example.cn).
  baseUrl: z.string().max(200).default(''),
  timeZone: z.string().default('Asia/Shanghai'),
  defaultSource: z.string().max(60).default(''),
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

// Groups any page may read (getSiteSettings) and the server-only ones.
const publicGroups = { site: siteSchema, footer: footerSchema, security: securitySchema } as const;
const groups = { ...publicGroups, smtp: smtpSchema } as const;

export type SiteSettings = { [K in keyof typeof publicGroups]: z.infer<(typeof publicGroups)[K]> };
export type SmtpSettings = z.infer<typeof smtpSchema>;
type AllSettings = SiteSettings & { smtp: SmtpSettings };
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
  if (key === 'site' && !isValidTimeZone((result as SiteSettings['site']).timeZone)) {
    (result as SiteSettings['site']).timeZone = 'Asia/Shanghai';
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
  const value: AllSettings = { ...site, smtp: parseGroup('smtp', byKey.get('smtp')) };
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
