import { beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import type { StageDecisionKind } from '@/db/schema';
import { currentFlowVersionFor } from '@/lib/review-flows';
import { getSiteSettings } from '@/lib/settings';
import { resolveRange } from '@/lib/stats/range';
import { getStageStats, stageSheetRows, type StageFigures, type StageStats } from '@/lib/stats/stages';
import { STORY_BODY_HTML, createColumn, createCorrespondent, createEditor, createUnit, expectAppError, uniqueToken, type TestUser } from '../support/factories';
import { createReviewFlow, createStoryWithHistory, type HistoryMove } from '../support/stage-history';

// Stage statistics over a history written with controlled times
// (tests/support/stage-history.ts). Times are hours after a fixed instant in
// May 2024, so no other file's data falls in the period, and every stage name
// carries this run's token.
//
// Flow P: 初审 → 复审 → 终审; flow Q: 初审 → 终审 (the same names).
//   A (column K, unit 1): submit 0; 初审 approve R1 2; 复审 approve R2 5; 终审 sign_off R3 6.
//   B (K, 1): submit 0; 初审 approve R1 4; 复审 send_back R2 5; 初审 approve R1 5.5;
//      复审 approve R2 7.5; 终审 return R3 8.5; resubmit 32.5; 终审 sign_off R3 34.5.
//   C (K, 2): submit 0; 初审 return R4 6; resubmit 54; 初审 approve R1 55; waiting at 复审.
//   D (K, 2): submit 0; 初审 reject R4 10.
//   E (K, 1): submit 240; waiting at 初审.
//   F (K, 1): submit 2024-04-29 12:00Z; 初审 approve R1 04-30 12:00Z (20:00 in Shanghai:
//      April); 复审 approve R2 05-01 00:00Z (May, 12 h); waiting at 终审.
//   G (K2, 1), flow Q: submit 0; 初审 approve R1 5.
//   H (K2, 1), flow Q: no submit on record (as after the retention period); 初审 approve R1 3.
// "Now" is hour 260.

const BASE = Date.UTC(2024, 4, 10);
const HOUR = 3600_000;
const at = (hours: number) => new Date(BASE + hours * HOUR);
const NOW = at(260);

type Fx = {
  token: string;
  names: { first: string; second: string; last: string };
  r1: TestUser;
  r2: TestUser;
  r3: TestUser;
  r4: TestUser;
  editor: TestUser;
  unit1: number;
  unit2: number;
  k: number;
  k2: number;
};

let fx: Fx;

function storyWith(author: TestUser, columnId: number, flowVersionId: number, stageNames: string[], moves: HistoryMove[], waitingAt?: number): Promise<number> {
  return createStoryWithHistory(author, { columnId, flowVersionId, stageNames, moves, waitingAt, bodyHtml: STORY_BODY_HTML });
}

beforeAll(async () => {
  const token = uniqueToken();
  const names = { first: `初审${token}`, second: `复审${token}`, last: `终审${token}` };
  const [u1, u2] = [await createUnit(), await createUnit()];
  const a1 = await createCorrespondent({ unit: u1 });
  const a2 = await createCorrespondent({ unit: u2 });
  const [r1, r2, r3, r4, editor] = [
    await createEditor({ displayName: `甲审稿${token}` }),
    await createEditor({ displayName: `乙审稿${token}` }),
    await createEditor({ displayName: `丙审稿${token}` }),
    await createEditor({ displayName: `丁审稿${token}` }),
    await createEditor(),
  ];
  const [k, k2] = [(await createColumn()).id, (await createColumn()).id];
  const pNames = [names.first, names.second, names.last];
  const qNames = [names.first, names.last];
  const p = await createReviewFlow(`三审${token}`, pNames);
  const q = await createReviewFlow(`二审${token}`, qNames);
  const submit = (h: number): HistoryMove => ({ at: at(h), event: 'submit' });
  const decide = (h: number, stage: number, decision: StageDecisionKind, by: TestUser): HistoryMove => ({ at: at(h), stage, decision, by });

  await storyWith(a1, k, p, pNames, [submit(0), decide(2, 0, 'approve', r1), decide(5, 1, 'approve', r2), decide(6, 2, 'sign_off', r3)]);
  await storyWith(a1, k, p, pNames, [
    submit(0),
    decide(4, 0, 'approve', r1),
    decide(5, 1, 'send_back', r2),
    decide(5.5, 0, 'approve', r1),
    decide(7.5, 1, 'approve', r2),
    decide(8.5, 2, 'return', r3),
    { at: at(32.5), event: 'resubmit' },
    decide(34.5, 2, 'sign_off', r3),
  ]);
  await storyWith(a2, k, p, pNames, [submit(0), decide(6, 0, 'return', r4), { at: at(54), event: 'resubmit' }, decide(55, 0, 'approve', r1)], 1);
  await storyWith(a2, k, p, pNames, [submit(0), decide(10, 0, 'reject', r4)]);
  await storyWith(a1, k, p, pNames, [submit(240)], 0);
  await storyWith(
    a1,
    k,
    p,
    pNames,
    [
      { at: new Date('2024-04-29T12:00:00Z'), event: 'submit' },
      { at: new Date('2024-04-30T12:00:00Z'), stage: 0, decision: 'approve', by: r1 },
      { at: new Date('2024-05-01T00:00:00Z'), stage: 1, decision: 'approve', by: r2 },
    ],
    2,
  );
  await storyWith(a1, k2, q, qNames, [submit(0), decide(5, 0, 'approve', r1)]);
  await storyWith(a1, k2, q, qNames, [decide(3, 0, 'approve', r1)]);
  fx = { token, names, r1, r2, r3, r4, editor, unit1: u1.id, unit2: u2.id, k, k2 };
});

async function period(from: string, to: string) {
  const { site } = await getSiteSettings();
  return resolveRange({ from, to }, site.timeZone).range;
}

const may = () => period('2024-05-01', '2024-05-31');

function stage(stats: StageStats, name: string): StageFigures {
  const found = stats.stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
}

function reviewer(figures: StageFigures, user: TestUser) {
  const found = figures.reviewers.find((r) => r.actorId === user.id);
  if (!found) throw new Error(`no reviewer ${user.id} at ${figures.name}`);
  return found;
}

const hours = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 3600) * 1e6) / 1e6);

