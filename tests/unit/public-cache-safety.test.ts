import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const appDir = path.resolve(__dirname, '../../app');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(dir, file));
}

// revalidatePath('/', …) from a server action drops every cached public page
// of the instance. Server actions run for whoever posts to them (a language
// switch needs no session at all), so none may do it: readers' pages change
// through the public-change channel (lib/public-cache.ts), whose route takes
// the internal token.
describe('no server action empties the public page cache', () => {
  test('no file under app/ but the internal route revalidates the public root', () => {
    const offenders = sourceFiles(appDir)
      .filter((file) => !file.includes(`${path.sep}api${path.sep}internal${path.sep}`))
      .filter((file) => /revalidatePath\(\s*['"`]\/(['"`]|\[locale\])/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(appDir, file));
    expect(offenders).toEqual([]);
  });
});
