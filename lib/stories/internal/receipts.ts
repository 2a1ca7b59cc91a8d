import 'server-only';
import { sql } from 'drizzle-orm';
import { receiptCounters } from '@/db/schema';
import type { Tx } from '@/db/client';
import { formatReceiptNo } from '../../content/receipt';

// 收稿编号: one counter per year, taken inside the submitting transaction so
// two submits never share a number.
export async function nextReceiptNo(tx: Tx, year: number): Promise<string> {
  const [row] = await tx
    .insert(receiptCounters)
    .values({ year, lastValue: 1 })
    .onConflictDoUpdate({ target: receiptCounters.year, set: { lastValue: sql`${receiptCounters.lastValue} + 1` } })
    .returning({ value: receiptCounters.lastValue });
  return formatReceiptNo(year, row!.value);
}

// The year a receipt number carries: the site's, not the server's.
export function yearIn(timeZone: string, date = new Date()): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(date));
}
