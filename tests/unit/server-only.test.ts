import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import pkg from '../../package.json';

const root = path.resolve(__dirname, '../..');

function libFiles(): string[] {
  return readdirSync(path.join(root, 'lib'), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join('lib', file));
}

function firstImport(source: string): string | undefined {
  return source.match(/^import\b.*$/m)?.[0];
}

// A lib/ module that reaches the database must never end up in a browser
// bundle: with `server-only` first, Next's build fails on the client
// component that imports it instead of shipping the module (and whatever
// it reads) to readers.
describe('lib/ modules that touch the database are server-only', () => {
  test('every lib/ file importing db/client imports server-only first', () => {
    const importsDbClient = /['"](?:@\/|(?:\.\.\/)+)db\/client['"]/;
    const offenders = libFiles().filter((file) => {
      const source = readFileSync(path.join(root, file), 'utf8');
      return importsDbClient.test(source) && firstImport(source) !== "import 'server-only';";
    });
    expect(offenders).toEqual([]);
  });

  // Outside Next, `server-only` only loads through scripts/server-only-hook.mjs.
  test('every package.json script that runs TypeScript with tsx loads the hook', () => {
    const offenders = Object.entries(pkg.scripts)
      .filter(([, command]) => /\btsx\b/.test(command))
      .filter(([, command]) => command.split('&&').some((step) => /\btsx\b/.test(step) && !step.includes('--import ./scripts/server-only-hook.mjs')))
      .map(([name]) => name);
    expect(offenders).toEqual([]);
  });
});
