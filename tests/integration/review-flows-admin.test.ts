import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, reviewFlows, reviewFlowVersions, stories, users } from '@/db/schema';
import { systemActor } from '@/lib/actors';
import {
  createFlow,
  currentFlowVersionFor,
  deleteFlow,
  getFlowVersion,
  listFlowChoices,
  listFlows,
  setColumnFlow,
  setDefaultFlow,
  updateFlow,
  type FlowSummary,
} from '@/lib/review-flows';
import type { StageDef } from '@/lib/review-flows/stages';
import { createUser, setUserDisabled } from '@/lib/users';
import { createAdmin, createColumn, createEditor, createSubmittedStory, createUnit, expectAppError, uniqueToken, uniqueUsername, type TestUser } from '../support/factories';

// Review flows as administrators define them: through lib/ on PostgreSQL.

let admin: TestUser;
let reviewer: TestUser;
let chief: TestUser;
let originalDefault: number;

beforeAll(async () => {
  admin = await createAdmin();
  reviewer = await createEditor({ displayName: '复审 王' });
  chief = await createEditor({ displayName: '终审 李' });
  const db = await getDb();
  const [row] = await db.select({ id: reviewFlows.id }).from(reviewFlows).where(eq(reviewFlows.isDefault, true));
  originalDefault = row!.id;
});

// Later files file stories under the site's default: leave it as found.
afterAll(async () => {
  await setDefaultFlow(systemActor, originalDefault);
});

function stage(name: string, overrides: Partial<StageDef> = {}): StageDef {
  return { name, holders: 'desk', userIds: [], columnIds: null, opinionRequired: false, limitHours: null, supervisorIds: [], ...overrides };
}

function threeStages(): StageDef[] {
  return [stage('初审'), stage('复审', { holders: 'named', userIds: [reviewer.id], opinionRequired: true }), stage('终审', { holders: 'named', userIds: [chief.id] })];
}

function flowName(): string {
  return `三审-${uniqueToken()}`;
}

async function flowOf(id: number): Promise<FlowSummary> {
  const flow = (await listFlows(admin.viewer)).find((f) => f.id === id);
  if (!flow) throw new Error(`flow ${id} not listed`);
  return flow;
}

async function auditOf(action: string, targetId: number) {
  const db = await getDb();
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(targetId))))
    .orderBy(desc(auditLog.id));
}

async function versionRows(flowId: number) {
  const db = await getDb();
  return db.select().from(reviewFlowVersions).where(eq(reviewFlowVersions.flowId, flowId)).orderBy(reviewFlowVersions.number);
}

