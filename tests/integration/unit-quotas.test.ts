import { and, desc, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, unitQuotas, type Story } from '@/db/schema';
import {
  copyPreviousTargets,
  getOwnUnitProgress,
  getQuotaProgress,
  listUnitTargets,
  periodContaining,
  periodKey,
  periodRange,
  previousPeriod,
  setUnitTargets,
  todayIn,
  type QuotaPeriod,
} from '@/lib/quotas';
import { withQuotaColumns } from '@/lib/quotas/export';
import { getSiteSettings } from '@/lib/settings';
import { toCsv } from '@/lib/stats/export';
import { getAdoptionStats, type FigureRow } from '@/lib/stats/figures';
import { updateScoringRules } from '@/lib/stats/scoring';
import { claimStory, createStory, publishStory, submitStory } from '@/lib/stories';
import { deleteUnit } from '@/lib/units';
import { STORY_BODY_HTML, createAdmin, createColumn, createCorrespondent, createEditor, createUnit, expectAppError, type TestUser } from '../support/factories';

// Two units with stories adopted this month, the points worked out by hand
// (10 a story, co-credited stories split), and their targets set through
// lib/quotas as the /stats/quotas form sets them.
let admin: TestUser;
let editor: TestUser;
let a: TestUser;
let b: TestUser;
let c: TestUser;
let u1: number;
let u2: number;
let month: QuotaPeriod;
let timeZone: string;

async function adopted(author: TestUser, columnId: number, extra: Record<string, unknown> = {}): Promise<Story> {
  const draft = await createStory(author.viewer, { title: `指标稿件 ${author.username}`, columnId, bodyHtml: STORY_BODY_HTML });
  const filed = await submitStory(author.viewer, draft.id, draft.version);
  const claimed = await claimStory(editor.viewer, filed.id);
  return publishStory(editor.viewer, filed.id, claimed.version, { columnId, byline: '通讯员', ...extra });
}

async function auditRows(unitId: number) {
  const db = await getDb();
  return db
    .select({ action: auditLog.action, meta: auditLog.meta, actorId: auditLog.actorId })
    .from(auditLog)
    .where(and(inArray(auditLog.action, ['quota.set', 'quota.copy', 'quota.remove']), eq(auditLog.targetType, 'unit'), eq(auditLog.targetId, String(unitId))))
    .orderBy(desc(auditLog.id));
}

// The middle of the period: half of it gone.
function halfway(period: QuotaPeriod): Date {
  const { start, end } = periodRange(period, timeZone);
  return new Date((start.getTime() + end.getTime()) / 2);
}

function unitRow(rows: FigureRow[], key: number): FigureRow {
  const row = rows.find((r) => r.key === key);
  if (!row) throw new Error(`no row for unit ${key}`);
  return row;
}

beforeAll(async () => {
  admin = await createAdmin();
  editor = await createEditor();
  const [unit1, unit2] = [await createUnit(), await createUnit()];
  u1 = unit1.id;
  u2 = unit2.id;
  a = await createCorrespondent({ unit: unit1, displayName: '甲' });
  b = await createCorrespondent({ unit: unit1, displayName: '乙' });
  c = await createCorrespondent({ unit: unit2, displayName: '丙' });
  const column = (await createColumn()).id;
  await updateScoringRules(admin.viewer, { pointsPerStory: 10, headlineBonus: 5, columnWeights: {} });
  // A's, co-credited to C: 5 points each, the story counts for unit 1.
  await adopted(a, column, { coCorrespondents: String(c.id) });
  await adopted(a, column);
  await adopted(c, column);
  ({ timeZone } = (await getSiteSettings()).site);
  month = periodContaining('month', todayIn(timeZone));
});

