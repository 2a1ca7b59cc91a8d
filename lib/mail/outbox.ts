import 'server-only';
import { and, eq, gt, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { notifications, stories, users, type UserRole } from '@/db/schema';
import { pick } from '@/db/select';
import { defaultLocale, isLocale } from '../i18n/locales';
import { logger } from '../logger';
import { contactColumns, hasEmail, openContact } from '../personal-data/internal/contacts';
import { getSiteSettings, getSmtpSettings, isMailConfigured } from '../settings';
import { renderNotificationEmail } from './render';
import { getMailTransport, senderAddress } from './transport';
import { storyPathFor } from '../authz';

// The mail outbox: notifications are e-mailed from the notifications table
// itself, by whichever app instance gets to them first.
//
// A round claims a batch in one short statement (FOR UPDATE SKIP LOCKED) that
// stamps emailed_at and counts the attempt, then sends with no lock held. A
// claimed row has left the outbox, so no other instance can send it again; a
// failed send puts it back (emailed_at null) for a later round. The price of
// never double-sending: a process that dies mid-send loses those few mails
// (at most once), while the in-app notification is still there.

export const MAX_EMAIL_ATTEMPTS = 5;
// Older notifications are not worth a mail any more, e.g. when SMTP is set up
// after months without it.
const MAX_AGE = sql.raw(`interval '24 hours'`);
// Minutes after the notification before attempt n + 1 (index n = attempts so
// far), so a mail server down for a restart does not use up every attempt.
const RETRY_AFTER_MINUTES = [0, 1, 5, 30, 120] as const;
const retryDelay = sql.raw(`(array[${RETRY_AFTER_MINUTES.join(',')}])`);

const DEFAULT_BATCH = 50;

export type DeliveryCounts = { sent: number; failed: number };

type Claimed = {
  id: number;
  userId: number;
  kind: string;
  storyId: number | null;
  payload: Record<string, unknown>;
  emailAttempts: number;
  email: string | null;
  recipientName: string;
  locale: string | null;
  role: UserRole;
  storyTitle: string | null;
};

// A mail server's refusal quotes the recipient; the log names the account instead.
function withoutAddresses(message: string | undefined): string | undefined {
  return message?.replace(/[^\s<>@"']+@[^\s<>@"']+/g, '<address>');
}

// Correspondents work on their stories at the desk, everyone else in review.
function storyUrlFor(baseUrl: string, role: UserRole, storyId: number | null): string | null {
  const base = baseUrl.trim().replace(/\/+$/, '');
  if (!base || storyId === null) return null;
  return `${base}${storyPathFor({ role }, storyId)}`;
}

async function claimBatch(limit: number): Promise<Claimed[]> {
  const db = await getDb();
  const due = db.$with('due').as(
    db
      .select({ id: notifications.id })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(
        and(
          isNull(notifications.emailedAt),
          lt(notifications.emailAttempts, MAX_EMAIL_ATTEMPTS),
          gt(notifications.createdAt, sql`now() - ${MAX_AGE}`),
          lte(notifications.createdAt, sql`now() - ${retryDelay}[${notifications.emailAttempts} + 1] * interval '1 minute'`),
          hasEmail(),
          isNull(users.disabledAt),
        ),
      )
      .orderBy(notifications.createdAt, notifications.id)
      .limit(limit)
      .for('update', { of: notifications, skipLocked: true }),
  );
  const claimed = await db
    .with(due)
    .update(notifications)
    .set({ emailedAt: sql`now()`, emailAttempts: sql`${notifications.emailAttempts} + 1` })
    .where(inArray(notifications.id, db.select({ id: due.id }).from(due)))
    .returning({ id: notifications.id });
  if (claimed.length === 0) return [];
  const rows = await db
    .select({
      ...pick(notifications, 'id', 'userId', 'kind', 'storyId', 'payload', 'emailAttempts'),
      ...pick(users, 'locale', 'role'),
      ...contactColumns,
      recipientName: users.displayName,
      storyTitle: stories.title,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(stories, eq(stories.id, notifications.storyId))
    .where(inArray(notifications.id, claimed.map((c) => c.id)))
    .orderBy(notifications.createdAt, notifications.id);
  return rows.map(({ emailSealed, phoneSealed, plainEmail, plainPhone, ...row }) => ({
    ...row,
    email: openContact(row.userId, 'email', { emailSealed, phoneSealed, plainEmail, plainPhone }),
  }));
}

// Puts a claimed notification back in the outbox; after the last attempt it
// stays out of it for good, as attempts have reached the limit.
async function releaseClaim(id: number): Promise<void> {
  const db = await getDb();
  await db.update(notifications).set({ emailedAt: null }).where(eq(notifications.id, id));
}

// Called by the background job loop, on any number of instances at once. Does
// nothing (and marks nothing) while SMTP is not configured. Never throws for a
// failed send: it is logged and retried later.
export async function deliverPendingEmails(options: { limit?: number } = {}): Promise<DeliveryCounts> {
  const smtp = await getSmtpSettings();
  if (!isMailConfigured(smtp)) return { sent: 0, failed: 0 };
  const { site } = await getSiteSettings();
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? DEFAULT_BATCH), 1), 500);

  const batch = await claimBatch(limit);
  const counts: DeliveryCounts = { sent: 0, failed: 0 };
  if (batch.length === 0) return counts;
  const transport = getMailTransport(smtp);
  for (const row of batch) {
    try {
      const { subject, text } = renderNotificationEmail(
        row.kind,
        { ...row.payload, title: row.payload.title ?? row.storyTitle },
        isLocale(row.locale) ? row.locale : defaultLocale,
        { recipientName: row.recipientName, storyUrl: storyUrlFor(site.baseUrl, row.role, row.storyId), timeZone: site.timeZone },
      );
      await transport.sendMail({ from: senderAddress(smtp), to: { name: row.recipientName, address: row.email ?? '' }, subject, text });
      counts.sent += 1;
    } catch (error) {
      counts.failed += 1;
      await releaseClaim(row.id).catch((releaseError: unknown) => {
        logger.error({ err: releaseError, notificationId: row.id }, 'mail outbox: could not put a failed mail back');
      });
      const err = error as { message?: string; code?: string; responseCode?: number };
      const isLastAttempt = row.emailAttempts >= MAX_EMAIL_ATTEMPTS;
      logger[isLastAttempt ? 'error' : 'warn'](
        { notificationId: row.id, userId: row.userId, attempt: row.emailAttempts, code: err.code, responseCode: err.responseCode, message: withoutAddresses(err.message) },
        isLastAttempt ? 'mail outbox: giving up on a notification e-mail' : 'mail outbox: sending failed, will retry',
      );
    }
  }
  return counts;
}
