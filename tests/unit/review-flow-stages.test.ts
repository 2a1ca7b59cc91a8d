import { describe, expect, test } from 'vitest';
import { isSignOffStage, mayActAtStage, stagesSchema, type StageActor, type StageDef, type StageStory } from '@/lib/review-flows/stages';

// A flow's stages as stored, and who may act at one: every kind of holder,
// both column scopes (the stage's and the editor's), named people, the unit
// stage, and those who never act.

function stage(overrides: Partial<StageDef> = {}): StageDef {
  return { name: '初审', holders: 'desk', userIds: [], columnIds: null, opinionRequired: false, limitHours: null, supervisorIds: [], ...overrides };
}

function issuesOf(value: unknown): { path: string; message: string }[] {
  const parsed = stagesSchema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('stagesSchema', () => {
  test('accepts 初审 → 复审 → 终审 and fills what was left out', () => {
    const parsed = stagesSchema.parse([{ name: ' 初审 ', holders: 'desk' }, { name: '复审', holders: 'named', userIds: [7] }, { name: '终审', holders: 'named', userIds: [8, 9], opinionRequired: true }]);
    expect(parsed).toEqual([
      { name: '初审', holders: 'desk', userIds: [], columnIds: null, opinionRequired: false, limitHours: null, supervisorIds: [] },
      { name: '复审', holders: 'named', userIds: [7], columnIds: null, opinionRequired: false, limitHours: null, supervisorIds: [] },
      { name: '终审', holders: 'named', userIds: [8, 9], columnIds: null, opinionRequired: true, limitHours: null, supervisorIds: [] },
    ]);
  });

  test('a unit stage before the desk, and a desk stage scoped to columns', () => {
    expect(issuesOf([stage({ name: '单位审核', holders: 'unit' }), stage({ columnIds: [3, 4] })])).toEqual([]);
  });

  test('one to eight stages', () => {
    expect(issuesOf([])).toEqual([{ path: '', message: 'stages_required' }]);
    expect(issuesOf(Array.from({ length: 8 }, (_, i) => stage({ name: `第${i + 1}审` })))).toEqual([]);
    expect(issuesOf(Array.from({ length: 9 }, (_, i) => stage({ name: `第${i + 1}审` })))).toEqual([{ path: '', message: 'too_many_stages' }]);
    expect(issuesOf('初审')).not.toEqual([]);
  });

  test('a name is required, at most 20 characters, and unique in the flow', () => {
    expect(issuesOf([stage({ name: '  ' })])).toEqual([{ path: '0.name', message: 'required' }]);
    expect(issuesOf([stage({ name: '审'.repeat(20) })])).toEqual([]);
    expect(issuesOf([stage({ name: '审'.repeat(21) })])).toEqual([{ path: '0.name', message: 'too_long' }]);
    expect(issuesOf([stage({ name: '初审' }), stage({ name: '终审' }), stage({ name: ' 初审' })])).toEqual([{ path: '2.name', message: 'stage_name_taken' }]);
  });

  test('who acts is desk, unit or named; named needs people', () => {
    expect(issuesOf([{ name: '初审', holders: 'everyone' }]).map((i) => i.path)).toEqual(['0.holders']);
    expect(issuesOf([stage({ holders: 'named' })])).toEqual([{ path: '0.userIds', message: 'stage_people_required' }]);
    expect(issuesOf([stage({ holders: 'named', userIds: [0] })]).map((i) => i.path)).toEqual(['0.userIds.0']);
  });

  test('a unit stage cannot be the last: the unit never signs off', () => {
    expect(issuesOf([stage({ holders: 'unit' })])).toEqual([{ path: '0.holders', message: 'unit_stage_last' }]);
    expect(issuesOf([stage({ name: '初审' }), stage({ name: '单位审核', holders: 'unit' })])).toEqual([{ path: '1.holders', message: 'unit_stage_last' }]);
  });

  test('every problem at once, each at its stage', () => {
    expect(issuesOf([stage({ name: '' }), stage({ name: '复审', holders: 'named' }), stage({ name: '复审', holders: 'unit' })])).toEqual([
      { path: '0.name', message: 'required' },
      { path: '1.userIds', message: 'stage_people_required' },
      { path: '2.holders', message: 'unit_stage_last' },
      { path: '2.name', message: 'stage_name_taken' },
    ]);
  });
});

describe('isSignOffStage', () => {
  test('only the last stage signs off', () => {
    const stages = [stage({ name: '初审' }), stage({ name: '复审' }), stage({ name: '终审' })];
    expect([0, 1, 2].map((i) => isSignOffStage(stages, i))).toEqual([false, false, true]);
    expect(isSignOffStage([stage()], 0)).toBe(true);
  });
});

describe('mayActAtStage', () => {
  const editor: StageActor = { id: 1, role: 'editor', unitId: null };
  const otherEditor: StageActor = { id: 2, role: 'editor', unitId: null };
  const systemAdmin: StageActor = { id: 3, role: 'admin', adminDuties: ['system'], unitId: null };
  const everyDutyAdmin: StageActor = { id: 4, role: 'admin', unitId: null };
  const securityAdmin: StageActor = { id: 5, role: 'admin', adminDuties: ['security'], unitId: null };
  const auditAdmin: StageActor = { id: 6, role: 'admin', adminDuties: ['audit'], unitId: null };
  const correspondent: StageActor = { id: 7, role: 'correspondent', unitId: 10 };
  const approver: StageActor = { id: 8, role: 'unit_approver', unitId: 10 };
  const otherApprover: StageActor = { id: 9, role: 'unit_approver', unitId: 11 };
  const approverWithoutUnit: StageActor = { id: 12, role: 'unit_approver', unitId: null };
  const story: StageStory = { unitId: 10, columnId: 100 };
  const everyone = [editor, otherEditor, systemAdmin, everyDutyAdmin, securityAdmin, auditAdmin, correspondent, approver, otherApprover, approverWithoutUnit];
  const who = (s: StageDef, on: StageStory = story, people: StageActor[] = everyone) => people.filter((actor) => mayActAtStage(actor, s, on)).map((actor) => actor.id);

  test('a desk stage: every editor and every administrator holding the system duty', () => {
    expect(who(stage())).toEqual([1, 2, 3, 4]);
  });

  test("a desk stage scoped to columns: the desk, on those columns' stories only", () => {
    const scoped = stage({ columnIds: [100, 101] });
    expect(who(scoped)).toEqual([1, 2, 3, 4]);
    expect(who(scoped, { unitId: 10, columnId: 102 })).toEqual([]);
    expect(who(scoped, { unitId: 10, columnId: null })).toEqual([]);
  });

  test("an editor scoped to columns acts only on their columns' stories, whatever the stage says", () => {
    const scopedEditor: StageActor = { ...editor, columnIds: [100] };
    const unscopedEditor: StageActor = { ...editor, columnIds: null };
    expect(mayActAtStage(scopedEditor, stage(), story)).toBe(true);
    expect(mayActAtStage(scopedEditor, stage(), { unitId: 10, columnId: 101 })).toBe(false);
    expect(mayActAtStage(scopedEditor, stage(), { unitId: 10, columnId: null })).toBe(false);
    expect(mayActAtStage(unscopedEditor, stage(), { unitId: 10, columnId: 101 })).toBe(true);
    // Both scopes: the story must be in each.
    expect(mayActAtStage({ ...editor, columnIds: [100, 101] }, stage({ columnIds: [101, 102] }), { unitId: 10, columnId: 101 })).toBe(true);
    expect(mayActAtStage({ ...editor, columnIds: [100, 101] }, stage({ columnIds: [101, 102] }), { unitId: 10, columnId: 100 })).toBe(false);
    expect(mayActAtStage({ ...editor, columnIds: [100, 101] }, stage({ columnIds: [101, 102] }), { unitId: 10, columnId: 102 })).toBe(false);
  });

  test('a named stage: only the desk members named, within their own column scope', () => {
    const named = stage({ name: '终审', holders: 'named', userIds: [2, 3] });
    expect(who(named)).toEqual([2, 3]);
    expect(mayActAtStage({ ...otherEditor, columnIds: [101] }, named, story)).toBe(false);
    expect(mayActAtStage({ ...otherEditor, columnIds: [100] }, named, story)).toBe(true);
    // Named people are not held to the stage's own column list (it applies to the desk as a whole).
    expect(who(stage({ name: '终审', holders: 'named', userIds: [2], columnIds: [999] }))).toEqual([2]);
  });

  test('a desk stage naming people: the desk in its columns, and the people named on any story', () => {
    const s = stage({ columnIds: [101], userIds: [2] });
    expect(who(s)).toEqual([2]);
    expect(who(s, { unitId: 10, columnId: 101 })).toEqual([1, 2, 3, 4]);
  });

  test("a unit stage: the unit approvers of the story's unit, never another unit's", () => {
    const unitStage = stage({ name: '单位审核', holders: 'unit' });
    expect(who(unitStage)).toEqual([8]);
    expect(who(unitStage, { unitId: 11, columnId: 100 })).toEqual([9]);
    expect(who(unitStage, { unitId: null, columnId: 100 })).toEqual([]);
    expect(mayActAtStage(approverWithoutUnit, unitStage, { unitId: null, columnId: 100 })).toBe(false);
  });

  test('a unit stage naming a desk member: the unit approvers and that person (a sign-off recorded by phone)', () => {
    expect(who(stage({ name: '单位审核', holders: 'unit', userIds: [1] }))).toEqual([1, 8]);
  });

  test('a unit approver acts at no desk or named stage, even named', () => {
    expect(mayActAtStage(approver, stage(), story)).toBe(false);
    expect(mayActAtStage(approver, stage({ holders: 'named', userIds: [approver.id] }), story)).toBe(false);
    expect(mayActAtStage(approver, stage({ userIds: [approver.id] }), story)).toBe(false);
  });

  test('a correspondent never acts at any stage, even named, even of their own unit', () => {
    for (const s of [stage(), stage({ holders: 'named', userIds: [correspondent.id] }), stage({ holders: 'unit', userIds: [correspondent.id] }), stage({ userIds: [correspondent.id] })]) {
      expect(mayActAtStage(correspondent, s, story)).toBe(false);
    }
  });

  test('an administrator without the system duty never acts, even named', () => {
    for (const admin of [securityAdmin, auditAdmin, { ...securityAdmin, adminDuties: ['security', 'audit'] as const }]) {
      for (const s of [stage(), stage({ holders: 'named', userIds: [admin.id] }), stage({ holders: 'unit', userIds: [admin.id] })]) {
        expect(mayActAtStage(admin, s, story)).toBe(false);
      }
    }
  });
});
