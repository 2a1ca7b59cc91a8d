import { check, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

// The hash chain of the two append-only tables (audit_log, story_events):
// each row holds the hash of the row before it and its own, over a canonical
// serialization (lib/audit-chain/canonical.ts), with the algorithm it used.
export function chainColumns() {
  return {
    prevHash: text().notNull(),
    hash: text().notNull(),
    hashAlg: text().notNull(),
  };
}

export const CHAINED_TABLES = ['audit_log', 'story_events'] as const;
export type ChainedTable = (typeof CHAINED_TABLES)[number];

// One row per chain, kept by the database's own insert trigger: the newest
// row (so rows cut off the end show) and the base the oldest remaining row
// follows (moved only by the retention job, so rows cut off the start show).
export const auditChainHeads = pgTable(
  'audit_chain_heads',
  {
    chain: text().primaryKey().$type<ChainedTable>(),
    lastId: integer().notNull().default(0),
    lastHash: text().notNull(),
    baseId: integer().notNull().default(0),
    baseHash: text().notNull(),
  },
  (t) => [check('audit_chain_heads_chain', sql`${t.chain} in ('audit_log', 'story_events')`)],
);

export type AuditChainHead = typeof auditChainHeads.$inferSelect;
