import path from 'node:path';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { sql, type SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { DatabaseBreaker, databaseBreaker, installDatabaseBreaker } from './availability';
import { lockDataDir } from './data-dir-lock';
import { guardedClient, postgresProbe } from './guarded-client';
import { getDataDir, getDbEnv } from './env';
import { migratePglite, migratePostgres } from './migrate';
import * as schema from './schema';

// The one database type the app codes against. The PGlite driver exposes the
// same query builder, so both engines are used through this type.
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbKind = 'postgres' | 'pglite';

// Subscribes to a NOTIFY channel; resolves to the unsubscribe function.
type Listen = (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;

type Handle = { db: Db; kind: DbKind; close: () => Promise<void>; listen: Listen };

const cache = globalThis as unknown as { __tougaoDb?: Promise<Handle> };

export class BuildTimeDatabaseError extends Error {
  constructor() {
    super('The database must not be opened during `next build`; make the page dynamic.');
  }
}

// Opens every pooled connection now, with overlapping queries.
async function warmPool(client: postgres.Sql, size: number): Promise<void> {
  await Promise.all(Array.from({ length: size }, () => client`select pg_sleep(0.05)`));
}

// A query still waiting after this long has the database probed
// (db/availability.ts); the probe's own limit keeps any request's wait for
// a database that is down or frozen within DB_CONNECT_TIMEOUT_S + 1 s.
const STALL_MS = 750;
const PROBE_TIMEOUT_MAX_MS = 3000;

function breakerFor(url: string): DatabaseBreaker {
  const current = databaseBreaker();
  if (current) return current;
  const env = getDbEnv();
  const breaker = new DatabaseBreaker({
    ...postgresProbe(url, env.DB_CONNECT_TIMEOUT_S),
    stallMs: STALL_MS,
    probeTimeoutMs: Math.min(env.DB_CONNECT_TIMEOUT_S * 1000, PROBE_TIMEOUT_MAX_MS),
  });
  installDatabaseBreaker(breaker);
  return breaker;
}

async function openPostgres(url: string): Promise<Handle> {
  const env = getDbEnv();
  const breaker = breakerFor(url);
  // Opening migrates first: while the database is down that fails at once.
  await breaker.run(() => migratePostgres(url, env.DB_CONNECT_TIMEOUT_S));
  const client = postgres(url, {
    max: env.DB_POOL_MAX,
    connect_timeout: env.DB_CONNECT_TIMEOUT_S,
    // Connections live as long as the process: one opened while serving a
    // request keeps that request's async context (and everything it holds)
    // reachable for the connection's lifetime, which under load exhausts
    // the heap. So all of them are opened here, at start-up, and kept.
    max_lifetime: null,
    onnotice: () => {},
    connection: { application_name: 'tougao', statement_timeout: env.DB_STATEMENT_TIMEOUT_MS },
  });
  await warmPool(client, env.DB_POOL_MAX).catch(() => {
    // A database that is slow to come up fills the pool on demand instead.
  });
  const db = drizzlePostgres(guardedClient(client, breaker), { schema, casing: 'snake_case' });
  // postgres.js listens on a connection of its own and re-subscribes after
  // a reconnect, so an instance keeps hearing changes across database restarts.
  const listen: Listen = async (channel, onPayload) => {
    const { unlisten } = await client.listen(channel, onPayload);
    return unlisten;
  };
  return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }), listen };
}

// The embedded database lives in the server's own memory, and PostgreSQL's
// default 128 MB of shared buffers was resident from start-up: a fifth of the
// server's peak under load. Pages it no longer holds still come from the
// operating system's file cache; at 100,000 stories 32 MB served the public
// pages as fast (bench/README.md) and took ~100 MB off the peak.
const PGLITE_SHARED_BUFFERS = '32MB';

async function openPglite(dataDir: string): Promise<Handle> {
  const release = lockDataDir(dataDir);
  try {
    // Loaded only when used, so a PostgreSQL deployment never loads the WASM.
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle: drizzlePglite } = await import('drizzle-orm/pglite');
    const client = await PGlite.create(path.join(dataDir, 'pgdata'), {
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    });
    const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
    await migratePglite(db);
    return {
      db,
      kind: 'pglite',
      listen: (channel, onPayload) => client.listen(channel, onPayload),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

function open(): Promise<Handle> {
  if (process.env.NEXT_PHASE === 'phase-production-build') return Promise.reject(new BuildTimeDatabaseError());
  const url = getDbEnv().DATABASE_URL;
  return url ? openPostgres(url) : openPglite(getDataDir());
}

async function getHandle(): Promise<Handle> {
  if (!cache.__tougaoDb) {
    const opening = open();
    cache.__tougaoDb = opening;
    // A failed open (database down at start) is not remembered: the next
    // request tries again, so the app recovers without a restart.
    opening.catch(() => {
      if (cache.__tougaoDb === opening) cache.__tougaoDb = undefined;
    });
  }
  return cache.__tougaoDb;
}

// The process's one database, opened and migrated on first use.
export async function getDb(): Promise<Db> {
  return (await getHandle()).db;
}

export async function getDbKind(): Promise<DbKind> {
  return (await getHandle()).kind;
}

export async function listenDb(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  return (await getHandle()).listen(channel, onPayload);
}

export async function closeDb(): Promise<void> {
  const pending = cache.__tougaoDb;
  cache.__tougaoDb = undefined;
  if (!pending) return;
  const handle = await pending.catch(() => undefined);
  await handle?.close();
}

// Rows of a raw SQL query on either driver: postgres.js returns the rows,
// PGlite an object holding them.
export async function queryRows<T extends Record<string, unknown>>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

// An integer[] parameter, one array literal on both drivers (each binds a JS
// array its own way); null elements stay NULL.
export function intArray(values: readonly (number | null)[]): SQL {
  return sql`${`{${values.map((v) => (v === null ? 'NULL' : Math.trunc(v))).join(',')}}`}::int[]`;
}
