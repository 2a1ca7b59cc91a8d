import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import pkg from '../../package.json';
import { adoptBuiltNextConfig } from '../../scripts/built-next-config';
import { PRODUCTION_SERVER_ARGS } from '../../scripts/production-server';

// `npm start` is what a site runs; the benchmarks and the E2E second instance
// start the server from the constant. Both must be the same server with the
// same heap settings, or the figures measure something nobody deploys.
describe('the production server', () => {
  test('npm start runs the same file with the same flags as the benchmarks', () => {
    expect(pkg.scripts.start).toBe(['node', ...PRODUCTION_SERVER_ARGS].join(' '));
  });
});

describe('the config written by the build', () => {
  const VAR = '__NEXT_PRIVATE_STANDALONE_CONFIG';
  const before = process.env[VAR];
  let dir = '';
  afterEach(() => {
    if (before === undefined) delete process.env[VAR];
    else process.env[VAR] = before;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('is handed to Next when the build wrote it', () => {
    delete process.env[VAR];
    dir = mkdtempSync(path.join(tmpdir(), 'tougao-dist-'));
    writeFileSync(path.join(dir, 'required-server-files.json'), JSON.stringify({ version: 1, config: { distDir: '.next', poweredByHeader: false } }));
    expect(adoptBuiltNextConfig(dir)).toBe(true);
    expect(JSON.parse(process.env[VAR]!)).toEqual({ distDir: '.next', poweredByHeader: false });
  });

  test('is left to next.config.ts without a build', () => {
    delete process.env[VAR];
    dir = mkdtempSync(path.join(tmpdir(), 'tougao-dist-'));
    expect(adoptBuiltNextConfig(dir)).toBe(false);
    expect(process.env[VAR]).toBeUndefined();
  });
});
