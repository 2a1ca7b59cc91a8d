import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { notifications, users } from '@/db/schema';
import { deliverPendingEmails, MAX_EMAIL_ATTEMPTS } from '@/lib/mail';
import { notifyUsers, type NotificationKind } from '@/lib/notifications/internal/notify';
import { contactColumnValues } from '@/lib/personal-data/internal/contacts';
import { getSiteSettings, getSmtpSettings, publicSmtpSettings, type SmtpSettings } from '@/lib/settings';
import { writeSettingsGroup } from '@/lib/settings/internal/write';
import { createStory } from '@/lib/stories';
import { createCorrespondent, createEditor, uniqueToken, type TestUser } from '../support/factories';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

const BASE_URL = 'https://news.example.cn';
const FROM = '投稿平台 <noreply@example.cn>';
const CREDENTIALS = { user: 'tougao', password: 'smtp-secret' };

let sink: SmtpSink;
let smtp: SmtpSettings;
let previousBaseUrl = '';

async function withEmail(user: TestUser, options: { email?: string | null; locale?: 'zh-CN' | 'en'; disabled?: boolean } = {}): Promise<string | null> {
  const email = options.email === undefined ? `${user.username.toLowerCase().replace(/_/g, '-')}@example.cn` : options.email;
  const db = await getDb();
  await db
    .update(users)
    .set({ ...contactColumnValues(user.id, { email }), locale: options.locale ?? null, disabledAt: options.disabled ? new Date() : null })
    .where(eq(users.id, user.id));
  return email;
}

async function notify(user: TestUser, kind: NotificationKind, payload: Record<string, unknown>, storyId?: number): Promise<number> {
  const db = await getDb();
  await db.transaction((tx) => notifyUsers(tx, [user.id], { kind, storyId, payload }));
  const [row] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(eq(notifications.userId, user.id))
    .orderBy(sql`${notifications.id} desc`)
    .limit(1);
  return row!.id;
}

async function outboxRow(id: number) {
  const db = await getDb();
  const [row] = await db.select({ emailedAt: notifications.emailedAt, emailAttempts: notifications.emailAttempts }).from(notifications).where(eq(notifications.id, id));
  return row!;
}

function mailsTo(address: string) {
  return sink.messages.filter((m) => m.rcptTo.includes(address));
}

beforeAll(async () => {
  sink = await startSmtpSink({ auth: CREDENTIALS, refuseRecipient: (address) => address.startsWith('refuse-') });
  smtp = { host: '127.0.0.1', port: sink.port, secure: false, requireTls: false, user: CREDENTIALS.user, password: CREDENTIALS.password, from: FROM };
  const db = await getDb();
  previousBaseUrl = (await getSiteSettings()).site.baseUrl;
  await writeSettingsGroup(db, 'site', { baseUrl: BASE_URL }, null);
  await writeSettingsGroup(db, 'smtp', smtp, null);
});

afterAll(async () => {
  const db = await getDb();
  await writeSettingsGroup(db, 'site', { baseUrl: previousBaseUrl }, null);
  await writeSettingsGroup(db, 'smtp', { host: '' }, null);
  await sink.close();
});

// Other files leave notifications behind (editors are told of every
// submission); retiring them keeps the counts here about this file's mail.
beforeEach(async () => {
  const db = await getDb();
  await db
    .update(notifications)
    .set({ emailAttempts: MAX_EMAIL_ATTEMPTS })
    .where(and(isNull(notifications.emailedAt), lt(notifications.emailAttempts, MAX_EMAIL_ATTEMPTS)));
});

