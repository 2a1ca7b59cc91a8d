import { sql, type SQL } from 'drizzle-orm';

// A timestamptz parameter for raw SQL: both drivers take the ISO text, only
// one of them takes a Date.
export function instant(date: Date): SQL {
  return sql`${date.toISOString()}::timestamptz`;
}
