import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { AUDIT_LOG_ACTIONS, auditOutcomeOf, isAuditLogAction, SECURITY_EVENTS } from '@/lib/audit-actions';
import {
  canonicalAuditRow,
  canonicalStoryEvent,
  canonicalTime,
  chainHash,
  ChainVerifier,
  checkRetentionBase,
  GENESIS_HASH,
  retentionBasesOf,
  type ChainEnds,
  type ChainRow,
  type HashAlgorithm,
} from '@/lib/audit-chain/canonical';
import { describeBreak } from '@/lib/audit-chain/describe';
import { parseAuditExport } from '@/lib/audit-export';

describe('canonical serialization', () => {
  test('an audit row is a JSON array of its values, meta as jsonb printed it', () => {
    const canonical = canonicalAuditRow({
      actorId: 7,
      action: 'login.failure',
      targetType: 'username',
      targetId: 'wang.wu',
      ip: '203.0.113.9',
      metaText: '{"reason": "account_locked"}',
      createdAt: '2026-03-01T08:09:10.123456Z',
    });
    expect(canonical).toBe('["audit_log",7,"login.failure","username","wang.wu","203.0.113.9","{\\"reason\\": \\"account_locked\\"}","2026-03-01T08:09:10.123456Z"]');
  });

  test('absent values are null, never left out, so every field keeps its place', () => {
    const canonical = canonicalAuditRow({ actorId: null, action: 'audit.retention', targetType: null, targetId: null, ip: null, metaText: '{}', createdAt: '2026-03-01T08:09:10.000000Z' });
    expect(JSON.parse(canonical)).toEqual(['audit_log', null, 'audit.retention', null, null, null, '{}', '2026-03-01T08:09:10.000000Z']);
    const event = canonicalStoryEvent({ storyId: 3, actorId: null, action: 'publish_due', fromStatus: 'scheduled', toStatus: 'published', note: null, metaText: null, createdAt: '2026-03-01T08:09:10.000000Z' });
    expect(event).toBe('["story_events",3,null,"publish_due","scheduled","published",null,null,"2026-03-01T08:09:10.000000Z"]');
  });

  test('text is escaped as PostgreSQL to_json escapes it (the migration computes the same bytes)', () => {
    const note = '引号"反斜杠\\换行\n制表\t\u0001\u2028😀';
    const event = canonicalStoryEvent({ storyId: 1, actorId: 2, action: 'return', fromStatus: 'in_review', toStatus: 'changes_requested', note, metaText: null, createdAt: '2026-03-01T08:09:10.000000Z' });
    expect(event).toContain('"引号\\"反斜杠\\\\换行\\n制表\\t\\u0001\u2028😀"');
  });

  test('a row that differs in any value serializes differently', () => {
    const base = { actorId: 1, action: 'user.create', targetType: 'user', targetId: '2', ip: '::1', metaText: '{}', createdAt: '2026-03-01T08:09:10.000000Z' };
    const variants = [{ actorId: 2 }, { actorId: null }, { action: 'user.update' }, { targetType: null }, { targetId: '3' }, { ip: '::2' }, { metaText: '{"a": 1}' }, { createdAt: '2026-03-01T08:09:10.000001Z' }];
    const all = new Set([canonicalAuditRow(base), ...variants.map((v) => canonicalAuditRow({ ...base, ...v }))]);
    expect(all.size).toBe(variants.length + 1);
  });

  test('times given by the app are written to the microsecond', () => {
    expect(canonicalTime(new Date('2026-03-01T08:09:10.123Z'))).toBe('2026-03-01T08:09:10.123000Z');
    expect(() => canonicalTime(new Date(Date.UTC(10000, 0, 1)))).toThrow();
  });
});

