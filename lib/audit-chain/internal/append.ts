import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { auditLog, storyEvents, type ChainedTable, type StoryStatus } from '@/db/schema';
import { queryRows, type Db, type Tx } from '@/db/client';
import { hashAlgorithm } from '../../crypto-suite';
import { CANONICAL_TIME_SQL_FORMAT, canonicalAuditRow, canonicalStoryEvent, canonicalTime, chainHash } from '../canonical';

// The one way rows enter audit_log and story_events. In the caller's
// transaction (a savepoint of it, or a transaction of its own when given the
// database) it locks both chains' heads, links each row to the one before and
// inserts it; the insert trigger checks the link and moves the head. The lock
// is held until that transaction commits, so appends are serialized and ids
// follow the chain's order. Both heads are locked, always in the same order,
// so a transaction appending to both chains cannot deadlock with another.

export type NewAuditRow = {
  actorId: number | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  meta: Record<string, unknown>;
  // Back-dated rows (tests); everything else is stamped now().
  createdAt?: Date;
};

export type NewStoryEvent = {
  storyId: number;
  actorId: number | null;
  action: string;
  fromStatus: StoryStatus | null;
  toStatus: StoryStatus | null;
  note: string | null;
  meta: Record<string, unknown> | null;
  // Seeds back-date their stories' timelines; everything else is stamped now().
  createdAt?: Date;
};

// Rows per INSERT: well below PostgreSQL's 65,535 parameters.
const INSERT_BATCH = 1000;

type Locked = { heads: Record<ChainedTable, string>; now: string };

async function lockHeads(tx: Tx): Promise<Locked> {
  const rows = await queryRows<{ chain: ChainedTable; last_hash: string; now: string }>(
    tx,
    sql`select chain, last_hash, to_char(now() at time zone 'UTC', ${CANONICAL_TIME_SQL_FORMAT}) as now
      from audit_chain_heads order by chain for update`,
  );
  const heads = Object.fromEntries(rows.map((r) => [r.chain, r.last_hash])) as Record<ChainedTable, string>;
  if (!heads.audit_log || !heads.story_events) throw new Error('audit_chain_heads is missing a chain: run the migrations');
  return { heads, now: rows[0]!.now };
}

// jsonb's text of each meta, as the column will print it (key order, spacing,
// numbers): the canonical form hashes that text, not JavaScript's.
async function jsonbTexts(tx: Tx, metas: (string | null)[]): Promise<(string | null)[]> {
  const present = metas.filter((m): m is string => m !== null);
  if (present.length === 0) return metas;
  const rows = await queryRows<{ n: number; text: string }>(
    tx,
    sql`select e.n::int as n, e.value::text as text from jsonb_array_elements(${`[${present.join(',')}]`}::jsonb) with ordinality as e(value, n)`,
  );
  const texts = new Map(rows.map((r) => [Number(r.n), r.text]));
  let k = 0;
  return metas.map((m) => (m === null ? null : texts.get(++k)!));
}

function toJson(meta: Record<string, unknown> | null): string | null {
  return meta === null ? null : JSON.stringify(meta);
}

type Linked<T> = { row: T; json: string | null; createdAt: string; prevHash: string; hash: string; hashAlg: string };

// Links rows (already in insertion order) to the chain's head.
async function link<T>(
  db: Db | Tx,
  table: ChainedTable,
  rows: T[],
  pieces: (row: T) => { meta: Record<string, unknown> | null; createdAt?: Date },
  canonical: (row: T, metaText: string | null, createdAt: string) => string,
  insert: (tx: Tx, linked: Linked<T>[]) => Promise<void>,
): Promise<void> {
  if (rows.length === 0) return;
  const algorithm = hashAlgorithm();
  const jsons = rows.map((row) => toJson(pieces(row).meta));
  await db.transaction(async (tx) => {
    const metaTexts = await jsonbTexts(tx, jsons);
    const { heads, now } = await lockHeads(tx);
    let prevHash = heads[table];
    const linked = rows.map((row, i): Linked<T> => {
      const given = pieces(row).createdAt;
      const createdAt = given ? canonicalTime(given) : now;
      const hash = chainHash(algorithm, prevHash, canonical(row, metaTexts[i]!, createdAt));
      const entry = { row, json: jsons[i]!, createdAt, prevHash, hash, hashAlg: algorithm };
      prevHash = hash;
      return entry;
    });
    for (let i = 0; i < linked.length; i += INSERT_BATCH) await insert(tx, linked.slice(i, i + INSERT_BATCH));
  });
}

const jsonb = (json: string | null): SQL | null => (json === null ? null : sql`${json}::jsonb`);
const timestamptz = (text: string): SQL => sql`${text}::timestamptz`;

export async function appendAuditRows(db: Db | Tx, rows: NewAuditRow[]): Promise<void> {
  await link(
    db,
    'audit_log',
    rows,
    (row) => row,
    (row, metaText, createdAt) => canonicalAuditRow({ ...row, metaText: metaText!, createdAt }),
    async (tx, linked) => {
      await tx.insert(auditLog).values(
        linked.map(({ row, json, createdAt, prevHash, hash, hashAlg }) => ({ ...row, meta: jsonb(json)!, createdAt: timestamptz(createdAt), prevHash, hash, hashAlg })),
      );
    },
  );
}

export async function appendStoryEvents(db: Db | Tx, rows: NewStoryEvent[]): Promise<void> {
  await link(
    db,
    'story_events',
    rows,
    (row) => row,
    (row, metaText, createdAt) => canonicalStoryEvent({ ...row, metaText, createdAt }),
    async (tx, linked) => {
      await tx.insert(storyEvents).values(
        linked.map(({ row, json, createdAt, prevHash, hash, hashAlg }) => ({ ...row, meta: jsonb(json), createdAt: timestamptz(createdAt), prevHash, hash, hashAlg })),
      );
    },
  );
}
