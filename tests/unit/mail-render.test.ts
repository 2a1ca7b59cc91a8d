import { describe, expect, test } from 'vitest';
import { locales } from '@/lib/i18n/locales';
import en from '@/lib/i18n/messages/en.json';
import { renderNotificationEmail } from '@/lib/mail/render';

// Every kind lib/ writes today; a new kind belongs here and in both catalogs.
const kinds = [
  'story_submitted',
  'story_resubmitted',
  'story_returned',
  'story_rejected',
  'story_scheduled',
  'story_published',
  'story_unpublished',
  'story_taken_over',
  'story_stage_waiting',
  'story_assigned',
  'story_due_soon',
  'story_overdue',
  'comment_added',
];

const context = { recipientName: '张三', storyUrl: 'https://news.example.cn/desk/42', timeZone: 'Asia/Shanghai' };
const payload = { title: '区司法局开展法律明白人培训', receiptNo: 'TG-20260105-0001', stageName: '复审' };

describe('renderNotificationEmail', () => {
  test('every kind lib/ writes has mail strings', () => {
    expect(Object.keys(en.mail.kinds).sort()).toEqual([...kinds].sort());
  });

  describe.each(locales)('%s', (locale) => {
    test.each(kinds)('%s: subject and text name the story and link to it', (kind) => {
      const mail = renderNotificationEmail(kind, payload, locale, context);
      expect(mail.subject).toContain(payload.title);
      expect(mail.text).toContain(payload.title);
      expect(mail.text).toContain(payload.receiptNo);
      expect(mail.text).toContain(context.storyUrl);
      expect(mail.text).toContain(context.recipientName);
    });

    test('an unknown kind falls back to a generic update', () => {
      const mail = renderNotificationEmail('story_teleported', payload, locale, context);
      const fallback = renderNotificationEmail('another_unknown_kind', payload, locale, context);
      expect(mail).toEqual(fallback);
      expect(mail.subject).toContain(payload.title);
      expect(mail.text).toContain(context.storyUrl);
      // Not mistaken for a known kind's wording.
      expect(mail.subject).not.toBe(renderNotificationEmail('story_published', payload, locale, context).subject);
    });
  });

  test('the note, comment excerpt and scheduled time are shown when present', () => {
    const mail = renderNotificationEmail(
      'story_returned',
      { ...payload, note: '请补充活动时间。', excerpt: '第二段数据有误', publishAt: '2026-01-05T01:00:00.000Z' },
      'zh-CN',
      context,
    );
    expect(mail.text).toContain('请补充活动时间。');
    expect(mail.text).toContain('第二段数据有误');
    expect(mail.text).toContain('2026-01-05 09:00');
  });

  test('the language follows the recipient', () => {
    expect(renderNotificationEmail('story_returned', payload, 'en', context).subject).toBe(`Returned for changes: ${payload.title}`);
    expect(renderNotificationEmail('story_returned', payload, 'zh-CN', context).subject).toBe(`稿件被退回修改：${payload.title}`);
  });

  test('without a base URL there is no link line; without a title a placeholder', () => {
    const mail = renderNotificationEmail('story_published', {}, 'en', { ...context, storyUrl: null });
    expect(mail.subject).toBe('Published: (untitled)');
    expect(mail.text).not.toContain('Open the story');
  });

  test('a title with line breaks stays on one subject line', () => {
    const mail = renderNotificationEmail('story_published', { title: 'Line one\r\nBcc: someone@example.com' }, 'en', context);
    expect(mail.subject).toBe('Published: Line one Bcc: someone@example.com');
  });
});
