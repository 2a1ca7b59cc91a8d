import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { stories, type Story } from '@/db/schema';
import { claimStory, createStory, publishStory, rejectStory, returnStory, submitStory, unpublishStory } from '@/lib/stories';
import { getSiteSettings } from '@/lib/settings';
import { toCsv, toXlsx, type ExportSheet } from '@/lib/stats/export';
import { getAdoptionStats, type FigureRow } from '@/lib/stats/figures';
import { getOwnFigures } from '@/lib/stats/own-figures';
import { resolveRange } from '@/lib/stats/range';
import { getAnnualReport } from '@/lib/stats/reports';
import { getScoringRules, updateScoringRules } from '@/lib/stats/scoring';
import {
  STORY_BODY_HTML,
  createAdmin,
  createColumn,
  createCorrespondent,
  createEditor,
  createUnit,
  expectAppError,
  type TestUser,
} from '../support/factories';

// One fixture of stories in every state, by three correspondents of two
// units in two columns, with the figures worked out by hand below.
type Fixture = {
  a: TestUser;
  b: TestUser;
  c: TestUser;
  editor: TestUser;
  admin: TestUser;
  unit1: number;
  unit2: number;
  k1: number;
  k2: number;
  story: Record<number, Story>;
};

let f: Fixture;

async function filed(author: TestUser, columnId: number, title: string): Promise<Story> {
  const draft = await createStory(author.viewer, { title, columnId, bodyHtml: STORY_BODY_HTML });
  return submitStory(author.viewer, draft.id, draft.version);
}

async function publish(editor: TestUser, story: Story, columnId: number, extra: Record<string, unknown> = {}): Promise<Story> {
  const claimed = await claimStory(editor.viewer, story.id);
  return publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: '通讯员', ...extra });
}

async function setViews(id: number, views: number) {
  const db = await getDb();
  await db.update(stories).set({ viewCount: views }).where(eq(stories.id, id));
}

beforeAll(async () => {
  const [u1, u2] = [await createUnit(), await createUnit()];
  const a = await createCorrespondent({ unit: u1, displayName: '甲通讯员' });
  const b = await createCorrespondent({ unit: u1, displayName: '乙通讯员' });
  const c = await createCorrespondent({ unit: u2, displayName: '丙通讯员' });
  const editor = await createEditor();
  const admin = await createAdmin();
  const [k1, k2] = [(await createColumn()).id, (await createColumn()).id];
  await updateScoringRules(admin.viewer, { pointsPerStory: 10, headlineBonus: 5, columnWeights: { [k1]: 2 } });

  const story: Record<number, Story> = {};
  // 1: A's, adopted in K1 as the headline, co-credited to C.
  story[1] = await publish(editor, await filed(a, k1, '稿件一'), k1, { isHeadline: 'on', coCorrespondents: String(c.id) });
  // 2: A's, returned for changes: still pending.
  const s2 = await filed(a, k2, '稿件二');
  story[2] = await returnStory(editor.viewer, s2.id, (await claimStory(editor.viewer, s2.id)).version, '请补充');
  // 3: A's, rejected.
  const s3 = await filed(a, k2, '稿件三');
  story[3] = await rejectStory(editor.viewer, s3.id, s3.version, '不予采用');
  // 4: B's, adopted in K2.
  story[4] = await publish(editor, await filed(b, k2, '稿件四'), k2);
  // 5: B's, waiting in the queue.
  story[5] = await filed(b, k2, '稿件五');
  // 6: C's, adopted and then unpublished: not adopted.
  const s6 = await publish(editor, await filed(c, k2, '稿件六'), k2);
  story[6] = await unpublishStory(editor.viewer, s6.id, s6.version, '撤稿');
  // 7: B's draft, never filed.
  story[7] = await createStory(b.viewer, { title: '稿件七', columnId: k2, bodyHtml: STORY_BODY_HTML });
  // 8: C's, adopted in K1, co-credited to A and B.
  story[8] = await publish(editor, await filed(c, k1, '稿件八'), k1, { coCorrespondents: `${a.id},${b.id}` });
  await setViews(story[1]!.id, 100);
  await setViews(story[4]!.id, 40);
  await setViews(story[8]!.id, 60);
  f = { a, b, c, editor, admin, unit1: u1.id, unit2: u2.id, k1, k2, story };
});

