import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { findPgBinaries, startPgServer, type PgServer } from './pg-server';

declare module 'vitest' {
  export interface ProvidedContext {
    // PostgreSQL URL for the integration tier; '' means the embedded PGlite fallback.
    databaseUrl: string;
    // Data folder for the PGlite fallback; '' when PostgreSQL is used.
    dataDir: string;
  }
}

function loud(lines: string[]): void {
  const bar = '!'.repeat(78);
  console.warn(['', bar, ...lines.map((l) => `!! ${l}`), bar, ''].join('\n'));
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

// Decides which database the integration tier runs against, once per run:
// TEST_DATABASE_URL, else DATABASE_URL, else a throwaway server from the local
// PostgreSQL binaries, else (not under CI) embedded PGlite in a temp folder.
// TEST_USE_PGLITE=true skips straight to PGlite.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let url = process.env.TEST_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim() || '';
  let server: PgServer | undefined;
  let dataDir = '';

  const forcePglite = process.env.TEST_USE_PGLITE === 'true';
  if (forcePglite) url = '';

  if (url) {
    console.log(`[integration] PostgreSQL from ${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'DATABASE_URL'}: ${redact(url)}`);
  } else {
    const binaries = forcePglite ? null : findPgBinaries();
    if (binaries) {
      server = await startPgServer({ binaries });
      url = server.url;
      console.log(`[integration] throwaway PostgreSQL from ${binaries.binDir} on port ${server.port}`);
    } else if (process.env.CI === 'true' && !forcePglite) {
      throw new Error(
        'No database for the integration tests: TEST_DATABASE_URL and DATABASE_URL are unset and no PostgreSQL ' +
          'server binaries were found (PG_BIN, /usr/lib/postgresql/*/bin, pg_ctl on PATH). Under CI this is an error.',
      );
    } else {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'tougao-it-pglite-'));
      loud([
        forcePglite
          ? 'TEST_USE_PGLITE=true: the integration tests run on embedded PGlite, not PostgreSQL.'
          : 'No PostgreSQL for the integration tests (no TEST_DATABASE_URL, no DATABASE_URL, no server binaries).',
        `Running them on embedded PGlite in ${dataDir} instead.`,
        'Install PostgreSQL (apt-get install -y postgresql) to test against the real server.',
      ]);
    }
  }

  if (url) {
    // Migrate once up front: an unreachable or broken database fails here,
    // with one clear message, instead of in every file.
    const { migratePostgres } = await import('../../db/migrate');
    try {
      await migratePostgres(url, 10);
    } catch (error) {
      await server?.stop();
      throw new Error(`Cannot prepare the test database at ${redact(url)}: ${(error as Error).message}`);
    }
  }

  project.provide('databaseUrl', url);
  project.provide('dataDir', dataDir);

  return async () => {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
