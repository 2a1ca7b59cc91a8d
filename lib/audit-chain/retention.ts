import 'server-only';
import { sql } from 'drizzle-orm';
import { CHAINED_TABLES, type ChainedTable } from '@/db/schema';
import { getDb, queryRows, type Db } from '@/db/client';
import { recordAudit } from '../audit';
import { AUDIT_RETENTION_MIN_DAYS, readGroups } from '../settings/stored';

// The retention job: removes the trail's rows older than the retention period
// (the audit settings; unset keeps everything), oldest first, and records
// each run that removed something, with where each chain now starts. Acts
// for nobody; lib/jobs.ts runs it in every instance, and a transaction-scoped
// advisory lock lets one instance at a time do it (the others skip the tick).
//
// Only a prefix of each chain goes: the rows before its oldest row still
// inside the period, so the chain stays whole and its base (the hash of the
// last row removed) is what the oldest remaining row follows. The database's
// trigger lets these deletes through only with `tougao.retention` set in the
// transaction, and only for rows older than the period.

export const RETENTION_BATCH = 5000;
// A backlog (retention just switched on) is worked off a batch per
// transaction, so appends wait for one batch at most.
const MAX_BATCHES_PER_RUN = 40;

type Deleted = Record<ChainedTable, number>;

async function pruneBatch(db: Db): Promise<Deleted | null> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(hashtext('tougao:audit-retention')) as ok`);
    if (!lock?.ok) return null;
    const { audit } = await readGroups(tx);
    if (audit.retentionDays === null) return null;
    const days = Math.max(audit.retentionDays, AUDIT_RETENTION_MIN_DAYS);
    await tx.execute(sql`select set_config('tougao.retention', 'on', true)`);
    // The appenders' lock, in their order: nothing is appended meanwhile.
    await tx.execute(sql`select chain from audit_chain_heads order by chain for update`);

    const deleted: Deleted = { audit_log: 0, story_events: 0 };
    for (const table of CHAINED_TABLES) {
      const t = sql.raw(table);
      const gone = await queryRows<{ id: number; hash: string }>(
        tx,
        sql`with oldest as (select id, created_at from ${t} order by id limit ${RETENTION_BATCH}),
            kept as (select min(id) as id from oldest where created_at >= now() - make_interval(days => ${days}))
          delete from ${t} where id in (select id from oldest where id < coalesce((select id from kept), 2147483647))
          returning id, hash`,
      );
      deleted[table] = gone.length;
      if (gone.length === 0) continue;
      const last = gone.reduce((a, b) => (Number(b.id) > Number(a.id) ? b : a));
      await tx.execute(sql`update audit_chain_heads set base_id = ${Number(last.id)}, base_hash = ${last.hash} where chain = ${table}`);
    }
    if (deleted.audit_log === 0 && deleted.story_events === 0) return deleted;

    const heads = await queryRows<{ chain: ChainedTable; base_id: number; base_hash: string }>(tx, sql`select chain, base_id, base_hash from audit_chain_heads order by chain`);
    const chains = Object.fromEntries(heads.map((h) => [h.chain, { deleted: deleted[h.chain], baseId: Number(h.base_id), baseHash: h.base_hash }]));
    await recordAudit(tx, { actorId: null, action: 'audit.retention', meta: { days, chains } });
    return deleted;
  });
}

// Returns how many rows of each table it removed. `db`: the process's
// database unless a test gives another.
export async function pruneAuditTrail(db?: Db): Promise<Deleted> {
  const database = db ?? (await getDb());
  const total: Deleted = { audit_log: 0, story_events: 0 };
  for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
    const batch = await pruneBatch(database);
    if (!batch) break;
    total.audit_log += batch.audit_log;
    total.story_events += batch.story_events;
    if (batch.audit_log < RETENTION_BATCH && batch.story_events < RETENTION_BATCH) break;
  }
  return total;
}
