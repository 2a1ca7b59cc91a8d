import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DatabaseBreaker, isDatabaseUnavailable } from '@/db/availability';
import { guardedClient, postgresProbe } from '@/db/guarded-client';
import { findPgBinaries, startPgServer, type PgServer } from '../support/pg-server';

// A PostgreSQL server of this file's own, stopped and frozen under a pool
// guarded the way db/client.ts guards the app's: no query may wait longer
// than the connect timeout + 1 s while the database is down or frozen.
const CONNECT_TIMEOUT_S = 2;
const LIMIT_MS = CONNECT_TIMEOUT_S * 1000 + 1000;

let server: PgServer;
let client: postgres.Sql;
let breaker: DatabaseBreaker;
let db: ReturnType<typeof drizzle>;

beforeAll(async () => {
  const binaries = findPgBinaries();
  if (!binaries) throw new Error('PostgreSQL server binaries are needed for the outage tests');
  server = await startPgServer({ binaries, database: 'outage' });
  breaker = new DatabaseBreaker({ ...postgresProbe(server.url, CONNECT_TIMEOUT_S), stallMs: 750, probeTimeoutMs: CONNECT_TIMEOUT_S * 1000 });
  client = postgres(server.url, { max: 4, connect_timeout: CONNECT_TIMEOUT_S, max_lifetime: null, onnotice: () => {} });
  db = drizzle(guardedClient(client, breaker));
  await db.execute(sql`create table notes (id int primary key, body text not null)`);
  await db.execute(sql`insert into notes values (1, 'before')`);
}, 60_000);

afterAll(async () => {
  breaker?.stop();
  await client?.end({ timeout: 0 });
  await server?.stop();
});

async function timed<T>(work: Promise<T>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  try {
    await work;
    return { ms: Date.now() - started, error: null };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

async function recovered(): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (breaker.down) {
    if (Date.now() > deadline) throw new Error('the breaker did not close after the database came back');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const body = async (id: number) => (await db.execute<{ body: string }>(sql`select body from notes where id = ${id}`))[0]?.body;

describe('a database outage fails fast', () => {
  test('stopped: reads, writes and transactions fail within the limit, later ones at once; it recovers without a restart', async () => {
    await server.halt();
    try {
      const read = await timed(db.execute(sql`select body from notes`));
      expect(isDatabaseUnavailable(read.error)).toBe(true);
      expect(read.ms).toBeLessThan(LIMIT_MS);

      const write = await timed(db.execute(sql`update notes set body = 'during' where id = 1`));
      expect(isDatabaseUnavailable(write.error)).toBe(true);
      expect(write.ms).toBeLessThan(LIMIT_MS);

      const transaction = await timed(db.transaction(async (tx) => tx.execute(sql`select 1`)));
      expect(isDatabaseUnavailable(transaction.error)).toBe(true);
      expect(transaction.ms).toBeLessThan(LIMIT_MS);
      expect(breaker.down).toBe(true);
    } finally {
      await server.resume();
    }
    await recovered();
    expect(await body(1)).toBe('before');
  }, 60_000);

  test('frozen (SIGSTOP): queries on open connections fail within the limit; a write cut off may still land when it thaws', async () => {
    expect(await body(1)).toBe('before');
    // Every pooled connection open (the stop above closed them), so the
    // update below is on the wire, not waiting to connect, when it freezes.
    await Promise.all(Array.from({ length: 4 }, () => db.execute(sql`select pg_sleep(0.05)`)));
    server.freeze();
    let write: { ms: number; error: unknown };
    try {
      const [read, cutOff] = await Promise.all([timed(db.execute(sql`select body from notes`)), timed(db.execute(sql`update notes set body = 'sent while frozen' where id = 1`))]);
      write = cutOff;
      expect(isDatabaseUnavailable(read.error)).toBe(true);
      expect(read.ms).toBeLessThan(LIMIT_MS);
      expect(isDatabaseUnavailable(write.error)).toBe(true);
      expect(write.ms).toBeLessThan(LIMIT_MS);

      // Down now: the next query is not even sent.
      const next = await timed(db.execute(sql`select 1`));
      expect(isDatabaseUnavailable(next.error)).toBe(true);
      expect(next.ms).toBeLessThan(200);
    } finally {
      server.thaw();
    }
    await recovered();
    // The update was on the wire when the server froze: the user was told
    // "not saved", yet it committed. Saves are therefore retried against the
    // version they started from, and an equal copy counts as saved
    // (lib/stories/editing.ts).
    await expect.poll(() => body(1), { timeout: 10_000 }).toBe('sent while frozen');
  }, 60_000);
});
