import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { getDb, queryRows, type Db } from '@/db/client';
import type { ChainedTable } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { verifyAuditTrail } from '@/lib/audit-chain';
import { canonicalAuditRow, chainHash } from '@/lib/audit-chain/canonical';
import { appendAuditRows, appendStoryEvents, type NewAuditRow, type NewStoryEvent } from '@/lib/audit-chain/internal/append';
import { verifyChains } from '@/lib/audit-chain/internal/verify';
import { pruneAuditTrail } from '@/lib/audit-chain/retention';
import { exportAuditTrail } from '@/lib/audit-export';
import { listAuditTrail } from '@/lib/audit-trail';
import { authenticate } from '@/lib/auth/login';
import { writeSettingsGroup } from '@/lib/settings/internal/write';
import { createAdmin, createEditor, expectAppError, uniqueIp, uniqueUsername, type TestUser } from '../support/factories';
import { openFreshDatabase, type FreshDatabase } from '../support/fresh-database';

// The audit trail's integrity on the database itself: triggers that refuse
// updates and deletes, the hash chain and its verification (naming the row a
// DBA altered with the triggers off), the retention job, concurrent appends,
// and the migration that chained the rows of an older version. Each part on a
// database of its own, so tampering never touches the shared one.

const suite = vi.hoisted(() => ({ algorithm: 'sha256' as 'sha256' | 'sm3' }));
vi.mock('@/lib/crypto-suite', () => ({ cryptoSuite: () => (suite.algorithm === 'sm3' ? 'gm' : 'standard'), hashAlgorithm: () => suite.algorithm }));

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

// What the database said when it refused.
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const err = error as { cause?: { message?: string }; message: string };
    return err.cause?.message ?? err.message;
  }
  throw new Error('expected the database to refuse');
}

function auditRow(overrides: Partial<NewAuditRow> = {}): NewAuditRow {
  return { actorId: null, action: 'login.failure', targetType: 'username', targetId: uniqueUsername('x'), ip: uniqueIp(), meta: {}, ...overrides };
}

function storyEvent(overrides: Partial<NewStoryEvent> = {}): NewStoryEvent {
  return { storyId: 1, actorId: null, action: 'submit', fromStatus: 'draft', toStatus: 'submitted', note: null, meta: null, ...overrides };
}

async function idsOf(db: Db, table: ChainedTable): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql`select id from ${sql.raw(table)} order by id`);
  return rows.map((r) => Number(r.id));
}

// Runs `change` with the table's append-only trigger off, as a DBA could.
async function withTriggerOff(db: Db, table: ChainedTable, change: () => Promise<unknown>): Promise<void> {
  await db.execute(sql.raw(`alter table ${table} disable trigger ${table}_append_only`));
  try {
    await change();
  } finally {
    await db.execute(sql.raw(`alter table ${table} enable trigger ${table}_append_only`));
  }
}

// Awkward text of every kind the canonical form must carry exactly.
const awkward = {
  note: '退回：引号"反斜杠\\换行\n制表\t\u0001 U+2028\u2028 😀',
  meta: { name: '单位 "引号" \\ 😀', nested: { list: [1, 2.5, -0.001, true, null, 'é'], empty: {} }, big: 12345678901, zeta: 1, a: 2 },
};

