import 'server-only';
import { getDb } from '@/db/client';
import { getUploadCeilingMb, readGroups, type AllSettings, type AuditSettings, type ContentCheckSettings, type PrivacySettings, type ReviewSettings, type SiteSettings, type SmtpSettings } from './stored';

// The settings in force, cached for a few seconds: read by every page.

// A few seconds of staleness across instances is fine for settings; it saves
// a query on every page.
const TTL_MS = 5_000;
let cached: { at: number; value: AllSettings } | undefined;

async function getAllSettings(): Promise<AllSettings> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
  const value = await readGroups(await getDb());
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

// Server only, for lib/personal-data: the masking setting as configured (the
// profile's part is lib/personal-data's).
export async function getPrivacySettings(): Promise<PrivacySettings> {
  return (await getAllSettings()).privacy;
}

// Server only: the review settings (lib/stories).
export async function getReviewSettings(): Promise<ReviewSettings> {
  return (await getAllSettings()).review;
}

// Server only: the audit trail's settings (lib/audit-chain, lib/security).
export async function getAuditSettings(): Promise<AuditSettings> {
  return (await getAllSettings()).audit;
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


// Server only: the word checks' settings (lib/content-check).
export async function getContentCheckSettings(): Promise<ContentCheckSettings> {
  return (await getAllSettings()).contentCheck;
}