describe('mail outbox', () => {
  test('a notification is mailed once, to its user, in their language, with the link for their role', async () => {
    const author = await createCorrespondent();
    const editor = await createEditor();
    const authorEmail = (await withEmail(author))!;
    const editorEmail = (await withEmail(editor, { locale: 'en' }))!;
    const title = `测试稿件 ${uniqueToken()}`;
    const story = await createStory(author.viewer, { title });
    const returned = await notify(author, 'story_returned', { title, receiptNo: 'TG-20260105-0001', note: '请补充活动时间。' }, story.id);
    const submitted = await notify(editor, 'story_submitted', { title, receiptNo: 'TG-20260105-0001' }, story.id);

    expect(await deliverPendingEmails()).toEqual({ sent: 2, failed: 0 });

    const [toAuthor] = mailsTo(authorEmail);
    expect(mailsTo(authorEmail)).toHaveLength(1);
    expect(toAuthor!.subject).toBe(`稿件被退回修改：${title}`);
    expect(toAuthor!.mailFrom).toBe('noreply@example.cn');
    expect(toAuthor!.text).toContain(`${BASE_URL}/desk/${story.id}`);
    expect(toAuthor!.text).toContain('请补充活动时间。');
    expect(toAuthor!.text).toContain('TG-20260105-0001');

    const [toEditor] = mailsTo(editorEmail);
    expect(mailsTo(editorEmail)).toHaveLength(1);
    expect(toEditor!.subject).toBe(`New submission: ${title}`);
    expect(toEditor!.text).toContain(`${BASE_URL}/review/${story.id}`);

    for (const id of [returned, submitted]) {
      expect(await outboxRow(id)).toMatchObject({ emailedAt: expect.any(Date), emailAttempts: 1 });
    }

    const before = sink.messages.length;
    expect(await deliverPendingEmails()).toEqual({ sent: 0, failed: 0 });
    expect(sink.messages).toHaveLength(before);
  });

  test('users without an address, disabled users and day-old notifications are never picked', async () => {
    const noEmail = await createCorrespondent();
    const blankEmail = await createCorrespondent();
    const disabled = await createCorrespondent();
    const stale = await createCorrespondent();
    const reachable = await createCorrespondent();
    await withEmail(noEmail, { email: null });
    await withEmail(blankEmail, { email: '' });
    await withEmail(disabled, { disabled: true });
    await withEmail(stale);
    const reachableEmail = (await withEmail(reachable))!;
    const skipped = [
      await notify(noEmail, 'story_published', { title: 'a' }),
      await notify(blankEmail, 'story_published', { title: 'b' }),
      await notify(disabled, 'story_published', { title: 'c' }),
      await notify(stale, 'story_published', { title: 'd' }),
    ];
    const db = await getDb();
    await db.update(notifications).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(notifications.id, skipped[3]!));
    await notify(reachable, 'story_published', { title: 'e' });

    expect(await deliverPendingEmails()).toEqual({ sent: 1, failed: 0 });
    expect(mailsTo(reachableEmail)).toHaveLength(1);
    const rows = await db.select().from(notifications).where(inArray(notifications.id, skipped));
    expect(rows.map((r) => [r.emailedAt, r.emailAttempts])).toEqual(skipped.map(() => [null, 0]));
  });

  test('rounds running at once send each mail exactly once', async () => {
    const recipients = await Promise.all([createCorrespondent(), createCorrespondent(), createCorrespondent()]);
    const titles: string[] = [];
    for (const [i, user] of recipients.entries()) {
      await withEmail(user);
      for (let n = 0; n < 5; n++) {
        const title = `并发 ${i}-${n} ${uniqueToken()}`;
        titles.push(title);
        await notify(user, 'comment_added', { title, excerpt: '请核实数据' });
      }
    }
    const before = sink.messages.length;

    const rounds = await Promise.all([1, 2, 3, 4].map(() => deliverPendingEmails({ limit: 4 })));
    const drain = await deliverPendingEmails();
    const sent = [...rounds, drain].reduce((sum, r) => sum + r.sent, 0);

    expect(sent).toBe(titles.length);
    const subjects = sink.messages.slice(before).map((m) => m.subject);
    expect(subjects).toHaveLength(titles.length);
    expect(subjects.sort()).toEqual(titles.map((t) => `稿件有新评论：${t}`).sort());
  });

  test('with no SMTP host nothing is sent and nothing is marked', async () => {
    const db = await getDb();
    await writeSettingsGroup(db, 'smtp', { host: '' }, null);
    try {
      const user = await createCorrespondent();
      const email = (await withEmail(user))!;
      const id = await notify(user, 'story_published', { title: 'off' });
      expect(await deliverPendingEmails()).toEqual({ sent: 0, failed: 0 });
      expect(mailsTo(email)).toHaveLength(0);
      expect(await outboxRow(id)).toEqual({ emailedAt: null, emailAttempts: 0 });
    } finally {
      await writeSettingsGroup(db, 'smtp', { host: smtp.host }, null);
    }
  });

  test('a refused mail is retried later, up to the limit, then given up', async () => {
    const user = await createCorrespondent();
    await withEmail(user, { email: `refuse-${uniqueToken()}@example.cn` });
    const id = await notify(user, 'story_rejected', { title: 'refused', note: '与本网定位不符' });

    expect(await deliverPendingEmails()).toEqual({ sent: 0, failed: 1 });
    expect(await outboxRow(id)).toEqual({ emailedAt: null, emailAttempts: 1 });
    // The next attempt waits a while after a failure.
    expect(await deliverPendingEmails()).toEqual({ sent: 0, failed: 0 });

    // Hours later every remaining attempt is due, one per round.
    const db = await getDb();
    await db.update(notifications).set({ createdAt: sql`now() - interval '3 hours'` }).where(eq(notifications.id, id));
    for (let attempt = 2; attempt <= MAX_EMAIL_ATTEMPTS; attempt++) {
      expect(await deliverPendingEmails()).toEqual({ sent: 0, failed: 1 });
      expect(await outboxRow(id)).toEqual({ emailedAt: null, emailAttempts: attempt });
    }
    expect(await deliverPendingEmails()).toEqual({ sent: 0, failed: 0 });
    expect(await outboxRow(id)).toEqual({ emailedAt: null, emailAttempts: MAX_EMAIL_ATTEMPTS });
  });
});

describe('smtp settings', () => {
  test('kept apart from the public settings; the admin view hides the password', async () => {
    expect(await getSmtpSettings()).toEqual(smtp);
    expect(Object.keys(await getSiteSettings()).sort()).toEqual(['footer', 'security', 'site']);
    const shown = publicSmtpSettings(await getSmtpSettings());
    expect(shown).not.toHaveProperty('password');
    expect(JSON.stringify(shown)).not.toContain(CREDENTIALS.password);
    expect(shown).toMatchObject({ host: '127.0.0.1', user: CREDENTIALS.user, hasPassword: true, from: FROM });
  });

  test('a malformed sender address is refused on write', async () => {
    const db = await getDb();
    await expect(writeSettingsGroup(db, 'smtp', { from: 'not an address' }, null)).rejects.toThrow();
    expect((await getSmtpSettings()).from).toBe(FROM);
  });
});