describe('the database keeps the trail append-only', () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await openFreshDatabase();
    await appendAuditRows(fresh.db, [auditRow(), auditRow({ createdAt: daysAgo(400) })]);
    await appendStoryEvents(fresh.db, [storyEvent(), storyEvent({ createdAt: daysAgo(400) })]);
  });
  afterAll(() => fresh?.close());

  test.each(['audit_log', 'story_events'] as const)('%s: updates, deletes and TRUNCATE are refused', async (table) => {
    const t = sql.raw(table);
    expect(await refusal(fresh.db.execute(sql`update ${t} set action = action`))).toMatch(new RegExp(`${table} is append-only: UPDATE refused`));
    expect(await refusal(fresh.db.execute(sql`delete from ${t}`))).toMatch(new RegExp(`${table} is append-only: DELETE refused`));
    expect(await refusal(fresh.db.execute(sql`truncate ${t}`))).toMatch(/append-only: TRUNCATE refused/);
    expect(await idsOf(fresh.db, table)).toHaveLength(2);
  });

  test('the retention flag lets through no row while retention is unset, and never a young one', async () => {
    const deleteAll = (table: ChainedTable) =>
      fresh.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('tougao.retention', 'on', true)`);
        await tx.execute(sql`delete from ${sql.raw(table)}`);
      });
    // Unset: everything is kept, the 400-day-old rows too.
    expect(await refusal(deleteAll('audit_log'))).toMatch(/within the retention period/);
    await writeSettingsGroup(fresh.db, 'audit', { retentionDays: 365 }, null);
    // Set: the old row would go, the young one may not, so the statement fails whole.
    expect(await refusal(deleteAll('story_events'))).toMatch(/within the retention period/);
    // Even a retention period written under the minimum keeps 180 days.
    await fresh.db.execute(sql`update site_settings set value = '{"retentionDays": 1}' where key = 'audit'`);
    const young = await appendAuditRows(fresh.db, [auditRow({ createdAt: daysAgo(100) })]).then(() => idsOf(fresh.db, 'audit_log'));
    expect(
      await refusal(
        fresh.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('tougao.retention', 'on', true)`);
          await tx.execute(sql`delete from audit_log where id = ${young.at(-1)!}`);
        }),
      ),
    ).toMatch(/within the retention period/);
    await writeSettingsGroup(fresh.db, 'audit', { retentionDays: null }, null);
  });

  test('a row that does not follow the chain is refused, and the heads move only with it', async () => {
    expect(await refusal(fresh.db.execute(sql`insert into audit_log (action, meta, prev_hash, hash, hash_alg) values ('login.success', '{}', 'x', 'y', 'sha256')`))).toMatch(
      /audit_log is hash-chained/,
    );
    expect(await refusal(fresh.db.execute(sql`update audit_chain_heads set last_hash = 'x'`))).toMatch(/kept by the audit trail's triggers/);
    expect(await refusal(fresh.db.execute(sql`delete from audit_chain_heads`))).toMatch(/kept by the audit trail's triggers/);
    expect(await refusal(fresh.db.execute(sql`truncate audit_chain_heads`))).toMatch(/kept by the audit trail's triggers/);
    expect((await verifyChains(fresh.db)).ok).toBe(true);
  });
});

describe('verification', () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await openFreshDatabase();
  });
  afterAll(() => fresh?.close());

  test('an empty trail and then a busy one verify, across a switch of algorithm', async () => {
    expect(await verifyChains(fresh.db)).toMatchObject({ ok: true, firstBreak: null });
    await appendAuditRows(fresh.db, [auditRow({ meta: awkward.meta, actorId: null }), auditRow({ ip: null, targetType: null, targetId: null })]);
    await appendStoryEvents(fresh.db, [storyEvent({ note: awkward.note, meta: awkward.meta }), storyEvent({ createdAt: new Date('2024-02-29T23:59:59.999Z') })]);
    suite.algorithm = 'sm3';
    try {
      await appendAuditRows(fresh.db, [auditRow(), auditRow()]);
      await appendStoryEvents(fresh.db, [storyEvent()]);
    } finally {
      suite.algorithm = 'sha256';
    }
    await appendAuditRows(fresh.db, [auditRow()]);
    const algorithms = await queryRows<{ hash_alg: string }>(fresh.db, sql`select hash_alg from audit_log order by id`);
    expect(algorithms.map((r) => r.hash_alg)).toEqual(['sha256', 'sha256', 'sm3', 'sm3', 'sha256']);
    const report = await verifyChains(fresh.db);
    expect(report.ok).toBe(true);
    expect(report.chains.map((c) => [c.table, c.rows])).toEqual([
      ['audit_log', 5],
      ['story_events', 3],
    ]);
  });

  test('a row altered with the trigger disabled is named: table, id and time', async () => {
    const [target] = await queryRows<{ id: number; ip: string; at: string }>(
      fresh.db,
      sql`select id, ip, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at from audit_log order by id offset 2 limit 1`,
    );
    await withTriggerOff(fresh.db, 'audit_log', () => fresh.db.execute(sql`update audit_log set ip = '203.0.113.66' where id = ${target!.id}`));
    try {
      const report = await verifyChains(fresh.db);
      expect(report.ok).toBe(false);
      expect(report.firstBreak).toEqual({ table: 'audit_log', id: Number(target!.id), createdAt: target!.at, reason: 'altered' });
      expect(report.chains.find((c) => c.table === 'story_events')?.broken).toBeNull();

      // The command says the same, and fails.
      if (fresh.url) {
        const run = promisify(execFile)(process.execPath, ['--import', 'tsx', '--import', './scripts/server-only-hook.mjs', 'scripts/audit-verify.ts'], {
          env: { ...process.env, DATABASE_URL: fresh.url, LOG_LEVEL: 'silent' },
        });
        const failed = (await run.then(
          () => null,
          (error: unknown) => error,
        )) as { code: number; stdout: string } | null;
        expect(failed?.code).toBe(1);
        expect(failed?.stdout).toContain(`First broken row: audit_log row ${target!.id} of ${target!.at}: its content or hash is not what was written`);
      }
    } finally {
      await withTriggerOff(fresh.db, 'audit_log', () => fresh.db.execute(sql`update audit_log set ip = ${target!.ip} where id = ${target!.id}`));
    }
    expect((await verifyChains(fresh.db)).ok).toBe(true);
  });

  test("a story event's note altered, or a row rehashed to hide it, is found", async () => {
    const [event] = await queryRows<{ id: number; note: string | null }>(fresh.db, sql`select id, note from story_events order by id limit 1`);
    await withTriggerOff(fresh.db, 'story_events', () => fresh.db.execute(sql`update story_events set note = '改过的意见' where id = ${event!.id}`));
    expect((await verifyChains(fresh.db)).firstBreak).toMatchObject({ table: 'story_events', id: Number(event!.id), reason: 'altered' });
    await withTriggerOff(fresh.db, 'story_events', () => fresh.db.execute(sql`update story_events set note = ${event!.note} where id = ${event!.id}`));

    // Altering a row and recomputing its hash (anyone can: the algorithm is
    // public) moves the break to the next row.
    const [second, third] = await queryRows<{ id: number; action: string; hash: string; prev_hash: string; target_type: string | null; target_id: string | null; ip: string | null; meta_text: string; at: string }>(
      fresh.db,
      sql`select id, action, hash, prev_hash, target_type, target_id, ip, meta::text as meta_text,
          to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
        from audit_log order by id offset 1 limit 2`,
    );
    const forged = canonicalAuditRow({ actorId: null, action: 'user.enable', targetType: second!.target_type, targetId: second!.target_id, ip: second!.ip, metaText: second!.meta_text, createdAt: second!.at });
    const rehash = chainHash('sha256', second!.prev_hash, forged);
    const before = second!;
    await withTriggerOff(fresh.db, 'audit_log', () => fresh.db.execute(sql`update audit_log set action = 'user.enable', hash = ${rehash} where id = ${second!.id}`));
    expect((await verifyChains(fresh.db)).firstBreak).toMatchObject({ table: 'audit_log', id: Number(third!.id), reason: 'unlinked', previousId: Number(second!.id) });
    await withTriggerOff(fresh.db, 'audit_log', () => fresh.db.execute(sql`update audit_log set action = ${second!.action}, hash = ${before!.hash} where id = ${second!.id}`));
    expect((await verifyChains(fresh.db)).ok).toBe(true);
  });

  test('rows deleted from the middle or the end are found', async () => {
    const ids = await idsOf(fresh.db, 'audit_log');
    await withTriggerOff(fresh.db, 'audit_log', () => fresh.db.execute(sql`delete from audit_log where id = ${ids[1]!}`));
    expect((await verifyChains(fresh.db)).firstBreak).toMatchObject({ table: 'audit_log', id: ids[2], reason: 'unlinked', previousId: ids[0] });
    await withTriggerOff(fresh.db, 'audit_log', () => fresh.db.execute(sql`delete from audit_log where id >= ${ids[1]!}`));
    expect((await verifyChains(fresh.db)).firstBreak).toMatchObject({ table: 'audit_log', id: ids[0], reason: 'end' });
  });
});

