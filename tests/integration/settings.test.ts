import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { getDb, listenDb } from '@/db/client';
import { auditLog, siteSettings, type SiteSetting } from '@/db/schema';
import { getMediaForServing, uploadImage } from '@/lib/media';
import { createLocalStorage, overrideMediaStorage } from '@/lib/media/storage';
import { PUBLIC_CHANGE_CHANNEL, parseStalePages, type StalePages } from '@/lib/public-cache';
import { clearSettingsCache, getSettingsForAdmin, getSiteSettings, getSmtpSettings, getUploadLimits, sendTestEmail, updateSettings } from '@/lib/settings';
import { jpeg } from '../fixtures/media/images';
import { createAdmin, createCorrespondent, createEditor, expectAppError, type TestUser } from '../support/factories';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

// The administrator's settings page through lib/settings: each group saved
// and validated, the SMTP password write-only, the audit trail, who may do
// it, and what the other modules make of the saved values.

let admin: TestUser;
let saved: SiteSetting[];
let heard: StalePages[] = [];
let unlisten: () => Promise<void>;
let dataDir: string;

const SITE = { name: '重庆长安网', baseUrl: 'https://www.cqcaw.com/', timeZone: 'Asia/Shanghai', defaultSource: '重庆法治报', logoMediaId: null, publicCorrections: false };
const FOOTER = {
  copyright: 'Copyright 2020 © 重庆长安网',
  sponsor: '中共重庆市委政法委员会',
  operator: '重庆法治报社',
  publicSecurityRecord: '渝公网安备50011202500163号',
  publicSecurityRecordCode: '50011202500163',
  icpRecord: '渝ICP备15010797号',
  phone: '023-88196826',
  extortionHotline: '023-88196822',
  extortionHotlineLabel: '重庆法治报社打击“新闻敲诈”举报电话',
  copyrightNotice: '本网及网群刊发稿件，版权归重庆长安网所有，未经授权，禁止复制或建立镜像',
  submissionNote: '请使用系统指派指定账号密码登录进行投稿。',
};
const SMTP = { host: 'smtp.example.cn', port: 465, secure: true, requireTls: false, user: 'tougao', from: '投稿平台 <noreply@example.cn>' };

async function auditRows(group: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'settings.update'), eq(auditLog.targetId, group), eq(auditLog.actorId, admin.id)))
    .orderBy(desc(auditLog.id));
}

async function waitForAnnouncement(): Promise<StalePages> {
  for (let waited = 0; waited < 5000; waited += 50) {
    if (heard.length > 0) return heard[0]!;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('nothing announced');
}

beforeAll(async () => {
  admin = await createAdmin();
  // Other files share the database: put every group back as it was.
  saved = await (await getDb()).select().from(siteSettings);
  unlisten = await listenDb(PUBLIC_CHANGE_CHANNEL, (payload) => heard.push(parseStalePages(JSON.parse(payload))));
});

afterAll(async () => {
  await unlisten();
  const db = await getDb();
  await db.delete(siteSettings);
  if (saved.length > 0) await db.insert(siteSettings).values(saved);
  clearSettingsCache();
});

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tougao-settings-'));
  overrideMediaStorage(createLocalStorage(path.join(dataDir, 'uploads')));
});