describe('setting targets', () => {
  test('an administrator sets, replaces and removes a period’s targets, each change audited once', async () => {
    const period = periodKey(month);
    expect(await setUnitTargets(admin.viewer, { period, targets: [{ unitId: u1, adopted: '4', points: '40' }, { unitId: u2, adopted: '1', points: '' }] })).toBe(2);
    let listed = await listUnitTargets(admin.viewer, period);
    expect(listed.units.find((u) => u.unitId === u1)).toMatchObject({ adopted: 4, points: 40 });
    expect(listed.units.find((u) => u.unitId === u2)).toMatchObject({ adopted: 1, points: null });
    expect((await auditRows(u1))[0]).toMatchObject({ action: 'quota.set', actorId: admin.id, meta: { period, before: null, after: { adopted: 4, points: 40 } } });

    // The same values again change nothing and record nothing.
    const before = (await auditRows(u2)).length;
    expect(await setUnitTargets(admin.viewer, { period, targets: [{ unitId: u2, adopted: '1', points: null }] })).toBe(0);
    expect(await auditRows(u2)).toHaveLength(before);

    // Replaced: full-width digits as a Chinese keyboard types them, points with two decimals.
    expect(await setUnitTargets(admin.viewer, { period, targets: [{ unitId: u1, adopted: '１０', points: '37.5' }] })).toBe(1);
    listed = await listUnitTargets(admin.viewer, period);
    expect(listed.units.find((u) => u.unitId === u1)).toMatchObject({ adopted: 10, points: 37.5 });
    expect((await auditRows(u1))[0]).toMatchObject({ action: 'quota.set', meta: { before: { adopted: 4, points: 40 }, after: { adopted: 10, points: 37.5 } } });

    // Both fields empty: the unit has no target for the period any more.
    expect(await setUnitTargets(admin.viewer, { period, targets: [{ unitId: u2, adopted: '', points: '' }] })).toBe(1);
    expect((await listUnitTargets(admin.viewer, period)).units.find((u) => u.unitId === u2)).toMatchObject({ adopted: null, points: null });
    expect((await auditRows(u2))[0]).toMatchObject({ action: 'quota.remove', meta: { before: { adopted: 1, points: null }, after: null } });
  });

  test('bad numbers are refused field by field and nothing is written', async () => {
    const period = periodKey(previousPeriod(previousPeriod(month)));
    await expectAppError(
      setUnitTargets(admin.viewer, {
        period,
        targets: [
          { unitId: u1, adopted: '0', points: '-1' },
          { unitId: u2, adopted: '2.5', points: '1.234' },
        ],
      }),
      'validation',
      { [`adopted-${u1}`]: 'quota_adopted_invalid', [`points-${u1}`]: 'quota_points_invalid', [`adopted-${u2}`]: 'quota_adopted_invalid', [`points-${u2}`]: 'quota_points_invalid' },
    );
    await expectAppError(setUnitTargets(admin.viewer, { period: '2026-13', targets: [{ unitId: u1, adopted: '1', points: '' }] }), 'validation', { form: 'quota_period_invalid' });
    await expectAppError(setUnitTargets(admin.viewer, { period, targets: [{ unitId: 2_000_000_000, adopted: '1', points: '' }] }), 'not_found');
    await expectAppError(setUnitTargets(admin.viewer, { period, targets: [{ unitId: 'x', adopted: '1', points: '' }] }), 'not_found');
    await expectAppError(setUnitTargets(admin.viewer, { period, targets: 'all' }), 'not_found');
    const db = await getDb();
    expect(await db.select().from(unitQuotas).where(and(eq(unitQuotas.periodKind, 'month'), eq(unitQuotas.periodStart, `${period}-01`)))).toEqual([]);
  });

  test('copying the last period fills the units without targets and keeps the ones set', async () => {
    const target = periodContaining('quarter', '2030-04-15');
    const from = previousPeriod(target);
    await setUnitTargets(admin.viewer, { period: periodKey(from), targets: [{ unitId: u1, adopted: '30', points: '300' }, { unitId: u2, adopted: '12', points: '' }] });
    await setUnitTargets(admin.viewer, { period: periodKey(target), targets: [{ unitId: u1, adopted: '35', points: '' }] });
    expect(await copyPreviousTargets(admin.viewer, periodKey(target))).toBe(1);
    const listed = await listUnitTargets(admin.viewer, periodKey(target));
    expect(listed.units.find((u) => u.unitId === u1)).toMatchObject({ adopted: 35, points: null });
    expect(listed.units.find((u) => u.unitId === u2)).toMatchObject({ adopted: 12, points: null });
    expect(listed.previousCount).toBeGreaterThanOrEqual(2);
    expect((await auditRows(u2))[0]).toMatchObject({ action: 'quota.copy', meta: { period: '2030-Q2', from: '2030-Q1', before: null, after: { adopted: 12, points: null } } });
    // Again: nothing left to copy.
    expect(await copyPreviousTargets(admin.viewer, periodKey(target))).toBe(0);
  });

  test('only an administrator sets targets; editors read progress, correspondents only their own unit’s', async () => {
    const period = periodKey(month);
    await expectAppError(setUnitTargets(editor.viewer, { period, targets: [{ unitId: u1, adopted: '1', points: '' }] }), 'forbidden');
    await expectAppError(copyPreviousTargets(editor.viewer, period), 'forbidden');
    await expectAppError(listUnitTargets(editor.viewer, period), 'forbidden');
    await expectAppError(setUnitTargets(a.viewer, { period, targets: [{ unitId: u1, adopted: '1', points: '' }] }), 'forbidden');
    await expectAppError(getQuotaProgress(a.viewer, { period: month }), 'forbidden');
    await expectAppError(getOwnUnitProgress(editor.viewer), 'forbidden');
    await expect(getQuotaProgress(editor.viewer, { period: month })).resolves.toBeTruthy();
  });
});