describe('the retention job', () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await openFreshDatabase();
    // The oldest rows first, as a site that kept everything for years has them.
    await appendAuditRows(fresh.db, [auditRow({ createdAt: daysAgo(500) }), auditRow({ createdAt: daysAgo(450) }), auditRow({ createdAt: daysAgo(400) }), auditRow({ createdAt: daysAgo(200) })]);
    await appendStoryEvents(fresh.db, [storyEvent({ createdAt: daysAgo(420) }), storyEvent({ createdAt: daysAgo(410) })]);
    await appendAuditRows(fresh.db, [auditRow(), auditRow()]);
    await appendStoryEvents(fresh.db, [storyEvent(), storyEvent({ note: awkward.note })]);
  });
  afterAll(() => fresh?.close());

  const retentionRows = (db: Db) =>
    queryRows<{ id: number; actor_id: number | null; meta: unknown }>(db, sql`select id, actor_id, meta from audit_log where action = 'audit.retention' order by id`);

  test('unset, it removes nothing', async () => {
    expect(await pruneAuditTrail(fresh.db)).toEqual({ audit_log: 0, story_events: 0 });
    expect(await retentionRows(fresh.db)).toEqual([]);
  });

  test('set, it removes only the rows older than the period, records that it did, and the chains still verify', async () => {
    await writeSettingsGroup(fresh.db, 'audit', { retentionDays: 365 }, null);
    const before = { audit: await idsOf(fresh.db, 'audit_log'), events: await idsOf(fresh.db, 'story_events') };
    // Two instances at once: one does the work, the other skips.
    const runs = await Promise.all([pruneAuditTrail(fresh.db), pruneAuditTrail(fresh.db)]);
    expect(runs.reduce((n, r) => n + r.audit_log, 0)).toBe(3);
    expect(runs.reduce((n, r) => n + r.story_events, 0)).toBe(2);

    const records = await retentionRows(fresh.db);
    expect(records).toHaveLength(1);
    const meta = (typeof records[0]!.meta === 'string' ? JSON.parse(records[0]!.meta) : records[0]!.meta) as { days: number; chains: Record<ChainedTable, { deleted: number; baseId: number }> };
    expect(records[0]!.actor_id).toBeNull();
    expect(meta.days).toBe(365);
    expect(meta.chains.audit_log).toMatchObject({ deleted: 3, baseId: before.audit[2] });
    expect(meta.chains.story_events).toMatchObject({ deleted: 2, baseId: before.events[1] });
    expect(await idsOf(fresh.db, 'audit_log')).toEqual([...before.audit.slice(3), records[0]!.id]);
    expect(await idsOf(fresh.db, 'story_events')).toEqual(before.events.slice(2));

    const report = await verifyChains(fresh.db);
    expect(report.ok).toBe(true);
    expect(report.chains.find((c) => c.table === 'audit_log')).toMatchObject({ baseId: before.audit[2], rows: 4 });

    // Nothing more to do: no run is recorded.
    expect(await pruneAuditTrail(fresh.db)).toEqual({ audit_log: 0, story_events: 0 });
    expect(await retentionRows(fresh.db)).toHaveLength(1);
  });

  test('the shortest period, 180 days, takes the 200-day-old row; what is younger stays', async () => {
    await writeSettingsGroup(fresh.db, 'audit', { retentionDays: 180 }, null);
    expect(await pruneAuditTrail(fresh.db)).toEqual({ audit_log: 1, story_events: 0 });
    expect(await retentionRows(fresh.db)).toHaveLength(2);
    expect((await verifyChains(fresh.db)).ok).toBe(true);
  });

  test('only a prefix goes: an old row behind a young one stays, and removing it by hand shows', async () => {
    await appendAuditRows(fresh.db, [auditRow({ createdAt: daysAgo(900) }), auditRow()]);
    expect(await pruneAuditTrail(fresh.db)).toEqual({ audit_log: 0, story_events: 0 });
    const ids = await idsOf(fresh.db, 'audit_log');
    const old = ids.at(-2)!;
    // Whoever sets the flag by hand can remove no more than the job would,
    // but without the job's bookkeeping the chain shows the hole.
    await fresh.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('tougao.retention', 'on', true)`);
      await tx.execute(sql`delete from audit_log where id = ${old}`);
    });
    expect((await verifyChains(fresh.db)).firstBreak).toMatchObject({ table: 'audit_log', id: ids.at(-1), reason: 'unlinked' });
  });
});

describe('concurrent appends', () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await openFreshDatabase();
  });
  afterAll(() => fresh?.close());

  test('keep one valid chain per table, ids in chain order, with no deadlock between the two', async () => {
    const work = Array.from({ length: 60 }, (_, i) => {
      if (i % 3 === 0) return appendAuditRows(fresh.db, [auditRow(), auditRow()]);
      if (i % 3 === 1) return appendStoryEvents(fresh.db, [storyEvent({ storyId: i })]);
      // Both chains in one transaction, in either order.
      return fresh.db.transaction(async (tx) => {
        if (i % 2) {
          await recordAudit(tx, { actorId: null, action: 'login.success', ip: uniqueIp() });
          await appendStoryEvents(tx, [storyEvent({ storyId: i })]);
        } else {
          await appendStoryEvents(tx, [storyEvent({ storyId: i })]);
          await recordAudit(tx, { actorId: null, action: 'login.success', ip: uniqueIp() });
        }
      });
    });
    await Promise.all(work);
    const report = await verifyChains(fresh.db);
    expect(report.ok).toBe(true);
    expect(report.chains.map((c) => c.rows)).toEqual([40 + 20, 20 + 20]);
  });
});

describe('the migration chains the rows an older version left', () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await openFreshDatabase({ upTo: '0011_sealed_contacts' });
  });
  afterAll(() => fresh?.close());

  test('every row is chained with SHA-256, verifies, and the app continues the chains', async () => {
    const db = fresh.db;
    const [user] = await queryRows<{ id: number }>(db, sql`insert into users (username, display_name, password_hash, role) values ('old.one', '旧账号', 'x', 'editor') returning id`);
    const [story] = await queryRows<{ id: number }>(db, sql`insert into stories (owner_id, title) values (${user!.id}, '旧稿') returning id`);
    const meta = JSON.stringify(awkward.meta);
    await db.execute(sql`insert into audit_log (actor_id, action, target_type, target_id, ip, meta, created_at) values
      (${user!.id}, 'login.success', 'user', ${String(user!.id)}, '::1', '{}', '2025-01-02 03:04:05.123456+00'),
      (null, 'login.failure', 'username', ${awkward.note}, null, ${meta}::jsonb, now()),
      (${user!.id}, 'settings.update', 'settings', 'security', '198.51.100.7', '{"fields": ["sessionIdleMinutes"]}', now())`);
    await db.execute(sql`insert into story_events (story_id, actor_id, action, from_status, to_status, note, meta, created_at) values
      (${story!.id}, ${user!.id}, 'submit', 'draft', 'submitted', null, null, '2025-01-02 03:04:05.000001+00'),
      (${story!.id}, ${user!.id}, 'return', 'in_review', 'changes_requested', ${awkward.note}, ${meta}::jsonb, now())`);

    await fresh.migrate();
    const report = await verifyChains(db);
    expect(report.ok).toBe(true);
    expect(report.chains.map((c) => [c.table, c.rows])).toEqual([
      ['audit_log', 3],
      ['story_events', 2],
    ]);
    const algorithms = await queryRows<{ hash_alg: string }>(db, sql`select distinct hash_alg from audit_log union select distinct hash_alg from story_events`);
    expect(algorithms.map((r) => r.hash_alg)).toEqual(['sha256']);

    suite.algorithm = 'sm3';
    try {
      await appendAuditRows(db, [auditRow()]);
      await appendStoryEvents(db, [storyEvent({ storyId: story!.id })]);
    } finally {
      suite.algorithm = 'sha256';
    }
    expect(await verifyChains(db)).toMatchObject({ ok: true, chains: [{ rows: 4 }, { rows: 3 }] });
  });
});

describe('the audit permission', () => {
  let admin: TestUser;
  let editor: TestUser;
  beforeAll(async () => {
    [admin, editor] = await Promise.all([createAdmin(), createEditor()]);
  });

  async function lastOf(action: string, actorId: number) {
    const db = await getDb();
    const [row] = await queryRows<{ ip: string | null; meta: unknown }>(db, sql`select ip, meta from audit_log where action = ${action} and actor_id = ${actorId} order by id desc limit 1`);
    return row ? { ip: row.ip, meta: (typeof row.meta === 'string' ? JSON.parse(row.meta) : row.meta) as Record<string, unknown> } : null;
  }

  test('verifying is for the audit reader, recorded either way', async () => {
    const ip = uniqueIp();
    const report = await verifyAuditTrail({ ...admin.viewer, ip });
    expect(report.ok).toBe(true);
    expect(await lastOf('audit.verify', admin.id)).toMatchObject({ ip, meta: { rows: { audit_log: expect.any(Number), story_events: expect.any(Number) } } });

    await expectAppError(verifyAuditTrail({ ...editor.viewer, ip }), 'forbidden');
    expect(await lastOf('audit.refused', editor.id)).toMatchObject({ ip, meta: { what: 'verify' } });
  });

  test('exporting a period gives each entry its account, address, event and outcome, and is recorded', async () => {
    const ip = uniqueIp();
    const name = uniqueUsername('nobody');
    await authenticate({ username: name, password: 'not-the-password', ip });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const trail = await exportAuditTrail({ ...admin.viewer, ip }, { from: today, to: today, format: 'csv' });
    const failure = trail.rows.find((r) => r.action === 'login.failure' && r.target === `username ${name}`);
    expect(failure).toMatchObject({ ip, outcome: 'failure', table: 'audit_log', hashAlg: 'sha256' });
    expect(failure?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await lastOf('audit.export', admin.id)).toMatchObject({ ip, meta: { from: today, to: today, format: 'csv', rows: trail.rows.length } });

    await expectAppError(exportAuditTrail({ ...editor.viewer, ip }, { from: today, to: today }), 'forbidden');
    expect(await lastOf('audit.refused', editor.id)).toMatchObject({ meta: { what: 'export' } });
    await expectAppError(exportAuditTrail(admin.viewer, { from: today, to: '2000-01-01' }), 'validation', { to: 'date_reversed' });
  });

  test('reading a page of the trail is recorded with what was asked for', async () => {
    const ip = uniqueIp();
    await listAuditTrail({ ...admin.viewer, ip }, { action: 'login' });
    expect(await lastOf('audit.read', admin.id)).toMatchObject({ ip, meta: { filters: { action: 'login' } } });
    await expectAppError(listAuditTrail({ ...editor.viewer, ip }, {}), 'forbidden');
    expect(await lastOf('audit.refused', editor.id)).toMatchObject({ meta: { what: 'page' } });
  });
});
