import { createTranslator } from 'next-intl';
import { formatDateTime } from '../format';
import type { Locale } from '../i18n/locales';
import en from '../i18n/messages/en.json';
import zhCN from '../i18n/messages/zh-CN.json';

// Mail is written outside any request, so the catalog follows the recipient's
// language, not a cookie.
const catalogs: Record<Locale, typeof zhCN> = { 'zh-CN': zhCN, en };

// Kinds are looked up by name at run time (the column is text), so the
// translator is used with plain string keys rather than the catalog's types.
type Translate = ((key: string, values?: Record<string, string>) => string) & { has: (key: string) => boolean };

export type NotificationEmail = { subject: string; text: string };

export type MailContext = {
  recipientName: string;
  // Absolute link to the story for this recipient, or null when the site's
  // base URL is not set (a bare path is no use in a mail client).
  storyUrl: string | null;
  // For dates in the payload, shown in the site's time zone.
  timeZone: string;
};

function payloadText(payload: Record<string, unknown>, key: string): string {
  const value = payload[key];
  return typeof value === 'string' ? value.trim() : '';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function payloadDate(payload: Record<string, unknown>, key: string, timeZone: string): string {
  const date = new Date(payloadText(payload, key));
  return Number.isNaN(date.getTime()) ? '' : formatDateTime(date, timeZone);
}

// Pure. A kind is mailed with the strings under `mail.kinds.<kind>` in each
// catalog; a kind without them gets the generic "the story has an update".
export function renderNotificationEmail(kind: string, payload: Record<string, unknown>, locale: Locale, context: MailContext): NotificationEmail {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: 'mail' }) as unknown as Translate;
  const strings = t.has(`kinds.${kind}.subject`) && t.has(`kinds.${kind}.intro`) ? `kinds.${kind}` : 'fallback';
  const title = oneLine(payloadText(payload, 'title')) || t('untitled');
  // The stage a story waits at (review flows), for the kinds that name it.
  const stageName = oneLine(payloadText(payload, 'stageName'));

  const details: string[] = [t('title', { title })];
  const receiptNo = payloadText(payload, 'receiptNo');
  if (receiptNo) details.push(t('receiptNo', { receiptNo }));
  const publishAt = payloadDate(payload, 'publishAt', context.timeZone);
  if (publishAt) details.push(t('publishAt', { publishAt }));
  const note = payloadText(payload, 'note');
  if (note) details.push(t('note', { note }));
  const excerpt = payloadText(payload, 'excerpt');
  if (excerpt) details.push(t('excerpt', { excerpt }));

  const paragraphs = [
    t('greeting', { name: oneLine(context.recipientName) }),
    t(`${strings}.intro`, { title, stageName }),
    details.join('\n'),
    context.storyUrl ? t('link', { url: context.storyUrl }) : '',
    t('automatic'),
  ];
  return {
    subject: t(`${strings}.subject`, { title, stageName }),
    text: `${paragraphs.filter(Boolean).join('\n\n')}\n`,
  };
}
