import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePgliteFolder } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgresFolder } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Db } from '@/db/client';
import * as schema from '@/db/schema';
import { createDatabase, urlWithDatabase } from './pg-server';

// A database of a test's own, beside the shared one: on the integration
// tier's PostgreSQL server when there is one (a new database in it), else an
// embedded PGlite in memory. Migrated to `upTo` (a migration's tag, e.g.
// 0011_sealed_contacts) or to the newest; migrate() takes it the rest of the way,
// as an upgrade would.
// `url` is the PostgreSQL database's, for a command run against it.
export type FreshDatabase = { db: Db; kind: 'postgres' | 'pglite'; url?: string; migrate: () => Promise<void>; close: () => Promise<void> };

const MIGRATIONS = path.join(process.cwd(), 'db', 'migrations');

// The committed migrations up to and including `tag`, in a folder of their own.
function migrationsUpTo(tag: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tougao-migrations-'));
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === tag);
  if (last < 0) throw new Error(`no migration ${tag}`);
  const entries = journal.entries.slice(0, last + 1);
  mkdirSync(path.join(dir, 'meta'));
  writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const entry of entries) copyFileSync(path.join(MIGRATIONS, `${entry.tag}.sql`), path.join(dir, `${entry.tag}.sql`));
  for (const file of readdirSync(path.join(MIGRATIONS, 'meta'))) if (file.endsWith('_snapshot.json')) copyFileSync(path.join(MIGRATIONS, 'meta', file), path.join(dir, 'meta', file));
  return dir;
}

export async function openFreshDatabase(options: { upTo?: string } = {}): Promise<FreshDatabase> {
  const folder = options.upTo ? migrationsUpTo(options.upTo) : MIGRATIONS;
  const cleanFolder = () => {
    if (folder !== MIGRATIONS) rmSync(folder, { recursive: true, force: true });
  };
  const shared = process.env.DATABASE_URL;
  if (shared) {
    const name = `fresh_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
    const url = await createDatabase(shared, name);
    const client = postgres(url, { max: 8, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema, casing: 'snake_case' }) as Db;
    await migratePostgresFolder(db, { migrationsFolder: folder });
    return {
      db,
      kind: 'postgres',
      url,
      migrate: () => migratePostgresFolder(db, { migrationsFolder: MIGRATIONS }),
      close: async () => {
        await client.end({ timeout: 5 });
        const admin = postgres(urlWithDatabase(shared, 'postgres'), { max: 1, onnotice: () => {} });
        await admin.unsafe(`drop database if exists "${name}" with (force)`).finally(() => admin.end({ timeout: 5 }));
        cleanFolder();
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const client = await PGlite.create();
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
  await migratePgliteFolder(db as never, { migrationsFolder: folder });
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePgliteFolder(db as never, { migrationsFolder: MIGRATIONS }),
    close: async () => {
      await client.close();
      cleanFolder();
    },
  };
}