async function thisMonth() {
  const { site } = await getSiteSettings();
  return resolveRange({ range: 'this-month' }, site.timeZone).range;
}

function row(rows: FigureRow[], key: number): FigureRow {
  const found = rows.find((r) => r.key === key);
  if (!found) throw new Error(`no row for ${key}`);
  return found;
}

const bodyChars = async (id: number) => {
  const db = await getDb();
  const [r] = await db.select({ n: sql<number>`char_length(${stories.bodyText})::int` }).from(stories).where(eq(stories.id, id));
  return r!.n;
};

describe('adoption statistics', () => {
  test('per correspondent: every count as worked out by hand', async () => {
    const stats = await getAdoptionStats(f.editor.viewer, { range: await thisMonth() });
    const chars = await bodyChars(f.story[1]!.id);
    // 1: 10 × 2 + 5 = 25, two ways; 4: 10; 8: 10 × 2 = 20, three ways.
    expect(row(stats.correspondents, f.a.id)).toMatchObject({
      name: '甲通讯员',
      submitted: 3,
      adopted: 1,
      returned: 1,
      rejected: 1,
      pending: 1,
      coCredited: 1,
      views: 100,
      averageViews: 100,
      characters: chars,
      points: 19.17,
    });
    expect(row(stats.correspondents, f.a.id).adoptionRate).toBeCloseTo(1 / 3, 6);
    expect(row(stats.correspondents, f.b.id)).toMatchObject({ submitted: 2, adopted: 1, returned: 0, rejected: 0, pending: 1, coCredited: 1, views: 40, points: 16.67 });
    expect(row(stats.correspondents, f.c.id)).toMatchObject({ submitted: 2, adopted: 1, pending: 0, coCredited: 1, views: 60, points: 19.17 });
  });

  test('per unit: counts by the unit filed from, points by each credited person’s unit', async () => {
    const stats = await getAdoptionStats(f.editor.viewer, { range: await thisMonth() });
    expect(row(stats.units, f.unit1)).toMatchObject({ submitted: 5, adopted: 2, returned: 1, rejected: 1, pending: 2, views: 140, points: 35.83 });
    expect(row(stats.units, f.unit2)).toMatchObject({ submitted: 2, adopted: 1, returned: 0, rejected: 0, pending: 0, views: 60, points: 19.17 });
  });

  test('a column filter narrows every figure, and the totals add up', async () => {
    const stats = await getAdoptionStats(f.admin.viewer, { range: await thisMonth(), columnId: f.k1 });
    expect(stats.totals).toMatchObject({ submitted: 2, adopted: 2, returned: 0, rejected: 0, pending: 0, views: 160, points: 45 });
    expect(row(stats.correspondents, f.b.id)).toMatchObject({ submitted: 0, adopted: 0, coCredited: 1, points: 6.67 });
    const month = stats.monthly.at(-1)!;
    expect(month).toMatchObject({ submitted: 2, adopted: 2 });
  });

  test('a unit filter lists that unit’s correspondents, active or not', async () => {
    const idle = await createCorrespondent({ unit: f.unit1 });
    const stats = await getAdoptionStats(f.editor.viewer, { range: await thisMonth(), unitId: f.unit1 });
    expect(stats.correspondents.map((r) => r.key).sort()).toEqual([f.a.id, f.b.id, idle.id].sort());
    expect(row(stats.correspondents, idle.id)).toMatchObject({ submitted: 0, adopted: 0, points: 0, adoptionRate: null, averageViews: null });
    // A's share of C's story 8 counts for unit 1; C's share of A's story 1 does not.
    expect(row(stats.correspondents, f.a.id).points).toBe(19.17);
    expect(stats.totals).toMatchObject({ submitted: 5, adopted: 2, points: 35.83 });
  });

  test('a period before the stories counts nothing for them', async () => {
    const { site } = await getSiteSettings();
    const { range } = resolveRange({ from: '2020-01-01', to: '2020-12-31' }, site.timeZone);
    const stats = await getAdoptionStats(f.editor.viewer, { range });
    expect(row(stats.correspondents, f.a.id)).toMatchObject({ submitted: 0, adopted: 0, returned: 0, points: 0 });
    expect(stats.monthly).toHaveLength(12);
  });

  test('the annual reports list each adopted story with the points it earned', async () => {
    const year = Number((await thisMonth()).fromDate.slice(0, 4));
    const ownReport = await getAnnualReport(f.editor.viewer, { kind: 'correspondent', id: f.a.id }, year);
    expect(ownReport.stories.map((s) => [s.title, s.points])).toEqual([
      ['稿件一', 12.5],
      ['稿件八', 6.67],
    ]);
    expect(ownReport.totals).toMatchObject({ stories: 2, views: 160, points: 19.17 });
    const unitReport = await getAnnualReport(f.admin.viewer, { kind: 'unit', id: f.unit1 }, year);
    expect(unitReport.stories.map((s) => [s.title, s.points])).toEqual([
      ['稿件一', 12.5],
      ['稿件四', 10],
      ['稿件八', 13.33],
    ]);
    await expectAppError(getAnnualReport(f.editor.viewer, { kind: 'unit', id: 2_000_000_000 }, year), 'not_found');
  });

  test('a correspondent sees their own figures for the year, and nobody else’s', async () => {
    expect(await getOwnFigures(f.a.viewer)).toMatchObject({ submitted: 3, adopted: 1, points: 19.17 });
    expect(await getOwnFigures(f.c.viewer)).toMatchObject({ submitted: 2, adopted: 1, points: 19.17 });
    await expectAppError(getAdoptionStats(f.a.viewer, { range: await thisMonth() }), 'forbidden');
    await expectAppError(getAnnualReport(f.a.viewer, { kind: 'correspondent', id: f.b.id }, 2026), 'forbidden');
    await expectAppError(getScoringRules(f.a.viewer), 'forbidden');
    await expectAppError(getOwnFigures(f.editor.viewer), 'forbidden');
  });

  test('only an administrator sets the scoring rules, within bounds', async () => {
    await expectAppError(updateScoringRules(f.editor.viewer, { pointsPerStory: 1 }), 'forbidden');
    await expectAppError(updateScoringRules(f.admin.viewer, { pointsPerStory: -1, headlineBonus: 5, columnWeights: {} }), 'validation', { pointsPerStory: 'scoring_negative' });
    await expectAppError(updateScoringRules(f.admin.viewer, { pointsPerStory: 10, headlineBonus: 5, columnWeights: { [f.k1]: 'x' } }), 'validation', { [`weight-${f.k1}`]: 'scoring_number' });
    expect(await getScoringRules(f.editor.viewer)).toMatchObject({ pointsPerStory: 10, headlineBonus: 5, columnWeights: { [String(f.k1)]: 2 } });
  });

  test('the exports parse back to the same figures', async () => {
    const stats = await getAdoptionStats(f.editor.viewer, { range: await thisMonth(), unitId: f.unit1 });
    const sheet: ExportSheet = {
      title: '通讯员',
      columns: [
        { key: 'name', header: '通讯员', kind: 'text' },
        { key: 'submitted', header: '投稿', kind: 'count' },
        { key: 'adopted', header: '采用', kind: 'count' },
        { key: 'adoptionRate', header: '采用率', kind: 'rate' },
        { key: 'points', header: '积分', kind: 'decimal' },
      ],
      rows: stats.correspondents,
      totals: stats.totals,
      totalsLabel: '合计',
    };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx([sheet])) as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet('通讯员')!;
    const byName = new Map<string, unknown[]>();
    ws.eachRow((r) => byName.set(String(r.getCell(1).value), (r.values as unknown[]).slice(1)));
    expect(byName.get('甲通讯员')).toEqual(['甲通讯员', 3, 1, 0.3333, 19.17]);
    expect(byName.get('合计')).toEqual(['合计', 5, 2, 0.4, stats.totals.points]);

    const csv = toCsv(sheet);
    expect(csv.startsWith('\uFEFF通讯员,投稿,采用,采用率,积分\r\n')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n').map((line) => line.split(','));
    expect(lines.find((l) => l[0] === '乙通讯员')).toEqual(['乙通讯员', '2', '1', '0.5', '16.67']);
    expect(lines.at(-1)).toEqual(['合计', '5', '2', '0.4', String(stats.totals.points)]);
  });
});