describe('progress', () => {
  beforeAll(async () => {
    await setUnitTargets(admin.viewer, { period: periodKey(month), targets: [{ unitId: u1, adopted: '10', points: '37.5' }, { unitId: u2, adopted: '2', points: '' }] });
  });

  test('counts the same adopted stories and points as /stats for the period', async () => {
    const progress = await getQuotaProgress(editor.viewer, { period: month });
    const stats = await getAdoptionStats(editor.viewer, { range: periodRange(month, timeZone) });
    for (const unitId of [u1, u2]) {
      const unit = progress.units.find((u) => u.unitId === unitId)!;
      expect(unit.adopted!.actual).toBe(unitRow(stats.units, unitId).adopted);
      if (unit.points) expect(unit.points.actual).toBe(unitRow(stats.units, unitId).points);
    }
    // By hand: unit 1 filed two adopted stories, 5 + 10 points; unit 2 one, 5 + 10.
    const one = progress.units.find((u) => u.unitId === u1)!;
    expect(one.adopted).toMatchObject({ actual: 2, target: 10 });
    expect(one.points).toMatchObject({ actual: 15, target: 37.5 });
    expect(progress.units.find((u) => u.unitId === u2)!.points).toBeNull();
  });

  test('halfway through the period, who is behind comes first with their people by contribution', async () => {
    const progress = await getQuotaProgress(editor.viewer, { period: month }, halfway(month));
    expect(progress.elapsed).toBeCloseTo(0.5, 5);
    const ours = progress.units.filter((u) => u.unitId === u1 || u.unitId === u2);
    // Unit 1: 2 of 10 at half time (5 expected), 15 of 37.5 (18 expected): behind.
    // Unit 2: 1 of 2, 1 expected: on track.
    expect(ours.map((u) => [u.unitId, u.status, u.behind])).toEqual([
      [u1, 'behind', true],
      [u2, 'on_track', false],
    ]);
    const one = ours[0]!;
    expect(one.adopted!.status).toBe('behind');
    expect(one.correspondents.map((p) => [p.id, p.adopted, p.points])).toEqual([
      [a.id, 2, 15],
      [b.id, 0, 0],
    ]);
    // C's co-credit share is unit 2's, beside C's own story.
    expect(ours[1]!.correspondents.map((p) => [p.id, p.adopted, p.points])).toEqual([[c.id, 1, 15]]);
  });

  test('a unit chosen on /stats narrows the progress to it', async () => {
    const progress = await getQuotaProgress(editor.viewer, { period: month, unitId: u2 });
    expect(progress.units.map((u) => u.unitId)).toEqual([u2]);
    expect(progress.units[0]!.adopted).toMatchObject({ actual: 1, target: 2 });
  });

  test('a correspondent sees their unit’s progress for the periods it has targets for, and nothing without', async () => {
    const own = await getOwnUnitProgress(b.viewer, halfway(month));
    expect(own?.periods.map((p) => [p.period.kind, p.status, p.adopted?.actual, p.points?.actual])).toEqual([['month', 'behind', 2, 15]]);
    const lonely = await createCorrespondent();
    expect(await getOwnUnitProgress(lonely.viewer)).toBeNull();
    const noUnit = { ...lonely.viewer, unitId: null };
    expect(await getOwnUnitProgress(noUnit)).toBeNull();
  });

  test('the export’s units sheet carries the quota columns, a targeted unit without figures included', async () => {
    const idle = await createUnit();
    await setUnitTargets(admin.viewer, { period: periodKey(month), targets: [{ unitId: idle.id, adopted: '3', points: '' }] });
    const progress = await getQuotaProgress(editor.viewer, { period: month });
    const stats = await getAdoptionStats(editor.viewer, { range: periodRange(month, timeZone) });
    const headers = {
      quotaPeriod: '指标周期',
      quotaAdopted: '周期内采用',
      adoptedTarget: '采用指标',
      adoptedProgress: '采用完成率',
      quotaPoints: '周期内积分',
      pointsTarget: '积分指标',
      pointsProgress: '积分完成率',
      quotaStatus: '指标进度',
    };
    const sheet = withQuotaColumns(
      { title: '按单位', columns: [{ key: 'name', header: '单位', kind: 'text' }, { key: 'adopted', header: '采用', kind: 'count' }], rows: stats.units, totals: stats.totals, totalsLabel: '合计' },
      progress,
      { headers, period: '本月', status: (s) => s },
      { key: 'name', dir: 'asc' },
    );
    const lines = toCsv(sheet).replace('\uFEFF', '').split('\r\n');
    expect(lines[0]).toBe('单位,采用,指标周期,周期内采用,采用指标,采用完成率,周期内积分,积分指标,积分完成率,指标进度');
    const line = (name: string) => lines.find((l) => l.startsWith(`${name},`));
    const [n1, n2] = [progress.units.find((u) => u.unitId === u1)!.name, progress.units.find((u) => u.unitId === u2)!.name];
    expect(line(n1)).toBe(`${n1},2,本月,2,10,0.2,15,37.5,0.4,${progress.units.find((u) => u.unitId === u1)!.status}`);
    expect(line(n2)).toBe(`${n2},1,本月,1,2,0.5,,,,${progress.units.find((u) => u.unitId === u2)!.status}`);
    expect(line(idle.name)).toBe(`${idle.name},0,本月,0,3,0,,,,${progress.units.find((u) => u.unitId === idle.id)!.status}`);
    expect(lines.find((l) => l.startsWith('合计,'))).toMatch(/^合计,\d+,,,,,,,,$/);
  });

  test('deleting a unit takes its targets with it', async () => {
    const gone = await createUnit();
    await setUnitTargets(admin.viewer, { period: periodKey(month), targets: [{ unitId: gone.id, adopted: '1', points: '' }] });
    await deleteUnit(admin.viewer, gone.id);
    const db = await getDb();
    expect(await db.select().from(unitQuotas).where(eq(unitQuotas.unitId, gone.id))).toEqual([]);
  });
});
