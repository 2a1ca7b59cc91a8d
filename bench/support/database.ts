// The benchmark's databases: a throwaway PostgreSQL server (or a fresh
// database on the server in DATABASE_URL), seeding through
// bench/seed-public-site.ts, and reading a story's exact read count.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import type { SeedTimings } from '../seed-public-site';
import { createDatabase, startPgServer } from '../../tests/support/pg-server';
import { onCleanup } from './cleanup';
import { pinTreeToCore, stopProcessGroup } from './processes';

export type BenchPostgres = {
  url: string;
  // Where it runs: 'throwaway' (started here, on this machine) or the server of DATABASE_URL.
  where: string;
  // Puts a throwaway server on the app's core, so that the app and its
  // database together get one core, as on PGlite. A no-op for DATABASE_URL.
  pinToCore: (core: number) => Promise<number>;
  stop: () => Promise<void>;
};

async function withClient<T>(url: string, query: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await query(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// The parent of our own backend, read while that backend still lives.
async function postmasterPid(url: string): Promise<number> {
  return withClient(url, async (sql) => {
    const [row] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const status = readFileSync(`/proc/${row!.pid}/status`, 'utf8');
    return Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
  });
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const name = `bench_public_site_${Date.now()}`;
    const url = await createDatabase(given, name);
    const stop = onCleanup(() => withClient(given, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`)).then(() => undefined));
    return { url, where: `database ${name} on the DATABASE_URL server`, pinToCore: async () => 0, stop };
  }
  const pg = await startPgServer({ database: 'bench_public_site' });
  const stop = onCleanup(() => pg.stop());
  return {
    url: pg.url,
    where: `throwaway PostgreSQL (${pg.binaries.source}) on loopback`,
    pinToCore: async (core) => pinTreeToCore(await postmasterPid(pg.url), core),
    stop,
  };
}

// Seeds in a child process (the database client picks its engine once per
// process). `database` is DATABASE_URL, or DATA_DIR for the embedded one.
export async function seedSite(database: { DATABASE_URL: string } | { DATA_DIR: string }, stories: number): Promise<SeedTimings> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...database, BENCH_STORIES: String(stories), LOG_LEVEL: 'warn' };
  if (!('DATABASE_URL' in database)) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', new URL('../../scripts/server-only-hook.mjs', import.meta.url).pathname, new URL('../seed-public-site.ts', import.meta.url).pathname], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const stop = onCleanup(() => stopProcessGroup(child, 'SIGKILL'));
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  await stop();
  const last = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{')) throw new Error(`seeding failed (exit ${code})\n${stdout}`);
  return JSON.parse(last) as SeedTimings;
}

// The figure readers are shown: the folded total plus the slots not yet
// folded (lib/views.ts), read in one statement so a fold in between cannot
// count a view twice or not at all.
export async function readViewTotal(url: string, storyId: number): Promise<number> {
  const [row] = await withClient(
    url,
    (sql) => sql<{ views: string }[]>`
      select s.view_count + coalesce((select sum(v.views) from story_view_slots v where v.story_id = s.id), 0) as views
      from stories s where s.id = ${storyId}`,
  );
  return Number(row?.views ?? NaN);
}