describe('chainHash', () => {
  test("Node's sm3 is SM3 (GB/T 32905-2016 example 1) and sha256 is SHA-256", () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(createHash('sha256').update('abc').digest('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test.each(['sha256', 'sm3'] as const)('%s: the previous hash, a newline and the row, hashed as UTF-8', (algorithm) => {
    const expected = createHash(algorithm).update(`${GENESIS_HASH}\n["x","法"]`, 'utf8').digest('hex');
    expect(chainHash(algorithm, GENESIS_HASH, '["x","法"]')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });
});

// A chain of n rows as the database would hold it.
function chainOf(n: number, algorithms: HashAlgorithm[] = ['sha256'], start = { id: 0, hash: GENESIS_HASH }): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = start.hash;
  for (let i = 1; i <= n; i++) {
    const id = start.id + i * 2; // ids have gaps (rolled-back appends)
    const createdAt = `2026-03-01T08:00:${String(i % 60).padStart(2, '0')}.000000Z`;
    const canonical = canonicalAuditRow({ actorId: i, action: 'login.success', targetType: 'user', targetId: String(i), ip: '::1', metaText: '{}', createdAt });
    const hashAlg = algorithms[(i - 1) % algorithms.length]!;
    const hash = chainHash(hashAlg, prev, canonical);
    rows.push({ id, createdAt, canonical, prevHash: prev, hash, hashAlg });
    prev = hash;
  }
  return rows;
}

function endsOf(rows: ChainRow[], base = { baseId: 0, baseHash: GENESIS_HASH }): ChainEnds {
  const last = rows[rows.length - 1];
  return { ...base, lastId: last ? last.id : base.baseId, lastHash: last ? last.hash : base.baseHash };
}

function verify(rows: ChainRow[], ends: ChainEnds) {
  const verifier = new ChainVerifier('audit_log', ends);
  for (const row of rows) if (!verifier.push(row)) break;
  return { broken: verifier.finish(), checked: verifier.checked };
}

describe('ChainVerifier', () => {
  test('an intact chain verifies, in either algorithm or both mixed (the suite switched)', () => {
    for (const algorithms of [['sha256'], ['sm3'], ['sha256', 'sm3', 'sm3']] as HashAlgorithm[][]) {
      const rows = chainOf(7, algorithms);
      expect(verify(rows, endsOf(rows))).toEqual({ broken: null, checked: 7 });
    }
  });

  test('an empty chain verifies when the head says it is empty', () => {
    expect(verify([], endsOf([])).broken).toBeNull();
    expect(verify([], { baseId: 0, baseHash: GENESIS_HASH, lastId: 4, lastHash: 'f'.repeat(64) }).broken).toMatchObject({ id: null, reason: 'end' });
  });

  test('a row whose content changed is named, with its time', () => {
    const rows = chainOf(5);
    rows[2] = { ...rows[2]!, canonical: rows[2]!.canonical.replace('login.success', 'login.failure') };
    expect(verify(rows, endsOf(rows))).toEqual({ broken: { table: 'audit_log', id: rows[2]!.id, createdAt: rows[2]!.createdAt, reason: 'altered' }, checked: 2 });
  });

  test('a row whose hash was recomputed after the change breaks the link to the next', () => {
    const rows = chainOf(5);
    const changed = rows[2]!.canonical.replace('login.success', 'login.failure');
    rows[2] = { ...rows[2]!, canonical: changed, hash: chainHash('sha256', rows[2]!.prevHash, changed) };
    expect(verify(rows, endsOf(rows)).broken).toMatchObject({ id: rows[3]!.id, reason: 'unlinked', previousId: rows[2]!.id });
  });

  test('a row removed from the middle, the start or the end is found', () => {
    const rows = chainOf(6);
    const ends = endsOf(rows);
    expect(verify([...rows.slice(0, 2), ...rows.slice(3)], ends).broken).toMatchObject({ id: rows[3]!.id, reason: 'unlinked', previousId: rows[1]!.id });
    expect(verify(rows.slice(1), ends).broken).toMatchObject({ id: rows[1]!.id, reason: 'start' });
    expect(verify(rows.slice(0, 5), ends).broken).toMatchObject({ id: rows[4]!.id, reason: 'end' });
  });

  test('after retention the oldest remaining row follows the recorded base', () => {
    const rows = chainOf(6);
    const kept = rows.slice(3);
    const base = { baseId: rows[2]!.id, baseHash: rows[2]!.hash };
    expect(verify(kept, endsOf(kept, base)).broken).toBeNull();
    // Then one more removed without moving the base.
    expect(verify(kept.slice(1), endsOf(kept, base)).broken).toMatchObject({ reason: 'start' });
  });

  test('an unknown algorithm is a break, not a crash', () => {
    const rows = chainOf(3);
    rows[1] = { ...rows[1]!, hashAlg: 'md5' };
    expect(verify(rows, endsOf(rows)).broken).toMatchObject({ id: rows[1]!.id, reason: 'algorithm' });
  });

  test('rows out of order are not a chain', () => {
    const rows = chainOf(3);
    const swapped = [rows[0]!, { ...rows[1]!, id: rows[0]!.id }, rows[2]!];
    expect(verify(swapped, endsOf(rows)).broken).toMatchObject({ reason: 'unlinked' });
  });
});

describe('the retention base', () => {
  const ends: ChainEnds = { baseId: 40, baseHash: 'a'.repeat(64), lastId: 90, lastHash: 'b'.repeat(64) };

  test("a chain nothing was removed from needs no record; one trimmed needs the job's latest", () => {
    expect(checkRetentionBase('story_events', { ...ends, baseId: 0, baseHash: GENESIS_HASH }, null)).toBeNull();
    const latest = { id: 12, createdAt: '2026-03-01T00:00:00.000000Z', bases: retentionBasesOf({ chains: { story_events: { deleted: 3, baseId: 40, baseHash: 'a'.repeat(64) } } }) };
    expect(checkRetentionBase('story_events', ends, latest)).toBeNull();
    expect(checkRetentionBase('story_events', { ...ends, baseId: 41 }, latest)).toMatchObject({ id: 12, reason: 'base' });
    expect(checkRetentionBase('story_events', ends, null)).toMatchObject({ id: null, reason: 'base' });
  });

  test('a malformed record names no base', () => {
    expect(retentionBasesOf(null)).toEqual({});
    expect(retentionBasesOf({ chains: { audit_log: { baseId: '4', baseHash: 1 } } })).toEqual({});
  });
});

describe('describeBreak', () => {
  test('names the table, the row and its time, for every reason', () => {
    expect(describeBreak({ table: 'audit_log', id: 17, createdAt: '2026-03-01T08:09:10.000000Z', reason: 'altered' })).toMatch(/^audit_log row 17 of 2026-03-01T08:09:10\.000000Z: /);
    expect(describeBreak({ table: 'story_events', id: 9, createdAt: null, reason: 'unlinked', previousId: 7 })).toContain('(the row before is 7)');
    expect(describeBreak({ table: 'story_events', id: null, createdAt: null, reason: 'end' })).toMatch(/^story_events \(no row\): rows are missing/);
  });
});

describe('outcomes and security events', () => {
  test('every action whose name says it failed or was refused records a failure; the rest a success', () => {
    for (const action of Object.values(AUDIT_LOG_ACTIONS).flat()) {
      const failed = /fail|refus|lockout/.test(action);
      expect(auditOutcomeOf(action), action).toBe(failed ? 'failure' : 'success');
    }
    expect(auditOutcomeOf('story.publish')).toBe('success');
  });

  test('every security event is recorded by registered actions, with both outcomes where there are two', () => {
    for (const [event, actions] of Object.entries(SECURITY_EVENTS)) {
      for (const action of actions) expect(isAuditLogAction(action), `${event}: ${action}`).toBe(true);
    }
    for (const event of ['sign_in', 'password_change', 'second_factor', 'audit_access'] as const) {
      expect(new Set(SECURITY_EVENTS[event].map(auditOutcomeOf)), event).toEqual(new Set(['success', 'failure']));
    }
  });
});

describe('parseAuditExport', () => {
  const tz = 'Asia/Shanghai';

  test('a period of whole days in the site zone, xlsx unless csv is asked for', () => {
    const parsed = parseAuditExport({ from: '2026-03-01', to: '2026-03-31' }, tz);
    expect(parsed).toMatchObject({ from: '2026-03-01', to: '2026-03-31', format: 'xlsx' });
    expect(parsed.fromAt.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(parsed.toBefore.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(parseAuditExport({ from: '2026-03-01', to: '2026-03-01', format: 'csv' }, tz).format).toBe('csv');
  });

  test.each([
    [{ to: '2026-03-01' }, { from: 'date_required' }],
    [{ from: '2026-02-30', to: '2026-03-01' }, { from: 'date_invalid' }],
    [{ from: '2026-03-01', to: 'today' }, { to: 'date_invalid' }],
    [{ from: '2026-03-02', to: '2026-03-01' }, { to: 'date_reversed' }],
    [{ from: '2026-03-01', to: '2026-03-01', format: 'pdf' }, { format: 'format_unknown' }],
  ])('refuses %j', (input, fieldErrors) => {
    expect(() => parseAuditExport(input, tz)).toThrow(expect.objectContaining({ code: 'validation', fieldErrors }));
  });
});
