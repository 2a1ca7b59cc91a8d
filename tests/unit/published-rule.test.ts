import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(__dirname, '../..');

// "Readers may see it" is written once, in lib/published.ts, so it can change
// in one place (e.g. to a published snapshot). A query that spells it out
// again would be missed by that change.
describe('what counts as published', () => {
  test('no query outside lib/published.ts spells it out', () => {
    const files = ['lib', 'app'].flatMap((dir) =>
      readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.tsx?$/.test(file))
        .map((file) => path.join(dir, file)),
    );
    const offenders = files
      .filter((file) => file !== path.join('lib', 'published.ts'))
      .filter((file) => /status\s*=\s*'published'|eq\(\s*stories\.status\s*,\s*'published'\s*\)/.test(readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
