import path from 'node:path';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type * as schema from './schema';

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

// Any constant: the advisory lock that keeps instances starting together from
// applying the same migration twice.
const MIGRATION_LOCK_ID = 7_244_001;

// Applies the committed drizzle-kit migrations to a PostgreSQL server, on one
// dedicated connection holding a session advisory lock.
export async function migratePostgres(url: string, connectTimeoutS: number): Promise<void> {
  const client = postgres(url, { max: 1, connect_timeout: connectTimeoutS, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(drizzlePostgres(client), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

// The same migration files, applied to the embedded database.
export async function migratePglite(db: PostgresJsDatabase<typeof schema>): Promise<void> {
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  await migrate(db as never, { migrationsFolder });
}
