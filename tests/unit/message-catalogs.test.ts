import { expect, test } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import en from '@/lib/i18n/messages/en.json';
import zhCN from '@/lib/i18n/messages/zh-CN.json';

function keyPaths(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? keyPaths(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

// A key missing from one language shows the raw key to its readers.
test('both catalogs have the same keys', () => {
  expect(keyPaths(en).sort()).toEqual(keyPaths(zhCN).sort());
});

function leaves(messages: object, prefix = ''): [string, string][] {
  return Object.entries(messages).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, String(value)] as [string, string]],
  );
}

// A message the formatter cannot parse (an unclosed <tag>, a stray brace)
// shows its raw key instead of the text.
test.each([
  ['zh-CN', zhCN],
  ['en', en],
] as const)('every %s message is a valid ICU message', (locale, messages) => {
  const broken = leaves(messages).filter(([, text]) => {
    try {
      new IntlMessageFormat(text, locale);
      return false;
    } catch {
      return true;
    }
  });
  expect(broken).toEqual([]);
});

// English reads as English: 栏目 is a section (a "column" is the table
// tool's), and no full-width punctuation (：（），。；) creeps in from the
// Chinese, whatever CJK examples a message quotes.
test('English calls 栏目 a section, and punctuates in English', () => {
  const chinese = new Map(leaves(zhCN));
  const columns = leaves(en).filter(([key, text]) => chinese.get(key)?.includes('栏目') && /\bcolumns?\b/i.test(text.replace(/\/columns\//g, '')));
  expect(columns).toEqual([]);
  const fullWidth = leaves(en).filter(([, text]) => /[：（），。；]/.test(text));
  expect(fullWidth).toEqual([]);
});