function times(figures: { handled: number; medianSeconds: number | null; p90Seconds: number | null }) {
  return { handled: figures.handled, median: hours(figures.medianSeconds), p90: hours(figures.p90Seconds) };
}

describe('statistics per review stage', () => {
  test('per stage in a column: stories handled, decisions by kind, median and 90th percentile of the time in stage', async () => {
    const stats = await getStageStats(fx.editor.viewer, { range: await may(), columnId: fx.k }, NOW);
    const first = stage(stats, fx.names.first);
    // A 2, B 4 and 0.5 (after the send-back), C 6 and 1 (after the resubmit), D 10.
    expect(times(first)).toEqual({ handled: 4, median: 3, p90: 8 });
    expect(first.decisions).toEqual({ approve: 4, send_back: 0, return: 1, reject: 1, sign_off: 0 });
    // A 3, B 1 and 2, F 12 (entered in April, decided in May).
    const second = stage(stats, fx.names.second);
    expect(times(second)).toEqual({ handled: 3, median: 2.5, p90: 9.3 });
    expect(second.decisions).toEqual({ approve: 3, send_back: 1, return: 0, reject: 0, sign_off: 0 });
    // A 1, B 1 (the return) and 2 (from the resubmit, not 26 from the return).
    const last = stage(stats, fx.names.last);
    expect(times(last)).toEqual({ handled: 2, median: 1, p90: 1.8 });
    expect(last.decisions).toEqual({ approve: 0, send_back: 0, return: 1, reject: 0, sign_off: 2 });
  });

  test('per reviewer within each stage', async () => {
    const stats = await getStageStats(fx.editor.viewer, { range: await may(), columnId: fx.k }, NOW);
    const first = stage(stats, fx.names.first);
    expect(first.reviewers.map((r) => r.actorId)).toEqual([fx.r1.id, fx.r4.id]);
    expect(times(reviewer(first, fx.r1))).toEqual({ handled: 3, median: 1.5, p90: 3.4 });
    expect(reviewer(first, fx.r1).decisions.approve).toBe(4);
    expect(reviewer(first, fx.r1).name).toBe(`甲审稿${fx.token}`);
    expect(times(reviewer(first, fx.r4))).toEqual({ handled: 2, median: 8, p90: 9.6 });
    expect(reviewer(first, fx.r4).decisions).toMatchObject({ return: 1, reject: 1, approve: 0 });
    expect(times(reviewer(stage(stats, fx.names.second), fx.r2))).toEqual({ handled: 3, median: 2.5, p90: 9.3 });
    expect(stage(stats, fx.names.last).reviewers.map((r) => r.actorId)).toEqual([fx.r3.id]);
  });

  test('a returned story’s time with the correspondent is not counted: the stage is re-entered at the resubmit', async () => {
    // Unit 2 has C (returned at 6, resubmitted at 54, approved at 55) and D.
    const stats = await getStageStats(fx.editor.viewer, { range: await may(), unitId: fx.unit2 }, NOW);
    const first = stage(stats, fx.names.first);
    expect(times(reviewer(first, fx.r1))).toEqual({ handled: 1, median: 1, p90: 1 });
    expect(times(first)).toEqual({ handled: 2, median: 6, p90: 9.2 });
    expect(times(stage(stats, fx.names.second))).toEqual({ handled: 0, median: null, p90: null });
    // A stage of another flow with nothing in the scope is not listed.
    expect(stats.stages.map((s) => s.name)).not.toContain(fx.names.last);
  });

  test('stories still waiting are not handled; they are counted as waiting now, with the oldest one’s wait', async () => {
    const stats = await getStageStats(fx.editor.viewer, { range: await may(), columnId: fx.k }, NOW);
    // E waits at 初审 since hour 240, C at 复审 since its approve at 55, F at 终审 since May 1st.
    expect([fx.names.first, fx.names.second, fx.names.last].map((n) => [stage(stats, n).waiting, hours(stage(stats, n).oldestWaitingSeconds)])).toEqual([
      [1, 20],
      [1, 205],
      [1, 476],
    ]);
    // E is in the period but has no decision: 初审 handled A–D only (above).
    expect(stage(stats, fx.names.first).handled).toBe(4);
  });

  test('the period counts the decisions taken in it', async () => {
    const april = await getStageStats(fx.editor.viewer, { range: await period('2024-04-01', '2024-04-30'), columnId: fx.k }, NOW);
    // F's approve at 初审 on April 30th (Shanghai), a day after its submit.
    expect(times(stage(april, fx.names.first))).toEqual({ handled: 1, median: 24, p90: 24 });
    expect(stage(april, fx.names.second).handled).toBe(0);
    // Waiting is now, whatever the period.
    expect(stage(april, fx.names.second).waiting).toBe(1);
  });

  test('stages of two flows group by name; a decision without a known entry counts as handled but not timed', async () => {
    const k2 = await getStageStats(fx.editor.viewer, { range: await may(), columnId: fx.k2 }, NOW);
    const first = stage(k2, fx.names.first);
    expect(times(first)).toEqual({ handled: 2, median: 5, p90: 5 });
    expect(first.decisions.approve).toBe(2);

    const all = await getStageStats(fx.editor.viewer, { range: await may() }, NOW);
    // Column K's six timed decisions and G's 5 (H's is not timed).
    expect(times(stage(all, fx.names.first))).toEqual({ handled: 6, median: 4, p90: 7.6 });
    expect(times(reviewer(stage(all, fx.names.first), fx.r1))).toEqual({ handled: 5, median: 2, p90: 4.6 });
    expect(stage(all, fx.names.first).decisions).toEqual({ approve: 6, send_back: 0, return: 1, reject: 1, sign_off: 0 });
  });

  test('the default flow’s stages come first, in order, then the others by their position', async () => {
    const stats = await getStageStats(fx.editor.viewer, { range: await may(), columnId: fx.k }, NOW);
    const db = await getDb();
    const defaults = (await currentFlowVersionFor(db, null)).stages.map((s) => s.name);
    const names = stats.stages.map((s) => s.name);
    expect(names.slice(0, defaults.length)).toEqual(defaults);
    expect(names.slice(defaults.length)).toEqual([fx.names.first, fx.names.second, fx.names.last]);
    // The default flow's stages are listed with nothing in them.
    expect(stage(stats, defaults[0]!)).toMatchObject({ handled: 0, waiting: 0, medianSeconds: null, reviewers: [] });
  });

  test('the export’s rows: each stage’s, then its reviewers’, times in hours', async () => {
    const stats = await getStageStats(fx.editor.viewer, { range: await may(), columnId: fx.k }, NOW);
    const rows = stageSheetRows(stats, '全部');
    const mine = rows.filter((r) => r.stage === fx.names.first);
    expect(mine.map((r) => r.reviewer)).toEqual(['全部', `甲审稿${fx.token}`, `丁审稿${fx.token}`]);
    expect(mine[0]).toMatchObject({ handled: 4, decisionCount: 6, approve: 4, return: 1, reject: 1, medianHours: 3, p90Hours: 8, waiting: 1, oldestWaitingHours: 20 });
    expect(mine[1]).toMatchObject({ handled: 3, decisionCount: 4, medianHours: 1.5, waiting: null });
  });

  test('only those who may read statistics', async () => {
    const correspondent = await createCorrespondent();
    await expectAppError(getStageStats(correspondent.viewer, { range: await may() }), 'forbidden');
  });
});
