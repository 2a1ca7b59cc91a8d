import { spawnSync } from 'node:child_process';
import postgres from 'postgres';

// The demo accounts (admin, editor1, fangyong, …) every spec signs in with.
// The embedded database seeds them itself on first start; a PostgreSQL one
// only when asked, so this asks, once: a database that already has them is
// left alone. Whether the web server has started (and migrated) yet does not
// matter: the seed command migrates first.

async function hasDemoAdmin(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    const [row] = await sql<{ exists: boolean }[]>`
      select to_regclass('public.users') is not null as exists`;
    if (!row?.exists) return false;
    const users = await sql`select 1 from users where username = 'admin' limit 1`;
    return users.length > 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export default async function globalSetup(): Promise<void> {
  const url = process.env.E2E_DATABASE_URL?.trim();
  if (!url) return;
  if (await hasDemoAdmin(url)) return;
  const seeded = spawnSync('npm', ['run', '--silent', 'db:seed', '--', '--demo'], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (seeded.status !== 0) {
    throw new Error(
      `Seeding the demo into the e2e database failed (exit ${seeded.status}). The e2e tier needs an empty database or one with the demo.\n${seeded.stdout}${seeded.stderr}`,
    );
  }
  if (!(await hasDemoAdmin(url))) throw new Error('The demo seed ran but the e2e database has no demo admin.');
}