describe('creating a flow', () => {
  test('an administrator creates a flow with named people: version 1, not the default, listed with its stages, audited', async () => {
    const name = flowName();
    const saved = await createFlow(admin.viewer, { name: `  ${name} `, stages: threeStages() });
    expect(saved).toMatchObject({ name, versionNumber: 1 });
    const flow = await flowOf(saved.id);
    expect(flow).toMatchObject({ name, isDefault: false, inFlight: 0, boundStories: 0, columns: [], defaultColumns: [] });
    expect(flow.version.number).toBe(1);
    expect(flow.version.stages.map((s) => s.name)).toEqual(['初审', '复审', '终审']);
    expect(flow.version.stages[1]).toEqual({ name: '复审', holders: 'named', userIds: [reviewer.id], columnIds: null, opinionRequired: true, limitHours: null, supervisorIds: [] });
    expect(flow.versions).toEqual([expect.objectContaining({ number: 1, createdByName: admin.viewer.displayName, inFlight: 0 })]);
    const [audit] = await auditOf('flow.create', saved.id);
    expect(audit).toMatchObject({ actorId: admin.id, targetType: 'review_flow', meta: { name, version: 1 } });
    expect((audit!.meta as { stages: StageDef[] }).stages.map((s) => s.name)).toEqual(['初审', '复审', '终审']);
  });

  test('each stage is stored in one shape: people and columns without repeats, a column restriction only on a desk stage', async () => {
    const column = await createColumn();
    const saved = await createFlow(admin.viewer, {
      name: flowName(),
      stages: [stage('初审', { columnIds: [column.id, column.id] }), stage('复审', { columnIds: [] }), stage('终审', { holders: 'named', userIds: [chief.id, chief.id], columnIds: [column.id] })],
    });
    const { stages } = (await flowOf(saved.id)).version;
    expect(stages.map((s) => s.columnIds)).toEqual([[column.id], null, null]);
    expect(stages[2]!.userIds).toEqual([chief.id]);
  });

  test('refuses what the stages schema refuses, each problem beside its field', async () => {
    await expectAppError(createFlow(admin.viewer, { name: ' ', stages: threeStages() }), 'validation', { name: 'required' });
    await expectAppError(createFlow(admin.viewer, { name: 'x'.repeat(31), stages: threeStages() }), 'validation', { name: 'too_long' });
    await expectAppError(createFlow(admin.viewer, { name: flowName(), stages: [] }), 'validation', { stages: 'stages_required' });
    await expectAppError(createFlow(admin.viewer, { name: flowName(), stages: Array.from({ length: 9 }, (_, i) => stage(`第${i}审`)) }), 'validation', { stages: 'too_many_stages' });
    await expectAppError(createFlow(admin.viewer, { name: flowName(), stages: [stage(''), stage('复审', { holders: 'named' }), stage('复审')] }), 'validation', {
      'stages.0.name': 'required',
      'stages.1.userIds': 'stage_people_required',
      'stages.2.name': 'stage_name_taken',
    });
    await expectAppError(createFlow(admin.viewer, { name: flowName(), stages: [stage('初审'), stage('单位审核', { holders: 'unit' })] }), 'validation', {
      'stages.1.holders': 'unit_stage_last',
    });
    await expectAppError(createFlow(admin.viewer, { name: flowName(), stages: [stage('超长的环节名称超长的环节名称超长的环节名称')] }), 'validation', { 'stages.0.name': 'too_long' });
    await expectAppError(createFlow(admin.viewer, { name: flowName(), stages: 'nonsense' }), 'validation');
  });

  test('a control character in a name is dropped before the checks', async () => {
    const name = flowName();
    const saved = await createFlow(admin.viewer, { name: `${name}\u0000`, stages: [stage('初\u0007审')] });
    expect(saved.name).toBe(name);
    expect((await flowOf(saved.id)).version.stages[0]!.name).toBe('初审');
  });

  test('refuses a name another flow has', async () => {
    const name = flowName();
    await createFlow(admin.viewer, { name, stages: [stage('审核')] });
    await expectAppError(createFlow(admin.viewer, { name, stages: [stage('审核')] }), 'validation', { name: 'flow_name_taken' });
  });

  test('named people must be enabled desk members: editors, or administrators holding the system duty', async () => {
    const disabled = await createEditor();
    await setUserDisabled(systemActor, disabled.id, true);
    const securityOnly = await createAdmin({ adminDuties: ['security'] });
    const systemOnly = await createAdmin({ adminDuties: ['system'] });
    const unit = await createUnit();
    const { user: correspondent } = await createUser(systemActor, { username: uniqueUsername('corr'), displayName: '通讯员', role: 'correspondent', unitId: unit.id, password: 'Test-password-2026' });
    for (const person of [disabled.id, securityOnly.id, correspondent.id, 2_000_000_000, 3_000_000_000]) {
      await expectAppError(createFlow(admin.viewer, { name: flowName(), stages: [stage('初审'), stage('终审', { holders: 'named', userIds: [reviewer.id, person] })] }), 'validation', {
        'stages.1.userIds': 'stage_person_unavailable',
      });
    }
    const saved = await createFlow(admin.viewer, { name: flowName(), stages: [stage('初审', { userIds: [systemOnly.id] }), stage('终审', { holders: 'named', userIds: [systemOnly.id] })] });
    expect((await flowOf(saved.id)).version.stages[1]!.userIds).toEqual([systemOnly.id]);
    const choices = await listFlowChoices(admin.viewer);
    const offered = choices.people.map((p) => p.id);
    expect(offered).toEqual(expect.arrayContaining([reviewer.id, chief.id, systemOnly.id]));
    for (const id of [disabled.id, securityOnly.id, correspondent.id]) expect(offered).not.toContain(id);
  });

  test('a column restriction names columns that exist', async () => {
    const column = await createColumn();
    await expectAppError(createFlow(admin.viewer, { name: flowName(), stages: [stage('初审', { columnIds: [column.id, 2_000_000_000, 3_000_000_000] })] }), 'validation', {
      'stages.0.columnIds': 'stage_column_unknown',
    });
  });

  test('a unit stage needs an enabled unit approver', async () => {
    const db = await getDb();
    // Approvers other tests left enabled are set aside while this one runs.
    const others = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'unit_approver'), isNull(users.disabledAt)));
    for (const other of others) await setUserDisabled(systemActor, other.id, true);
    try {
      const stages = [stage('单位审核', { holders: 'unit' }), stage('终审')];
      await expectAppError(createFlow(admin.viewer, { name: flowName(), stages }), 'validation', { 'stages.0.holders': 'no_unit_approver' });
      const unit = await createUnit();
      await createUser(systemActor, { username: uniqueUsername('appr'), displayName: '单位审核员', role: 'unit_approver', unitId: unit.id, password: 'Test-password-2026' });
      const saved = await createFlow(admin.viewer, { name: flowName(), stages });
      expect((await flowOf(saved.id)).version.stages[0]!.holders).toBe('unit');
      expect((await listFlowChoices(admin.viewer)).unitApprovers).toBe(1);
    } finally {
      for (const other of others) await setUserDisabled(systemActor, other.id, false);
    }
  });
});

