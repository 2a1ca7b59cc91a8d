import { createHash } from 'node:crypto';
import type { ChainedTable } from '@/db/schema/chain';

// Pure: the hash chain of the audit trail (audit_log, story_events). Each row
// is serialized canonically; its hash is H(previous row's hash, "\n", that
// serialization) with the algorithm recorded on the row, so a site that
// switches CRYPTO_SUITE continues the same chain in the other algorithm.
//
// The serialization is JSON.stringify of an array of the row's values, with
// the two values whose text only PostgreSQL can give exactly taken as that
// text: the meta column as jsonb prints it, and the time to the microsecond
// in UTC. The migration that chained the rows already there computes the same
// bytes in SQL (0012_audit_chain.sql); a test holds the two to it.

export const HASH_ALGORITHMS = ['sha256', 'sm3'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

export function isHashAlgorithm(value: string): value is HashAlgorithm {
  return (HASH_ALGORITHMS as readonly string[]).includes(value);
}

// What the first row of a chain follows.
export const GENESIS_HASH = '0'.repeat(64);

// `to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, which
// readers and writers take from the database.
export const CANONICAL_TIME_SQL_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';
const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

// A time given by the app (seeds back-date rows) in the canonical form; a
// JavaScript date has whole milliseconds, which PostgreSQL stores exactly.
export function canonicalTime(date: Date): string {
  const iso = date.toISOString();
  const text = iso.replace(/\.(\d{3})Z$/, '.$1000Z');
  if (!CANONICAL_TIME.test(text)) throw new Error(`time outside the audit trail's range: ${iso}`);
  return text;
}

export type AuditRowContent = {
  actorId: number | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  // jsonb's own text of the meta column.
  metaText: string;
  createdAt: string;
};

export type StoryEventContent = {
  storyId: number;
  actorId: number | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  metaText: string | null;
  createdAt: string;
};

export function canonicalAuditRow(row: AuditRowContent): string {
  return JSON.stringify(['audit_log', row.actorId, row.action, row.targetType, row.targetId, row.ip, row.metaText, row.createdAt]);
}

export function canonicalStoryEvent(row: StoryEventContent): string {
  return JSON.stringify(['story_events', row.storyId, row.actorId, row.action, row.fromStatus, row.toStatus, row.note, row.metaText, row.createdAt]);
}

// Lower-case hex, 64 digits for both algorithms.
export function chainHash(algorithm: HashAlgorithm, prevHash: string, canonical: string): string {
  return createHash(algorithm).update(`${prevHash}\n${canonical}`, 'utf8').digest('hex');
}

// ── Verification ─────────────────────────────────────────────────────────────

// A stored row as the verifier reads it, serialized.
export type ChainRow = { id: number; createdAt: string; canonical: string; prevHash: string; hash: string; hashAlg: string };

// The chain's head row (audit_chain_heads): where the remaining rows start
// and end.
export type ChainEnds = { baseId: number; baseHash: string; lastId: number; lastHash: string };

// Why a chain does not verify, at its first broken row:
// - altered: the row's content or hash is not what was written;
// - unlinked: it does not follow the row before it (that row was altered and
//   its hash recomputed, or rows between the two were removed);
// - start: the oldest row does not follow what the retention job last removed
//   (rows were removed from the start);
// - end: rows are missing after the newest row (`id` is the last one present,
//   or null when none is);
// - algorithm: the row names no known algorithm;
// - base: the retention job's own record of what it removed disagrees with
//   the chain's head (`id` is that record's row, or null if there is none).
export type ChainBreakReason = 'altered' | 'unlinked' | 'start' | 'end' | 'algorithm' | 'base';

export type ChainBreak = { table: ChainedTable; id: number | null; createdAt: string | null; reason: ChainBreakReason; previousId?: number };

// Checks one chain row by row, oldest first, as they are read in batches;
// stops at the first break.
export class ChainVerifier {
  private previous: { id: number; hash: string } | null = null;
  private failure: ChainBreak | null = null;
  checked = 0;

  constructor(
    readonly table: ChainedTable,
    private readonly ends: ChainEnds,
  ) {}

  get broken(): ChainBreak | null {
    return this.failure;
  }

  // False once broken: nothing further needs reading.
  push(row: ChainRow): boolean {
    if (this.failure) return false;
    const at = { table: this.table, id: row.id, createdAt: row.createdAt };
    const previous = this.previous;
    if (!previous && (row.prevHash !== this.ends.baseHash || row.id <= this.ends.baseId)) {
      this.failure = { ...at, reason: 'start' };
    } else if (previous && (row.prevHash !== previous.hash || row.id <= previous.id)) {
      this.failure = { ...at, reason: 'unlinked', previousId: previous.id };
    } else if (!isHashAlgorithm(row.hashAlg)) {
      this.failure = { ...at, reason: 'algorithm' };
    } else if (chainHash(row.hashAlg, row.prevHash, row.canonical) !== row.hash) {
      this.failure = { ...at, reason: 'altered' };
    }
    if (this.failure) return false;
    this.checked += 1;
    this.previous = { id: row.id, hash: row.hash };
    return true;
  }

  // After the last row: the newest row must be the one the head names.
  finish(): ChainBreak | null {
    if (this.failure) return this.failure;
    const last = this.previous ?? { id: this.ends.baseId, hash: this.ends.baseHash };
    if (last.id !== this.ends.lastId || last.hash !== this.ends.lastHash) {
      this.failure = { table: this.table, id: this.previous ? this.previous.id : null, createdAt: null, reason: 'end' };
    }
    return this.failure;
  }
}

// What a retention run records of each chain's base after it (in its
// audit_log row's meta), checked against the head.
export type RetentionBases = Partial<Record<ChainedTable, { baseId: number; baseHash: string }>>;

export function retentionBasesOf(meta: unknown): RetentionBases {
  const chains = meta && typeof meta === 'object' ? (meta as { chains?: unknown }).chains : undefined;
  const out: RetentionBases = {};
  if (!chains || typeof chains !== 'object') return out;
  for (const table of ['audit_log', 'story_events'] as const) {
    const entry = (chains as Record<string, unknown>)[table];
    if (entry && typeof entry === 'object') {
      const { baseId, baseHash } = entry as Record<string, unknown>;
      if (typeof baseId === 'number' && typeof baseHash === 'string') out[table] = { baseId, baseHash };
    }
  }
  return out;
}

// Rows were removed from a chain's start (its base is not the genesis) only
// by the retention job, whose latest record must name the same base.
export function checkRetentionBase(table: ChainedTable, ends: ChainEnds, latest: { id: number; createdAt: string; bases: RetentionBases } | null): ChainBreak | null {
  if (ends.baseId === 0 && ends.baseHash === GENESIS_HASH) return null;
  const recorded = latest?.bases[table];
  if (recorded && recorded.baseId === ends.baseId && recorded.baseHash === ends.baseHash) return null;
  return { table, id: latest?.id ?? null, createdAt: latest?.createdAt ?? null, reason: 'base' };
}
