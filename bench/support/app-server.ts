// The production server as `npm start` runs it, pinned to one core, on a
// loopback port, with its output kept in a log file (printed if it fails).
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { freeLoopbackPort } from '../../tests/support/pg-server';
import { onCleanup } from './cleanup';
import { waitUntilUp } from './http';
import { spawnPinned, stopProcessGroup } from './processes';
import { PRODUCTION_SERVER_ARGS } from '../../scripts/production-server';

export const SERVER_CORE = 0;

export type AppServer = { base: string; port: number; pid: number; startupS: number; stop: () => Promise<void> };

// Either database: DATABASE_URL for PostgreSQL, or DATA_DIR alone for the
// embedded one.
export type AppDatabaseEnv = { DATABASE_URL: string; DATA_DIR: string } | { DATA_DIR: string };

export function appEnv(database: AppDatabaseEnv, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...database,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    SECURE_COOKIES: 'false',
    LOG_LEVEL: 'warn',
    // nginx stands in front for part of the run (deploy/nginx.conf says so).
    TRUST_PROXY: '1',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  if (!('DATABASE_URL' in database)) delete env.DATABASE_URL;
  return env;
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

// On `port`, or on any free one.
export async function startAppServer(database: AppDatabaseEnv, logDir: string, port?: number): Promise<AppServer> {
  port ??= await freeLoopbackPort();
  const logFile = path.join(logDir, `server-${port}.log`);
  const log = createWriteStream(logFile);
  const started = performance.now();
  const child = spawnPinned(SERVER_CORE, process.execPath, PRODUCTION_SERVER_ARGS, {
    env: appEnv(database, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const stop = onCleanup(() => stopProcessGroup(child));
  const base = `http://127.0.0.1:${port}`;
  try {
    // Start-up migrates and backfills before it listens: minutes on a big
    // archive that the seed did not prepare.
    await waitUntilUp(`${base}/api/health`, 15 * 60_000, { isAlive: () => child.exitCode === null && child.signalCode === null });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server log (last lines) ---\n${tail(logFile, 40)}`);
  }
  return { base, port, pid: child.pid!, startupS: Math.round((performance.now() - started) / 100) / 10, stop };
}
