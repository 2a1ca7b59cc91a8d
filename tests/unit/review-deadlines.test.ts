import { describe, expect, test } from 'vitest';
import { atStage, deadlineState, DUE_SOON_SHARE, isStageSupervisor, mayAssignAtStage, stageDeadline, stageMove } from '@/lib/review-flows/deadlines';
import { parseStoredStages, stagesSchema, type StageActor, type StageDef } from '@/lib/review-flows/stages';

// Review deadlines (审稿时限) and who may assign at a stage: the pure rules
// the transition engine, the deadline job, the queue and the review page share.

const HOUR = 3_600_000;
const entered = new Date('2026-03-02T01:00:00Z');

function stage(overrides: Partial<StageDef> = {}): StageDef {
  return { name: '初审', holders: 'desk', userIds: [], columnIds: null, opinionRequired: false, limitHours: null, supervisorIds: [], ...overrides };
}

const editor = (id: number, columnIds: number[] | null = null): StageActor => ({ id, role: 'editor', columnIds });
const systemAdmin: StageActor = { id: 90, role: 'admin', adminDuties: ['system'] };
const securityAdmin: StageActor = { id: 91, role: 'admin', adminDuties: ['security'] };
const correspondent: StageActor = { id: 92, role: 'correspondent', unitId: 1 };
const story = { unitId: 1, columnId: 5 };

describe('stageDeadline', () => {
  test('no limit, no deadline', () => {
    expect(stageDeadline(entered, null)).toBeNull();
    expect(stageDeadline(entered, undefined)).toBeNull();
    expect(stageDeadline(entered, 0)).toBeNull();
  });

  test('calendar hours from entry; due soon once 80% has passed', () => {
    expect(DUE_SOON_SHARE).toBe(0.8);
    expect(stageDeadline(entered, 10)).toEqual({ dueAt: new Date(entered.getTime() + 10 * HOUR), dueSoonAt: new Date(entered.getTime() + 8 * HOUR) });
    // Nights and weekends count: 72 h from a Friday evening is Monday evening.
    const friday = new Date('2026-03-06T10:00:00Z');
    expect(stageDeadline(friday, 72)!.dueAt.toISOString()).toBe('2026-03-09T10:00:00.000Z');
  });
});

describe('deadlineState', () => {
  const deadline = stageDeadline(entered, 10)!;
  test.each([
    [0, 'on_time'],
    [8 * HOUR - 1, 'on_time'],
    [8 * HOUR, 'due_soon'],
    [10 * HOUR - 1, 'due_soon'],
    [10 * HOUR, 'overdue'],
    [100 * HOUR, 'overdue'],
  ] as const)('%i ms after entry: %s', (ms, state) => {
    expect(deadlineState(deadline, new Date(entered.getTime() + ms))).toBe(state);
  });

  test('nothing without a due time', () => {
    expect(deadlineState(null, entered)).toBeNull();
    expect(deadlineState({ dueAt: null, dueSoonAt: null }, entered)).toBeNull();
  });
});

describe('stage limits and supervisors in the stored stages', () => {
  test('versions written before limits existed parse as no limit and no supervisor', () => {
    const [old] = parseStoredStages([{ name: '审核', holders: 'desk', userIds: [], columnIds: null, opinionRequired: false }]);
    expect(old).toMatchObject({ limitHours: null, supervisorIds: [] });
  });

  test('a limit is whole hours from 1 to 2160; supervisors are ids', () => {
    expect(stagesSchema.parse([stage({ limitHours: 24, supervisorIds: [3, 4] })])[0]).toMatchObject({ limitHours: 24, supervisorIds: [3, 4] });
    expect(stagesSchema.parse([stage({ limitHours: 2160 })])[0]!.limitHours).toBe(2160);
    for (const bad of [0, -1, 1.5, 2161, '12', 'abc']) {
      const parsed = stagesSchema.safeParse([{ ...stage(), limitHours: bad }]);
      expect(parsed.success, String(bad)).toBe(false);
      expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['0.limitHours', 'stage_limit_invalid']]);
    }
  });
});

describe('who may assign at a stage', () => {
  test('named supervisors, else the system administrators', () => {
    expect(isStageSupervisor(editor(7), stage({ supervisorIds: [7] }))).toBe(true);
    expect(isStageSupervisor(editor(8), stage({ supervisorIds: [7] }))).toBe(false);
    // Named supervisors replace the fallback.
    expect(isStageSupervisor(systemAdmin, stage({ supervisorIds: [7] }))).toBe(false);
    expect(isStageSupervisor(systemAdmin, stage())).toBe(true);
    expect(isStageSupervisor(securityAdmin, stage())).toBe(false);
    expect(isStageSupervisor(editor(8), stage())).toBe(false);
  });

  test('the supervisor, or anyone who may act at the stage', () => {
    const named = stage({ holders: 'named', userIds: [20], supervisorIds: [7] });
    expect(mayAssignAtStage(editor(7), named, story)).toBe(true);
    expect(mayAssignAtStage(editor(20), named, story)).toBe(true);
    expect(mayAssignAtStage(editor(21), named, story)).toBe(false);
    // A desk stage: every editor of the story's column, not one scoped elsewhere.
    expect(mayAssignAtStage(editor(21), stage(), story)).toBe(true);
    expect(mayAssignAtStage(editor(22, [6]), stage(), story)).toBe(false);
    expect(mayAssignAtStage(correspondent, stage(), story)).toBe(false);
  });
});

describe('a stay at a stage', () => {
  const at = (status: string, stageIndex: number | null, flowVersionId: number | null = 1) => ({ status, stage: stageIndex, flowVersionId });

  test('covers waiting and claimed stories in a flow', () => {
    expect(atStage(at('submitted', 0))).toBe(true);
    expect(atStage(at('in_review', 2))).toBe(true);
    expect(atStage(at('changes_requested', 1))).toBe(false);
    expect(atStage(at('published', null))).toBe(false);
    expect(atStage(at('submitted', 0, null))).toBe(false);
  });

  test.each([
    ['submit', at('draft', null, null), at('submitted', 0), false, { leaves: false, enters: true }],
    ['claim keeps the clock', at('submitted', 0), at('in_review', 0), false, { leaves: false, enters: false }],
    ['release keeps the clock', at('in_review', 0), at('submitted', 0), false, { leaves: false, enters: false }],
    ['approve', at('in_review', 0), at('submitted', 1), false, { leaves: true, enters: true }],
    ['send back starts a new clock', at('in_review', 1), at('submitted', 0), false, { leaves: true, enters: true }],
    ['return', at('in_review', 1), at('changes_requested', 1), false, { leaves: true, enters: false }],
    ['resubmit', at('changes_requested', 1), at('submitted', 1), false, { leaves: false, enters: true }],
    ['sign-off', at('in_review', 2), at('published', null), false, { leaves: true, enters: false }],
    ['restart at the same place', at('submitted', 0), at('submitted', 0), true, { leaves: true, enters: true }],
    ['a new flow version', at('submitted', 0, 1), at('submitted', 0, 2), false, { leaves: true, enters: true }],
  ] as const)('%s', (_name, before, after, restart, move) => {
    expect(stageMove(before, after, restart)).toEqual(move);
  });
});
