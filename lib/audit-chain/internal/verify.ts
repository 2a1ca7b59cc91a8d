import 'server-only';
import { sql } from 'drizzle-orm';
import { CHAINED_TABLES, type ChainedTable } from '@/db/schema';
import { queryRows, type Db } from '@/db/client';
import {
  CANONICAL_TIME_SQL_FORMAT,
  canonicalAuditRow,
  canonicalStoryEvent,
  ChainVerifier,
  checkRetentionBase,
  retentionBasesOf,
  type ChainBreak,
  type ChainEnds,
  type ChainRow,
} from '../canonical';

// Reads both chains oldest first, in batches, in one read-only snapshot (so
// rows appended or removed meanwhile neither break nor pass it), and checks
// every row against the one before, the head and the retention job's record.

export type ChainReport = { table: ChainedTable; rows: number; lastId: number; lastHash: string; baseId: number; broken: ChainBreak | null };

export type VerificationReport = { ok: boolean; chains: ChainReport[]; firstBreak: ChainBreak | null };

const BATCH = 5000;
const time = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', '${CANONICAL_TIME_SQL_FORMAT}')`);

type AuditRaw = {
  id: number;
  created_at: string;
  actor_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  meta_text: string;
  prev_hash: string;
  hash: string;
  hash_alg: string;
};

type EventRaw = {
  id: number;
  created_at: string;
  story_id: number;
  actor_id: number | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  meta_text: string | null;
  prev_hash: string;
  hash: string;
  hash_alg: string;
};

const num = (value: number | null) => (value === null ? null : Number(value));

async function readBatch(db: Db, table: ChainedTable, afterId: number): Promise<ChainRow[]> {
  if (table === 'audit_log') {
    const rows = await queryRows<AuditRaw>(
      db,
      sql`select id, ${time('created_at')} as created_at, actor_id, action, target_type, target_id, ip, meta::text as meta_text, prev_hash, hash, hash_alg
        from audit_log where id > ${afterId} order by id limit ${BATCH}`,
    );
    return rows.map((r) => {
      const createdAt = r.created_at;
      const canonical = canonicalAuditRow({ actorId: num(r.actor_id), action: r.action, targetType: r.target_type, targetId: r.target_id, ip: r.ip, metaText: r.meta_text, createdAt });
      return { id: Number(r.id), createdAt, canonical, prevHash: r.prev_hash, hash: r.hash, hashAlg: r.hash_alg };
    });
  }
  const rows = await queryRows<EventRaw>(
    db,
    sql`select id, ${time('created_at')} as created_at, story_id, actor_id, action, from_status::text as from_status, to_status::text as to_status, note,
        meta::text as meta_text, prev_hash, hash, hash_alg
      from story_events where id > ${afterId} order by id limit ${BATCH}`,
  );
  return rows.map((r) => {
    const createdAt = r.created_at;
    const canonical = canonicalStoryEvent({
      storyId: Number(r.story_id),
      actorId: num(r.actor_id),
      action: r.action,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      note: r.note,
      metaText: r.meta_text,
      createdAt,
    });
    return { id: Number(r.id), createdAt, canonical, prevHash: r.prev_hash, hash: r.hash, hashAlg: r.hash_alg };
  });
}

async function verifyChain(db: Db, table: ChainedTable, ends: ChainEnds): Promise<ChainVerifier> {
  const verifier = new ChainVerifier(table, ends);
  let after = 0;
  for (;;) {
    const rows = await readBatch(db, table, after);
    for (const row of rows) if (!verifier.push(row)) return verifier;
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.id;
  }
  verifier.finish();
  return verifier;
}

// For lib/audit-chain's front door and `npm run audit:verify`; checks no viewer.
export async function verifyChains(db: Db): Promise<VerificationReport> {
  return db.transaction(
    async (tx) => {
      const snapshot = tx as unknown as Db;
      const heads = await queryRows<{ chain: ChainedTable; last_id: number; last_hash: string; base_id: number; base_hash: string }>(
        snapshot,
        sql`select chain, last_id, last_hash, base_id, base_hash from audit_chain_heads`,
      );
      const [retention] = await queryRows<{ id: number; created_at: string; meta: unknown }>(
        snapshot,
        sql`select id, ${time('created_at')} as created_at, meta from audit_log where action = 'audit.retention' order by id desc limit 1`,
      );
      const latest = retention ? { id: Number(retention.id), createdAt: retention.created_at, bases: retentionBasesOf(typeof retention.meta === 'string' ? JSON.parse(retention.meta) : retention.meta) } : null;
      const chains: ChainReport[] = [];
      for (const table of CHAINED_TABLES) {
        const head = heads.find((h) => h.chain === table);
        if (!head) throw new Error(`audit_chain_heads has no ${table}: run the migrations`);
        const ends: ChainEnds = { baseId: Number(head.base_id), baseHash: head.base_hash, lastId: Number(head.last_id), lastHash: head.last_hash };
        const verifier = await verifyChain(snapshot, table, ends);
        const broken = verifier.broken ?? checkRetentionBase(table, ends, latest);
        chains.push({ table, rows: verifier.checked, lastId: ends.lastId, lastHash: ends.lastHash, baseId: ends.baseId, broken });
      }
      const firstBreak = chains.find((c) => c.broken)?.broken ?? null;
      return { ok: firstBreak === null, chains, firstBreak };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

// A row's hash noted earlier, outside the database (the command prints each
// chain's newest). A chain rewritten from that row on with every hash
// recomputed still verifies on its own; it no longer holds the noted hash.
export type Checkpoint = { table: ChainedTable; id: number; hash: string };

export type CheckpointResult = Checkpoint & { result: 'held' | 'differs' | 'missing' | 'removed_by_retention' };

export async function checkCheckpoints(db: Db, checkpoints: Checkpoint[]): Promise<CheckpointResult[]> {
  const results: CheckpointResult[] = [];
  for (const checkpoint of checkpoints) {
    const table = sql.raw(checkpoint.table);
    const [row] = await queryRows<{ hash: string }>(db, sql`select hash from ${table} where id = ${checkpoint.id}`);
    const [head] = await queryRows<{ base_id: number }>(db, sql`select base_id from audit_chain_heads where chain = ${checkpoint.table}`);
    const result = row ? (row.hash === checkpoint.hash.toLowerCase() ? 'held' : 'differs') : checkpoint.id <= Number(head?.base_id ?? 0) ? 'removed_by_retention' : 'missing';
    results.push({ ...checkpoint, result });
  }
  return results;
}
