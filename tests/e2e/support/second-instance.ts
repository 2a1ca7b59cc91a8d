import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { databaseUrl } from './accounts';
import { PRODUCTION_SERVER_ARGS } from '../../../scripts/production-server';

// Another instance of the app on the same PostgreSQL, as a site behind a load
// balancer runs it: the same production build, its own process and page cache.
export type SecondInstance = { baseURL: string; stop: () => Promise<void> };

// `env` adds to or overrides the instance's environment (e.g. no public address).
export async function startSecondInstance(port: number, env: Record<string, string> = {}): Promise<SecondInstance> {
  const url = databaseUrl();
  if (!url) throw new Error('a second instance needs the PostgreSQL database (E2E_DATABASE_URL)');
  const child: ChildProcess = spawn(process.execPath, PRODUCTION_SERVER_ARGS, {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      NODE_ENV: 'production',
      // It serves public pages only here; no one signs in to it.
      AUTH_SECRET: randomBytes(32).toString('base64'),
      SECURE_COOKIES: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseURL = `http://localhost:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  for (let waited = 0; waited < 60_000; waited += 250) {
    if (child.exitCode !== null) throw new Error(`the second instance exited with ${child.exitCode}`);
    const healthy = await fetch(`${baseURL}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (healthy) return { baseURL, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error('the second instance did not start within 60 s');
}