describe('updating a flow', () => {
  test('new stages append a version; the old one is untouched and still read as it was', async () => {
    const created = await createFlow(admin.viewer, { name: flowName(), stages: threeStages() });
    const [v1] = await versionRows(created.id);
    const v1Read = await getFlowVersion(await getDb(), v1!.id);
    const stages = [stage('单位初审'), ...threeStages().slice(1)];
    stages[2] = { ...stages[2]!, opinionRequired: true };
    const saved = await updateFlow(admin.viewer, created.id, 1, { name: created.name, stages });
    expect(saved.versionNumber).toBe(2);
    const rows = await versionRows(created.id);
    expect(rows.map((r) => r.number)).toEqual([1, 2]);
    expect(rows[0]).toEqual(v1);
    expect((rows[0]!.stages as StageDef[]).map((s) => s.name)).toEqual(['初审', '复审', '终审']);
    // Read fresh from the database, not only from the process's cache.
    expect(await getFlowVersion(await getDb(), v1!.id)).toEqual(v1Read);
    const flow = await flowOf(created.id);
    expect(flow.version).toMatchObject({ number: 2, id: rows[1]!.id });
    expect(flow.version.stages.map((s) => s.name)).toEqual(['单位初审', '复审', '终审']);
    expect(flow.versions.map((v) => v.number)).toEqual([2, 1]);
    const [audit] = await auditOf('flow.update', created.id);
    expect(audit!.meta).toMatchObject({ name: created.name, version: 2 });
    const meta = audit!.meta as { stagesBefore: StageDef[]; stagesAfter: StageDef[] };
    expect(meta.stagesBefore.map((s) => s.name)).toEqual(['初审', '复审', '终审']);
    expect(meta.stagesAfter.map((s) => s.name)).toEqual(['单位初审', '复审', '终审']);
  });

  test('a rename changes only the flow; saving what is there changes nothing and records nothing', async () => {
    const created = await createFlow(admin.viewer, { name: flowName(), stages: threeStages() });
    const newName = flowName();
    const renamed = await updateFlow(admin.viewer, created.id, 1, { name: newName, stages: threeStages() });
    expect(renamed).toMatchObject({ name: newName, versionNumber: 1 });
    expect(await versionRows(created.id)).toHaveLength(1);
    expect((await flowOf(created.id)).name).toBe(newName);
    const [audit] = await auditOf('flow.update', created.id);
    expect(audit!.meta).toEqual({ name: newName, from: { name: created.name }, to: { name: newName } });
    await updateFlow(admin.viewer, created.id, 1, { name: newName, stages: threeStages() });
    expect(await auditOf('flow.update', created.id)).toHaveLength(1);
    // The same stages, differently spelled (repeats, an empty column list), are the same.
    const spelled = threeStages();
    spelled[0] = { ...spelled[0]!, columnIds: [] };
    spelled[2] = { ...spelled[2]!, userIds: [chief.id, chief.id] };
    expect((await updateFlow(admin.viewer, created.id, 1, { name: newName, stages: spelled })).versionNumber).toBe(1);
  });

  test('a stale version, or a flow renamed since the form was read, is a conflict that says so', async () => {
    const created = await createFlow(admin.viewer, { name: flowName(), stages: threeStages() });
    await updateFlow(admin.viewer, created.id, 1, { name: created.name, stages: [stage('审核')] });
    await expectAppError(updateFlow(admin.viewer, created.id, 1, { name: created.name, stages: threeStages() }), 'conflict', { form: 'flow_changed' });
    await expectAppError(updateFlow(admin.viewer, created.id, 1, { name: flowName(), stages: [stage('审核')] }), 'conflict', { form: 'flow_changed' });
    const seen = (await flowOf(created.id)).updatedAt;
    await updateFlow(admin.viewer, created.id, 2, { name: flowName(), stages: [stage('审核')] }, { updatedAt: seen });
    await expectAppError(updateFlow(admin.viewer, created.id, 2, { name: flowName(), stages: [stage('审核')] }, { updatedAt: seen }), 'conflict', { form: 'flow_changed' });
    await expectAppError(updateFlow(admin.viewer, 2_000_000_000, 1, { name: flowName(), stages: [stage('审核')] }), 'not_found');
  });

  test('refuses a new name another flow has and invalid stages, per field', async () => {
    const first = await createFlow(admin.viewer, { name: flowName(), stages: [stage('审核')] });
    const second = await createFlow(admin.viewer, { name: flowName(), stages: [stage('审核')] });
    await expectAppError(updateFlow(admin.viewer, second.id, 1, { name: first.name, stages: [stage('审核')] }), 'validation', { name: 'flow_name_taken' });
    await expectAppError(updateFlow(admin.viewer, second.id, 1, { name: second.name, stages: [stage('初审'), stage('终审', { holders: 'named' })] }), 'validation', {
      'stages.1.userIds': 'stage_people_required',
    });
    expect(await versionRows(second.id)).toHaveLength(1);
  });

  test('two administrators saving the same flow at once: exactly one wins, the other is told', async () => {
    const other = await createAdmin();
    const created = await createFlow(admin.viewer, { name: flowName(), stages: threeStages() });
    const results = await Promise.allSettled([
      updateFlow(admin.viewer, created.id, 1, { name: created.name, stages: [stage('一审')] }),
      updateFlow(other.viewer, created.id, 1, { name: created.name, stages: [stage('二审'), stage('三审')] }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected');
    expect(lost && lost.status === 'rejected' && lost.reason).toMatchObject({ code: 'conflict', fieldErrors: { form: 'flow_changed' }, params: { version: 2 } });
    expect((await versionRows(created.id)).map((r) => r.number)).toEqual([1, 2]);
    expect(await auditOf('flow.update', created.id)).toHaveLength(1);

    // Two renames at once, each from the form it read.
    const seen = (await flowOf(created.id)).updatedAt;
    const renames = await Promise.allSettled([
      updateFlow(admin.viewer, created.id, 2, { name: flowName(), stages: (await flowOf(created.id)).version.stages }, { updatedAt: seen }),
      updateFlow(other.viewer, created.id, 2, { name: flowName(), stages: (await flowOf(created.id)).version.stages }, { updatedAt: seen }),
    ]);
    expect(renames.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  test('a story in flight keeps the version of its submit; new submissions follow the newest', async () => {
    const column = await createColumn();
    const created = await createFlow(admin.viewer, { name: flowName(), stages: threeStages() });
    await setColumnFlow(admin.viewer, column.id, created.id);
    const [v1] = await versionRows(created.id);
    const { story } = await createSubmittedStory({ columnId: column.id });
    expect(story.flowVersionId).toBe(v1!.id);
    await updateFlow(admin.viewer, created.id, 1, { name: created.name, stages: [stage('初审'), stage('终审')] });
    const db = await getDb();
    const [after] = await db.select({ flowVersionId: stories.flowVersionId, stage: stories.stage }).from(stories).where(eq(stories.id, story.id));
    expect(after).toEqual({ flowVersionId: v1!.id, stage: 0 });
    const flow = await flowOf(created.id);
    expect(flow.inFlight).toBe(1);
    expect(flow.boundStories).toBe(1);
    expect(flow.versions.map((v) => [v.number, v.inFlight])).toEqual([
      [2, 0],
      [1, 1],
    ]);
    const { story: next } = await createSubmittedStory({ columnId: column.id });
    expect(next.flowVersionId).toBe(flow.version.id);
  });
});

describe('the default flow and the columns', () => {
  test('switching the default leaves exactly one, which columns without a flow follow; audited', async () => {
    const db = await getDb();
    const column = await createColumn();
    const a = await createFlow(admin.viewer, { name: flowName(), stages: [stage('初审'), stage('终审')] });
    const b = await createFlow(admin.viewer, { name: flowName(), stages: [stage('审核')] });
    await setDefaultFlow(admin.viewer, a.id);
    const defaults = async () => (await db.select({ id: reviewFlows.id }).from(reviewFlows).where(eq(reviewFlows.isDefault, true))).map((r) => r.id);
    expect(await defaults()).toEqual([a.id]);
    expect((await currentFlowVersionFor(db, column.id)).flowId).toBe(a.id);
    expect((await currentFlowVersionFor(db, null)).flowId).toBe(a.id);
    const listed = await flowOf(a.id);
    expect(listed.isDefault).toBe(true);
    expect(listed.defaultColumns.map((c) => c.id)).toContain(column.id);
    // Again: nothing to do, nothing recorded.
    await setDefaultFlow(admin.viewer, a.id);
    expect(await auditOf('flow.default', a.id)).toHaveLength(1);

    // Two switches at once: they take turns, one default after both.
    await Promise.all([setDefaultFlow(admin.viewer, b.id), setDefaultFlow(admin.viewer, originalDefault)]);
    expect(await defaults()).toHaveLength(1);
    await setDefaultFlow(admin.viewer, b.id);
    expect(await defaults()).toEqual([b.id]);
    const [audit] = await auditOf('flow.default', b.id);
    expect(audit!.meta).toMatchObject({ name: b.name });
    await expectAppError(setDefaultFlow(admin.viewer, 2_000_000_000), 'not_found');
    await setDefaultFlow(admin.viewer, originalDefault);
    expect(await defaults()).toEqual([originalDefault]);
  });

  test('a column follows the flow assigned to it, and the default again when it is cleared; audited', async () => {
    const db = await getDb();
    const column = await createColumn();
    const flow = await createFlow(admin.viewer, { name: flowName(), stages: [stage('初审'), stage('终审')] });
    await setColumnFlow(admin.viewer, column.id, flow.id);
    expect((await currentFlowVersionFor(db, column.id)).flowId).toBe(flow.id);
    expect((await flowOf(flow.id)).columns).toEqual([{ id: column.id, name: column.name }]);
    expect((await listFlowChoices(admin.viewer)).columns.find((c) => c.id === column.id)).toMatchObject({ flowId: flow.id });
    await setColumnFlow(admin.viewer, column.id, flow.id);
    await setColumnFlow(admin.viewer, column.id, null);
    expect((await currentFlowVersionFor(db, column.id)).flowId).toBe(originalDefault);
    const rows = await auditOf('column.flow', column.id);
    expect(rows.map((r) => r.meta)).toEqual([
      { name: column.name, from: { id: flow.id, name: flow.name }, to: null },
      { name: column.name, from: null, to: { id: flow.id, name: flow.name } },
    ]);
    await expectAppError(setColumnFlow(admin.viewer, column.id, 2_000_000_000), 'not_found');
    await expectAppError(setColumnFlow(admin.viewer, 2_000_000_000, flow.id), 'not_found');
  });
});

describe('deleting a flow', () => {
  test('an unused flow is deleted with its versions; audited', async () => {
    const flow = await createFlow(admin.viewer, { name: flowName(), stages: [stage('审核')] });
    await updateFlow(admin.viewer, flow.id, 1, { name: flow.name, stages: [stage('初审'), stage('终审')] });
    await deleteFlow(admin.viewer, flow.id);
    expect(await versionRows(flow.id)).toEqual([]);
    expect((await listFlows(admin.viewer)).map((f) => f.id)).not.toContain(flow.id);
    const [audit] = await auditOf('flow.delete', flow.id);
    expect(audit!.meta).toEqual({ name: flow.name, versions: 2 });
    await expectAppError(deleteFlow(admin.viewer, flow.id), 'not_found');
  });

  test('refuses the default, a flow a column uses and a flow stories are bound to', async () => {
    await expectAppError(deleteFlow(admin.viewer, originalDefault), 'conflict', { form: 'flow_is_default' });
    const column = await createColumn();
    const flow = await createFlow(admin.viewer, { name: flowName(), stages: [stage('审核')] });
    await setColumnFlow(admin.viewer, column.id, flow.id);
    await expectAppError(deleteFlow(admin.viewer, flow.id), 'conflict', { form: 'flow_in_use' });
    await createSubmittedStory({ columnId: column.id });
    await setColumnFlow(admin.viewer, column.id, null);
    await expectAppError(deleteFlow(admin.viewer, flow.id), 'conflict', { form: 'flow_has_stories' });
    // Even once the flow has a newer version the story does not follow.
    await updateFlow(admin.viewer, flow.id, 1, { name: flow.name, stages: [stage('初审'), stage('终审')] });
    await expectAppError(deleteFlow(admin.viewer, flow.id), 'conflict', { form: 'flow_has_stories' });
    expect(await versionRows(flow.id)).toHaveLength(2);
    expect(await auditOf('flow.delete', flow.id)).toEqual([]);
  });
});

describe('who may', () => {
  test('an editor and an administrator without the system duty may do none of it; one with only that duty may', async () => {
    const flow = await createFlow(admin.viewer, { name: flowName(), stages: [stage('审核')] });
    const column = await createColumn();
    const editor = await createEditor();
    const security = await createAdmin({ adminDuties: ['security'] });
    const audit = await createAdmin({ adminDuties: ['audit'] });
    for (const who of [editor, security, audit]) {
      await expectAppError(listFlows(who.viewer), 'forbidden');
      await expectAppError(listFlowChoices(who.viewer), 'forbidden');
      await expectAppError(createFlow(who.viewer, { name: flowName(), stages: [stage('审核')] }), 'forbidden');
      await expectAppError(updateFlow(who.viewer, flow.id, 1, { name: flowName(), stages: [stage('审核')] }), 'forbidden');
      await expectAppError(setDefaultFlow(who.viewer, flow.id), 'forbidden');
      await expectAppError(setColumnFlow(who.viewer, column.id, flow.id), 'forbidden');
      await expectAppError(deleteFlow(who.viewer, flow.id), 'forbidden');
    }
    const system = await createAdmin({ adminDuties: ['system'] });
    await updateFlow(system.viewer, flow.id, 1, { name: flowName(), stages: [stage('审核'), stage('签发')] });
    await setColumnFlow(system.viewer, column.id, flow.id);
    expect((await flowOf(flow.id)).version.number).toBe(2);
  });

  test('a refusal changes nothing and writes no audit row', async () => {
    const editor = await createEditor();
    const db = await getDb();
    const [before] = await db.select({ n: count() }).from(auditLog).where(inArray(auditLog.action, ['flow.create', 'flow.update', 'flow.default', 'flow.delete', 'column.flow']));
    await expectAppError(createFlow(editor.viewer, { name: flowName(), stages: [stage('审核')] }), 'forbidden');
    await expectAppError(createFlow(admin.viewer, { name: flowName(), stages: [stage('')] }), 'validation');
    const [after] = await db.select({ n: count() }).from(auditLog).where(inArray(auditLog.action, ['flow.create', 'flow.update', 'flow.default', 'flow.delete', 'column.flow']));
    expect(after!.n).toBe(before!.n);
  });
});
