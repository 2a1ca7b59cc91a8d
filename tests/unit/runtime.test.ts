import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import pkg from '../../package.json';

const root = path.resolve(__dirname, '../..');
const major = (version: string) => Number(version.replace(/^v/, '').split('.')[0]);

// Node 20 is past its end of life and several dependencies declare >= 22.12;
// scripts/server-only-hook.mjs uses node:module registerHooks (22.15). CI and
// local work run on Node 24 through scripts/use-node.sh.
describe('the runtime', () => {
  test('package.json asks for Node 22.15 or newer', () => {
    expect(pkg.engines.node).toBe('>=22.15');
  });

  test('the tests run on Node 24 or newer', () => {
    expect(major(process.version)).toBeGreaterThanOrEqual(24);
  });

  test('scripts/use-node.sh leaves a shell on Node 24 or newer', () => {
    const version = execFileSync('bash', ['-c', '. scripts/use-node.sh && node -v'], { cwd: root, encoding: 'utf8' });
    expect(major(version.trim())).toBeGreaterThanOrEqual(24);
  }, 120_000);
});
