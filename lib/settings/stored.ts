import 'server-only';
import { z } from 'zod';
import { siteSettings } from '@/db/schema';
import type { Db, Tx } from '@/db/client';
import { getEnv } from '../env';
import { TWO_FACTOR_REQUIREMENTS } from '../two-factor/policy';

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

// The 等保三级 profile (GB/T 22239-2019 level 3): on, every control of
// lib/security/profile.ts takes at least its recommended value.
export const SECURITY_PROFILES = ['none', 'dengbao3'] as const;

const securitySchema = z.object({
  profile: z.enum(SECURITY_PROFILES).default('none'),
  sessionIdleMinutes: z.number().int().min(5).max(60 * 24 * 30).default(12 * 60),
  sessionAbsoluteHours: z.number().int().min(1).max(24 * 90).default(7 * 24),
  // Who must sign in with a second factor; those without one are sent to
  // enrol before anything else (lib/auth/session-viewer).
  twoFactorRequiredFor: z.enum(TWO_FACTOR_REQUIREMENTS).default('nobody'),
  // Password and session policy (lib/security/account-policy.ts). Each
  // default is the rule from before the setting existed.
  passwordMinLength: z.number().int().min(8).max(64).default(10),
  // How many of lower, upper, digit and symbol a password needs (0–4).
  passwordClasses: z.number().int().min(0).max(4).default(0),
  // 0: never expires; else a change is forced at the first sign-in after.
  passwordExpiryDays: z.number().int().min(0).max(3650).default(0),
  // The latest N passwords of an account may not be used again.
  passwordHistory: z.number().int().min(0).max(24).default(0),
  passwordRefuseCommon: z.boolean().default(false),
  // Per role; null: the site's limits above.
  editorSessionIdleMinutes: z.number().int().min(5).max(60 * 24 * 30).nullable().default(null),
  editorSessionAbsoluteHours: z.number().int().min(1).max(24 * 90).nullable().default(null),
  adminSessionIdleMinutes: z.number().int().min(5).max(60 * 24 * 30).nullable().default(null),
  adminSessionAbsoluteHours: z.number().int().min(1).max(24 * 90).nullable().default(null),
  // Accounts unused this many days are disabled (lib/auth/dormant.ts); 0: never.
  dormantDays: z.number().int().min(0).max(3650).default(0),
  // CIDR ranges administrators may sign in from; empty: anywhere.
  adminNetworks: z.array(z.string().max(64)).max(100).default([]),
});

// A display name is optional: "投稿平台 <noreply@example.cn>" or "noreply@example.cn".
export const MAILBOX = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

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

// Personal data (lib/personal-data): shown masked in lists and on the review
// desk, revealed by a deliberate, audited click. The 等保三级 profile turns it on.
const privacySchema = z.object({
  maskPersonalData: z.boolean().default(false),
});

// Review (lib/stories): whether a submit carries the unit's confidentiality
// check (保密审查: the correspondent confirms the story holds no state or work
// secret nor personal privacy, and names the leader who approved it).
const reviewSchema = z.object({
  secrecyCheck: z.boolean().default(false),
  // The names the article's meta line shows (stories.editor_name, reviewer_names,
  // signer_name): 编辑 alone, as before the setting; 审核 and 签发 on request.
  articleShowsEditor: z.boolean().default(true),
  articleShowsReviewers: z.boolean().default(false),
  articleShowsSigner: z.boolean().default(false),
});

// The audit trail (lib/audit-chain). The database's own trigger reads
// retentionDays too (0012_audit_chain.sql) and never lets a row younger than
// AUDIT_RETENTION_MIN_DAYS go, whatever is stored here.
export const AUDIT_RETENTION_MIN_DAYS = 180;
export const AUDIT_RETENTION_MAX_DAYS = 36_500;

const auditSchema = z.object({
  // Days a row of the trail is kept; null keeps every row (as before the setting).
  retentionDays: z.number().int().min(AUDIT_RETENTION_MIN_DAYS).max(AUDIT_RETENTION_MAX_DAYS).nullable().default(null),
});

// Word checks (lib/content-check): how personal information found in a story
// weighs at submit and sign-off; a caution by default.
const contentCheckSchema = z.object({
  personalInfo: z.enum(['off', 'caution', 'forbidden']).default('caution'),
});

// Groups any page may read (getSiteSettings) and the server-only ones.
const publicGroups = { site: siteSchema, footer: footerSchema, security: securitySchema } as const;
export const groups = { ...publicGroups, smtp: smtpSchema, uploads: uploadsSchema, privacy: privacySchema, audit: auditSchema, review: reviewSchema, contentCheck: contentCheckSchema } as const;

export type SiteSettings = { [K in keyof typeof publicGroups]: z.infer<(typeof publicGroups)[K]> };
export type SmtpSettings = z.infer<typeof smtpSchema>;
export type UploadSettings = z.infer<typeof uploadsSchema>;
export type PrivacySettings = z.infer<typeof privacySchema>;
export type AuditSettings = z.infer<typeof auditSchema>;
export type ReviewSettings = z.infer<typeof reviewSchema>;
export type ContentCheckSettings = z.infer<typeof contentCheckSchema>;
export type AllSettings = SiteSettings & { smtp: SmtpSettings; uploads: UploadSettings; privacy: PrivacySettings; audit: AuditSettings; review: ReviewSettings; contentCheck: ContentCheckSettings };
export type SettingsGroup = keyof typeof groups;

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function parseGroup<K extends SettingsGroup>(key: K, value: unknown): AllSettings[K] {
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


// Every group as stored now, each complete and valid whatever the row holds.
export async function readGroups(db: Db | Tx): Promise<AllSettings> {
  const rows = await db.select().from(siteSettings);
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  return {
    site: parseGroup('site', byKey.get('site')),
    footer: parseGroup('footer', byKey.get('footer')),
    security: parseGroup('security', byKey.get('security')),
    smtp: parseGroup('smtp', byKey.get('smtp')),
    uploads: parseGroup('uploads', byKey.get('uploads')),
    privacy: parseGroup('privacy', byKey.get('privacy')),
    audit: parseGroup('audit', byKey.get('audit')),
    review: parseGroup('review', byKey.get('review')),
    contentCheck: parseGroup('contentCheck', byKey.get('contentCheck')),
  };
}
