import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatDate, formatDateTime } from '@/lib/format';

const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(dir, file));
}

describe('dates as Chinese news sites print them', () => {
  const at = new Date('2022-06-27T01:00:00Z');

  test('in the site zone, with and without the time', () => {
    expect(formatDateTime(at, 'Asia/Shanghai')).toBe('2022-06-27 09:00');
    expect(formatDate(at, 'Asia/Shanghai')).toBe('2022-06-27');
  });

  test('the zone decides the day, not the machine', () => {
    expect(formatDateTime(new Date('2022-06-26T17:30:00Z'), 'Asia/Shanghai')).toBe('2022-06-27 01:30');
    expect(formatDateTime(new Date('2022-06-26T17:30:00Z'), 'UTC')).toBe('2022-06-26 17:30');
  });

  test('midnight is 00:00, not 24:00', () => {
    expect(formatDateTime(new Date('2022-06-26T16:00:00Z'), 'Asia/Shanghai')).toBe('2022-06-27 00:00');
  });
});

// Pages and components take the zone from next-intl's request config
// (lib/i18n/dates.ts), so no page has to fetch it and hand it down.
describe('the UI formats dates in the request zone', () => {
  test('no page or component calls the zone-taking formatter', () => {
    const offenders = [...sourceFiles('app'), ...sourceFiles('components')]
      .filter((file) => /from '@\/lib\/format'/.test(readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
