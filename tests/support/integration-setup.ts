import { afterAll, inject } from 'vitest';

// Runs before each integration file's imports: point lib/env at the database
// chosen by the global setup before anything opens it.
const databaseUrl = inject('databaseUrl');
if (databaseUrl) {
  process.env.DATABASE_URL = databaseUrl;
} else {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = inject('dataDir');
}

afterAll(async () => {
  const { closeDb } = await import('@/db/client');
  await closeDb();
});