afterEach(() => {
  overrideMediaStorage(null);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('saving each group', () => {
  test('site: saved trimmed, the base URL without its trailing slash, audited with the changed fields', async () => {
    const { changed } = await updateSettings(admin.viewer, 'site', { ...SITE, name: '  重庆长安网 ' });
    expect(changed.length).toBeGreaterThan(0);
    const { site } = await getSettingsForAdmin(admin.viewer);
    expect(site).toEqual({ ...SITE, baseUrl: 'https://www.cqcaw.com' });
    expect((await getSiteSettings()).site.baseUrl).toBe('https://www.cqcaw.com');

    await updateSettings(admin.viewer, 'site', { ...SITE, defaultSource: '重庆日报' });
    const [row] = await auditRows('site');
    expect(row).toMatchObject({ targetType: 'settings', targetId: 'site', meta: { fields: ['defaultSource'] } });
  });

  test('saving what is already there changes nothing and records nothing', async () => {
    await updateSettings(admin.viewer, 'footer', FOOTER);
    const before = (await auditRows('footer')).length;
    expect(await updateSettings(admin.viewer, 'footer', FOOTER)).toEqual({ changed: [] });
    expect(await auditRows('footer')).toHaveLength(before);
  });

  test('footer: every field, as the public footer reads it', async () => {
    await updateSettings(admin.viewer, 'footer', { ...FOOTER, extortionHotline: '023-00000000' });
    const [row] = await auditRows('footer');
    expect(row!.meta).toEqual({ fields: ['extortionHotline'] });
    expect((await getSiteSettings()).footer).toEqual({ ...FOOTER, extortionHotline: '023-00000000' });
  });

  test('security: the session limits the app enforces', async () => {
    await updateSettings(admin.viewer, 'security', { sessionIdleMinutes: 90, sessionAbsoluteHours: 24, twoFactorRequiredFor: 'editors' });
    // The profile is the security page's switch, untouched by this form.
    expect((await getSiteSettings()).security).toMatchObject({ profile: 'none', sessionIdleMinutes: 90, sessionAbsoluteHours: 24, twoFactorRequiredFor: 'editors' });
    await updateSettings(admin.viewer, 'security', { sessionIdleMinutes: 90, sessionAbsoluteHours: 24, twoFactorRequiredFor: 'nobody' });
  });

  test('uploads: the limits in force, never above the server ceiling', async () => {
    const { uploadCeilingMb } = await getSettingsForAdmin(admin.viewer);
    await updateSettings(admin.viewer, 'uploads', { imageMaxMb: 2.5, docxMaxMb: uploadCeilingMb });
    expect(await getUploadLimits()).toEqual({ imageBytes: Math.floor(2.5 * 1024 * 1024), docxBytes: Math.floor(uploadCeilingMb * 1024 * 1024) });
    expect((await getSettingsForAdmin(admin.viewer)).uploads).toEqual({ imageMaxMb: 2.5, docxMaxMb: uploadCeilingMb });
  });
});

describe('validation', () => {
  test('each bad value is a field error, and nothing of the group is saved', async () => {
    await updateSettings(admin.viewer, 'site', SITE);
    await expectAppError(updateSettings(admin.viewer, 'site', { ...SITE, name: ' ', baseUrl: 'ftp://files.example.cn', timeZone: 'Mars/Olympus' }), 'validation', {
      name: 'required',
      baseUrl: 'base_url_format',
      timeZone: 'time_zone_unknown',
    });
    await expectAppError(updateSettings(admin.viewer, 'site', { ...SITE, baseUrl: 'www.example.cn' }), 'validation', { baseUrl: 'base_url_format' });
    await expectAppError(updateSettings(admin.viewer, 'site', { ...SITE, baseUrl: 'javascript:alert(1)' }), 'validation', { baseUrl: 'base_url_format' });
    await expectAppError(updateSettings(admin.viewer, 'site', { ...SITE, name: '长'.repeat(61) }), 'validation', { name: 'too_long' });
    expect((await getSettingsForAdmin(admin.viewer)).site.name).toBe(SITE.name);

    await expectAppError(updateSettings(admin.viewer, 'footer', { ...FOOTER, publicSecurityRecordCode: '渝50011' }), 'validation', { publicSecurityRecordCode: 'record_code_format' });
    await expectAppError(updateSettings(admin.viewer, 'security', { sessionIdleMinutes: 2, sessionAbsoluteHours: 24, twoFactorRequiredFor: 'nobody' }), 'validation', { sessionIdleMinutes: 'idle_range' });
    await expectAppError(updateSettings(admin.viewer, 'security', { sessionIdleMinutes: 600, sessionAbsoluteHours: 2, twoFactorRequiredFor: 'nobody' }), 'validation', { sessionIdleMinutes: 'idle_over_absolute' });
    await expectAppError(updateSettings(admin.viewer, 'security', { sessionIdleMinutes: Number.NaN, sessionAbsoluteHours: 1.5, twoFactorRequiredFor: 'everyone' as never }), 'validation', {
      sessionIdleMinutes: 'idle_range',
      sessionAbsoluteHours: 'absolute_range',
      twoFactorRequiredFor: 'invalid',
    });
    const { uploadCeilingMb } = await getSettingsForAdmin(admin.viewer);
    await expectAppError(updateSettings(admin.viewer, 'uploads', { imageMaxMb: uploadCeilingMb + 1, docxMaxMb: 0.1 }), 'validation', { imageMaxMb: 'upload_range', docxMaxMb: 'upload_range' });
    await expectAppError(updateSettings(admin.viewer, 'uploads', { imageMaxMb: 1.25, docxMaxMb: 5 }), 'validation', { imageMaxMb: 'upload_range' });
    await expectAppError(updateSettings(admin.viewer, 'smtp', { ...SMTP, host: 'smtp example', port: 70000, from: 'not an address' }), 'validation', {
      host: 'host_format',
      port: 'port_range',
      from: 'mailbox_format',
    });
  });

  test('an unknown group is refused', async () => {
    await expectAppError(updateSettings(admin.viewer, 'database' as 'site', SITE), 'not_found');
  });
});

describe('the SMTP password is write-only', () => {
  test('never returned; kept when left blank; removed only when asked; never in the audit trail', async () => {
    await updateSettings(admin.viewer, 'smtp', { ...SMTP, password: 'first-secret' });
    const shown = await getSettingsForAdmin(admin.viewer);
    expect(shown.smtp).toEqual({ ...SMTP, hasPassword: true });
    expect(JSON.stringify(shown)).not.toContain('first-secret');
    expect((await getSmtpSettings()).password).toBe('first-secret');

    // Blank (left out) keeps it, while the other fields change.
    await updateSettings(admin.viewer, 'smtp', { ...SMTP, port: 587, secure: false, requireTls: true });
    expect(await getSmtpSettings()).toMatchObject({ port: 587, requireTls: true, password: 'first-secret' });

    await updateSettings(admin.viewer, 'smtp', { ...SMTP, password: 'second-secret' });
    expect((await getSmtpSettings()).password).toBe('second-secret');
    const [changedPassword] = await auditRows('smtp');
    expect(changedPassword!.meta).toEqual({ fields: expect.arrayContaining(['password']) });

    await updateSettings(admin.viewer, 'smtp', { ...SMTP, clearPassword: true });
    expect((await getSmtpSettings()).password).toBe('');
    expect((await getSettingsForAdmin(admin.viewer)).smtp.hasPassword).toBe(false);

    const trail = JSON.stringify(await auditRows('smtp'));
    expect(trail).not.toContain('first-secret');
    expect(trail).not.toContain('second-secret');
  });

  test('a test e-mail goes out with the saved settings; a bad address or no server is a field error', async () => {
    const sink: SmtpSink = await startSmtpSink();
    try {
      await updateSettings(admin.viewer, 'smtp', { ...SMTP, host: '', secure: false, user: '', from: 'noreply@example.cn' });
      await expectAppError(sendTestEmail(admin.viewer, { to: 'admin@example.cn', subject: 's', text: 't' }), 'validation', { testTo: 'smtp_not_configured' });
      await updateSettings(admin.viewer, 'smtp', { host: '127.0.0.1', port: sink.port, secure: false, requireTls: false, user: '', from: 'noreply@example.cn' });
      await expectAppError(sendTestEmail(admin.viewer, { to: 'not-an-address', subject: 's', text: 't' }), 'validation', { testTo: 'email_format' });
      await sendTestEmail(admin.viewer, { to: 'admin@example.cn', subject: '测试邮件', text: '发信设置可用。' });
      expect(sink.messages).toEqual([expect.objectContaining({ rcptTo: ['admin@example.cn'], subject: '测试邮件' })]);
      // A server that is not there: told it did not go, not why in the server's words.
      await updateSettings(admin.viewer, 'smtp', { host: '127.0.0.1', port: 1, secure: false, requireTls: false, user: '', from: 'noreply@example.cn' });
      await expectAppError(sendTestEmail(admin.viewer, { to: 'admin@example.cn', subject: 's', text: 't' }), 'validation', { testTo: 'test_mail_failed' });
    } finally {
      await sink.close();
    }
  });
});

describe('who may', () => {
  test('an editor or a correspondent is refused, reading or writing', async () => {
    for (const user of [await createEditor(), await createCorrespondent()]) {
      await expectAppError(getSettingsForAdmin(user.viewer), 'forbidden');
      await expectAppError(updateSettings(user.viewer, 'footer', FOOTER), 'forbidden');
      await expectAppError(updateSettings(user.viewer, 'smtp', { ...SMTP, password: 'stolen' }), 'forbidden');
      await expectAppError(sendTestEmail(user.viewer, { to: 'x@example.cn', subject: 's', text: 't' }), 'forbidden');
    }
    expect((await getSmtpSettings()).password).not.toBe('stolen');
  });

  test('an administrator who has not yet changed the first password is refused', async () => {
    const fresh = await createAdmin({ mustChangePassword: true });
    await expectAppError(updateSettings(fresh.viewer, 'footer', FOOTER), 'password_change_required');
  });
});

describe('what the rest of the app makes of it', () => {
  test('saving the site, footer or review group makes every public page stale; the other groups do not', async () => {
    const { footer, security, uploads } = await getSettingsForAdmin(admin.viewer);
    heard = [];
    await updateSettings(admin.viewer, 'security', { ...security, sessionIdleMinutes: security.sessionIdleMinutes + 1 });
    await updateSettings(admin.viewer, 'uploads', { ...uploads, docxMaxMb: uploads.docxMaxMb === 1 ? 2 : 1 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heard).toEqual([]);

    await updateSettings(admin.viewer, 'footer', { ...footer, phone: `023-${Date.now() % 1e8}` });
    expect(await waitForAnnouncement()).toMatchObject({ everything: true });
    heard = [];
    await updateSettings(admin.viewer, 'site', { ...SITE, name: `重庆长安网 ${Date.now() % 1000}` });
    expect(await waitForAnnouncement()).toMatchObject({ everything: true });
    // The review group chooses the names on every article's meta line.
    heard = [];
    const { review } = await getSettingsForAdmin(admin.viewer);
    await updateSettings(admin.viewer, 'review', { ...review, articleShowsSigner: !review.articleShowsSigner });
    expect(await waitForAnnouncement()).toMatchObject({ everything: true });

    // A refused save announces nothing.
    heard = [];
    await expect(updateSettings(admin.viewer, 'footer', { ...footer, publicSecurityRecordCode: 'x' })).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toEqual([]);
  });

  test('lib/media refuses an image over the limit set here', async () => {
    await updateSettings(admin.viewer, 'uploads', { imageMaxMb: 0.5, docxMaxMb: 0.5 });
    const correspondent = await createCorrespondent();
    await expectAppError(uploadImage(correspondent.viewer, { bytes: new Uint8Array(600 * 1024), name: 'big.jpg' }), 'validation', { file: 'file_too_large' });
    const small = await uploadImage(correspondent.viewer, { bytes: await jpeg(), name: 'small.jpg' });
    expect(small.id).toBeGreaterThan(0);
    await updateSettings(admin.viewer, 'uploads', { imageMaxMb: 1, docxMaxMb: 1 });
    await expect(uploadImage(correspondent.viewer, { bytes: new Uint8Array(600 * 1024), name: 'big.jpg' })).rejects.toMatchObject({ fieldErrors: { file: 'file_not_image' } });
  });

  test('the logo: an image the administrator uploaded, then served to everyone; anyone else’s image is refused', async () => {
    const logo = await uploadImage(admin.viewer, { bytes: await jpeg(200, 60), name: 'logo.jpg' });
    expect(await getMediaForServing(null, logo.id, 'medium')).toBeNull();
    await updateSettings(admin.viewer, 'site', { ...SITE, logoMediaId: logo.id });
    expect((await getSiteSettings()).site.logoMediaId).toBe(logo.id);
    expect(await getMediaForServing(null, logo.id, 'medium')).toMatchObject({ isPublic: true });

    const correspondent = await createCorrespondent();
    const theirs = await uploadImage(correspondent.viewer, { bytes: await jpeg(), name: 'theirs.jpg' });
    await expectAppError(updateSettings(admin.viewer, 'site', { ...SITE, logoMediaId: theirs.id }), 'validation', { logoMediaId: 'logo_unknown' });
    await expectAppError(updateSettings(admin.viewer, 'site', { ...SITE, logoMediaId: 2_000_000_000 }), 'validation', { logoMediaId: 'logo_unknown' });

    // Removed: back to the letter mark, and the image is private again.
    await updateSettings(admin.viewer, 'site', { ...SITE, logoMediaId: null });
    expect(await getMediaForServing(null, logo.id, 'medium')).toBeNull();
  });
});
