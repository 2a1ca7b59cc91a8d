import { describe, expect, test } from 'vitest';
import { defaultLocale, isLocale, locales, resolveLocale } from '@/lib/i18n/locales';

describe('resolveLocale', () => {
  test('Simplified Chinese is the default', () => {
    expect(defaultLocale).toBe('zh-CN');
    expect(locales).toEqual(['zh-CN', 'en']);
  });

  test.each([
    ['zh-CN', 'zh-CN'],
    ['en', 'en'],
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['fr', 'zh-CN'],
    ['EN', 'zh-CN'],
    ['zh-cn', 'zh-CN'],
    ['en-US', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
  ] as const)('cookie %j → %s', (cookie, locale) => {
    expect(resolveLocale(cookie)).toBe(locale);
  });
});

describe('isLocale', () => {
  test.each([
    ['zh-CN', true],
    ['en', true],
    ['de', false],
    [42, false],
    [null, false],
    [undefined, false],
  ] as const)('%j → %s', (value, expected) => {
    expect(isLocale(value)).toBe(expected);
  });
});
