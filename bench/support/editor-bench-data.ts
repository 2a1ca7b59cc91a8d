// The editor benchmark's database: the demo site, whose correspondent types
// and whose list of common 错别字 holds the words that recur in the
// benchmark's story, so every check answers with marks to draw.
import { DEMO_PASSWORD } from '../../lib/seed/demo';

export const BENCH_CORRESPONDENT = 'fangyong';
export const BENCH_PASSWORD = DEMO_PASSWORD;
// From the demo's list (lib/content-check/demo-list.ts).
export const WRONG_WORDS: readonly (readonly [string, string])[] = [
  ['既使', '即使'],
  ['不径而走', '不胫而走'],
];

// In this process: the database client picks its engine on first use, from DATABASE_URL.
export async function seedEditorBench(databaseUrl: string): Promise<void> {
  process.env.DATABASE_URL = databaseUrl;
  const { closeDb, getDb } = await import('../../db/client');
  const { seedDemo } = await import('../../lib/seed/demo');
  const db = await getDb();
  await seedDemo(db);
  await closeDb();
}
