import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';

const TIMEOUT_MS = 3000;

// True when the database answers a trivial query within a few seconds.
export async function checkDatabase(): Promise<boolean> {
  const probe = (async () => {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return true;
  })();
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), TIMEOUT_MS).unref());
  return Promise.race([probe.catch(() => false), timeout]);
}
