import { expect, test } from 'vitest';
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
