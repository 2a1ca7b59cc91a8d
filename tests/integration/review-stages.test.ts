import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { notifications, reviewFlows, reviewFlowVersions, siteColumns, stageDecisions, stories, storyEvents, users, type Story } from '@/db/schema';
import type { StageDef } from '@/lib/review-flows/stages';
import { approveStory, claimStory, createStory, getStory, publishStory, rejectStory, restartStoryFlow, returnStory, saveStory, sendBackStory, submitStory, unpublishStory, withdrawStory } from '@/lib/stories';
import { isAppError } from '@/lib/errors';
import { writeSettingsGroup } from '@/lib/settings/internal/write';
import { clearSettingsCache } from '@/lib/settings';
import {
  createAdmin,
  createColumn,
  createCorrespondent,
  createEditor,
  createUnit,
  createUnitApprover,
  expectAppError,
  STORY_BODY_HTML,
  uniqueToken,
  type TestUser,
} from '../support/factories';

// Review in stages (三审) through lib/ on PostgreSQL: a story is bound to the
// flow version of its first submit and moves stage by stage; only the people
// a stage names act there, only the last stage publishes, and every decision
// is a row of its own.

type Flow = { flowId: number; versionId: number; columnId: number };

async function makeFlow(stages: Partial<StageDef>[], columnId?: number): Promise<Flow> {
  const db = await getDb();
  const [flow] = await db.insert(reviewFlows).values({ name: `三审-${uniqueToken()}` }).returning();
  const full = stages.map((s) => ({ holders: 'desk', userIds: [], columnIds: null, opinionRequired: false, ...s }));
  const [version] = await db.insert(reviewFlowVersions).values({ flowId: flow!.id, number: 1, stages: full }).returning();
  const column = columnId ?? (await createColumn()).id;
  await db.update(siteColumns).set({ reviewFlowId: flow!.id }).where(eq(siteColumns.id, column));
  return { flowId: flow!.id, versionId: version!.id, columnId: column };
}

async function file(author: TestUser, columnId: number): Promise<Story> {
  const draft = await createStory(author.viewer, { title: `分级审核 ${uniqueToken()}`, columnId, bodyHtml: STORY_BODY_HTML });
  return submitStory(author.viewer, draft.id, draft.version);
}

async function decisions(storyId: number) {
  const db = await getDb();
  return db.select().from(stageDecisions).where(eq(stageDecisions.storyId, storyId)).orderBy(asc(stageDecisions.id));
}

let first: TestUser; // 初审: any editor
let head: TestUser; // 复审: the department head
let chief: TestUser; // 终审 (签发): the editor-in-chief
let other: TestUser;
let author: TestUser;
let flow: Flow;

beforeAll(async () => {
  [first, head, chief, other] = await Promise.all([
    createEditor({ displayName: `初审编辑 ${uniqueToken()}` }),
    createEditor({ displayName: `部门主任 ${uniqueToken()}` }),
    createEditor({ displayName: `总编辑 ${uniqueToken()}` }),
    createEditor(),
  ]);
  author = await createCorrespondent();
  flow = await makeFlow([
    { name: '初审', holders: 'desk' },
    { name: '复审', holders: 'named', userIds: [head.id] },
    { name: '终审', holders: 'named', userIds: [chief.id], opinionRequired: true },
  ]);
});

describe('a three-stage flow', () => {
  test('first submit binds the flow version at stage 0; each stage approves to the next; only the last signs off', async () => {
    let story = await file(author, flow.columnId);
    expect(story).toMatchObject({ status: 'submitted', flowVersionId: flow.versionId, stage: 0 });

    story = await claimStory(first.viewer, story.id);
    // Not the last stage: no publishing from here.
    await expectAppError(publishStory(first.viewer, story.id, story.version, { columnId: flow.columnId, byline: '通讯员' }), 'invalid_transition');
    story = await approveStory(first.viewer, story.id, story.version, { opinion: '事实清楚，同意报复审。', stage: 0 });
    expect(story).toMatchObject({ status: 'submitted', stage: 1, assigneeId: null });

    // 复审 is the department head's alone.
    await expectAppError(claimStory(first.viewer, story.id), 'invalid_transition');
    await expectAppError(claimStory(other.viewer, story.id), 'invalid_transition');
    story = await claimStory(head.viewer, story.id);
    story = await approveStory(head.viewer, story.id, story.version, { opinion: '同意。', stage: 1 });
    expect(story).toMatchObject({ status: 'submitted', stage: 2 });

    story = await claimStory(chief.viewer, story.id);
    // The last stage cannot approve onward, and its sign-off needs an opinion here.
    await expectAppError(approveStory(chief.viewer, story.id, story.version, { opinion: '同意', stage: 2 }), 'invalid_transition');
    await expectAppError(publishStory(chief.viewer, story.id, story.version, { columnId: flow.columnId, byline: '通讯员', stage: 2 }), 'validation', { opinion: 'required' });
    story = await publishStory(chief.viewer, story.id, story.version, { columnId: flow.columnId, byline: '通讯员', opinion: '同意签发。', stage: 2 });
    expect(story).toMatchObject({ status: 'published', stage: null });
    // The public 编辑 is the responsible editor: who approved at 初审; 审核
    // and 签发 are fixed at the sign-off.
    expect(story).toMatchObject({ editorName: first.viewer.displayName, reviewerNames: head.viewer.displayName, signerName: chief.viewer.displayName });

    const rows = await decisions(story.id);
    expect(rows.map((r) => [r.stage, r.stageName, r.decision, r.actorId, r.opinion])).toEqual([
      [0, '初审', 'approve', first.id, '事实清楚，同意报复审。'],
      [1, '复审', 'approve', head.id, '同意。'],
      [2, '终审', 'sign_off', chief.id, '同意签发。'],
    ]);
    expect(rows.every((r) => r.flowVersionId === flow.versionId && /^[0-9a-f]{64}$/.test(r.textHash))).toBe(true);

    // The timeline names each stage passed, without the opinions.
    const db = await getDb();
    const events = await db.select().from(storyEvents).where(eq(storyEvents.storyId, story.id)).orderBy(asc(storyEvents.id));
    const approvals = events.filter((e) => e.action === 'approve');
    expect(approvals.map((e) => e.meta)).toEqual([expect.objectContaining({ stage: 0, stageName: '初审', toStageName: '复审' }), expect.objectContaining({ stage: 1, stageName: '复审', toStageName: '终审' })]);
    expect(events.some((e) => (e.note ?? '').includes('同意'))).toBe(false);
  });

  test('the people of the next stage are told it waits for them', async () => {
    let story = await file(author, flow.columnId);
    story = await claimStory(first.viewer, story.id);
    await approveStory(first.viewer, story.id, story.version, {});
    const db = await getDb();
    const told = await db.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.storyId, story.id), eq(notifications.kind, 'story_stage_waiting')));
    expect(told.map((r) => r.userId)).toEqual([head.id]);
  });

  test('send back goes to the previous stage with a reason; the correspondent can no longer withdraw', async () => {
    let story = await file(author, flow.columnId);
    story = await claimStory(first.viewer, story.id);
    story = await approveStory(first.viewer, story.id, story.version, {});
    story = await claimStory(head.viewer, story.id);
    await expectAppError(sendBackStory(head.viewer, story.id, story.version, { opinion: '' }), 'validation', { opinion: 'required' });
    story = await sendBackStory(head.viewer, story.id, story.version, { opinion: '请核实数字。', stage: 1 });
    expect(story).toMatchObject({ status: 'submitted', stage: 0, assigneeId: null });
    // A decision was taken: withdrawing is over.
    await expectAppError(withdrawStory(author.viewer, story.id, story.version), 'invalid_transition');
    // 初审 cannot send back further.
    story = await claimStory(first.viewer, story.id);
    await expectAppError(sendBackStory(first.viewer, story.id, story.version, { opinion: '退' }), 'invalid_transition');
  });

  test('a story returned at 复审 goes back to 复审 and to who returned it when resubmitted', async () => {
    let story = await file(author, flow.columnId);
    story = await claimStory(first.viewer, story.id);
    story = await approveStory(first.viewer, story.id, story.version, {});
    story = await claimStory(head.viewer, story.id);
    story = await returnStory(head.viewer, story.id, story.version, '请补充会议时间。');
    expect(story).toMatchObject({ status: 'changes_requested', stage: 1, returnedById: head.id });
    story = await saveStory(author.viewer, story.id, story.version, { title: story.title, columnId: flow.columnId, bodyHtml: `${STORY_BODY_HTML}<p>会议于上午九时召开。</p>` });
    story = await submitStory(author.viewer, story.id, story.version);
    expect(story).toMatchObject({ status: 'submitted', stage: 1 });
    const db = await getDb();
    const told = await db.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.storyId, story.id), eq(notifications.kind, 'story_resubmitted')));
    expect(told.map((r) => r.userId)).toEqual([head.id]);
    // The 初审 approval was taken on the earlier text: it shows as changed.
    const [approval] = await decisions(story.id);
    const current = await getStory(head.viewer, story.id);
    expect(approval!.storyVersion).toBeLessThan(current.version);
  });

  test('a decision for another stage, or on a stale version, is a conflict', async () => {
    let story = await file(author, flow.columnId);
    story = await claimStory(first.viewer, story.id);
    await expectAppError(approveStory(first.viewer, story.id, story.version, { stage: 1 }), 'conflict');
    await expectAppError(approveStory(first.viewer, story.id, story.version - 1, { stage: 0 }), 'conflict');
    story = await approveStory(first.viewer, story.id, story.version, { stage: 0 });
    // Replayed: the story moved on.
    await expectAppError(approveStory(first.viewer, story.id, story.version - 1, { stage: 0 }), 'conflict');
  });

  test('two reviewers claiming at one stage: one wins, the other is told who', async () => {
    const second = await createEditor({ displayName: `第二编辑 ${uniqueToken()}` });
    const story = await file(author, flow.columnId);
    const results = await Promise.allSettled([claimStory(first.viewer, story.id), claimStory(second.viewer, story.id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(isAppError(lost.reason) && lost.reason.code).toBe('claimed');
  });

  test('reject ends it at any stage, as a decision', async () => {
    let story = await file(author, flow.columnId);
    story = await claimStory(first.viewer, story.id);
    story = await approveStory(first.viewer, story.id, story.version, {});
    story = await rejectStory(head.viewer, story.id, story.version, '与已发稿件重复。');
    expect(story).toMatchObject({ status: 'rejected', stage: null });
    expect((await decisions(story.id)).map((r) => r.decision)).toEqual(['approve', 'reject']);
  });
});

describe('代录 of the sign-off', () => {
  test("a sign-off given by phone is recorded in the leader's name by the signer", async () => {
    let story = await file(author, flow.columnId);
    story = await claimStory(first.viewer, story.id);
    story = await approveStory(first.viewer, story.id, story.version, {});
    story = await claimStory(head.viewer, story.id);
    story = await approveStory(head.viewer, story.id, story.version, {});
    story = await claimStory(chief.viewer, story.id);
    await expectAppError(publishStory(chief.viewer, story.id, story.version, { columnId: flow.columnId, byline: '通讯员', opinion: '同意', signedForName: '长'.repeat(41) }), 'validation', { signedForName: 'too_long' });
    story = await publishStory(chief.viewer, story.id, story.version, { columnId: flow.columnId, byline: '通讯员', opinion: '电话同意签发。', signedForName: ' 王总编 ' });
    const signOff = (await decisions(story.id)).at(-1)!;
    expect(signOff).toMatchObject({ decision: 'sign_off', actorId: chief.id, recordedForName: '王总编', opinion: '电话同意签发。' });
    // The page's 签发 is the leader who signed it off.
    expect(story.signerName).toBe('王总编');
  });
});

describe("the names on the article's meta line", () => {
  test('a stage approved again after a return names who approved last; unpublished and published again, the names stay', async () => {
    const second = await createEditor({ displayName: `副主任 ${uniqueToken()}` });
    const wide = await makeFlow([
      { name: '初审', holders: 'desk' },
      { name: '复审', holders: 'named', userIds: [head.id, second.id] },
      { name: '终审', holders: 'named', userIds: [chief.id] },
    ]);
    let story = await file(author, wide.columnId);
    story = await claimStory(first.viewer, story.id);
    story = await approveStory(first.viewer, story.id, story.version, {});
    story = await claimStory(head.viewer, story.id);
    story = await approveStory(head.viewer, story.id, story.version, {});
    story = await claimStory(chief.viewer, story.id);
    story = await sendBackStory(chief.viewer, story.id, story.version, { opinion: '请复核数字。', stage: 2 });
    story = await claimStory(second.viewer, story.id);
    story = await approveStory(second.viewer, story.id, story.version, {});
    story = await claimStory(chief.viewer, story.id);
    story = await publishStory(chief.viewer, story.id, story.version, { columnId: wide.columnId, byline: '通讯员', editorName: '责任编辑甲', stage: 2 });
    expect(story).toMatchObject({ editorName: '责任编辑甲', reviewerNames: second.viewer.displayName, signerName: chief.viewer.displayName });

    story = await unpublishStory(other.viewer, story.id, story.version, '待核实。');
    story = await publishStory(other.viewer, story.id, story.version, { columnId: wide.columnId, byline: '通讯员', editorName: '责任编辑甲' });
    expect(story).toMatchObject({ status: 'published', reviewerNames: second.viewer.displayName, signerName: chief.viewer.displayName });
  });

  test('a one-stage flow names its publisher as editor and signer, and no reviewer; a unit stage names nobody', async () => {
    const single = await makeFlow([{ name: '审核', holders: 'desk' }]);
    let story = await file(author, single.columnId);
    story = await claimStory(other.viewer, story.id);
    story = await publishStory(other.viewer, story.id, story.version, { columnId: single.columnId, byline: '通讯员' });
    expect(story).toMatchObject({ editorName: other.viewer.displayName, reviewerNames: '', signerName: other.viewer.displayName });

    const unit = await createUnit();
    const [approver, correspondent] = await Promise.all([createUnitApprover({ unit }), createCorrespondent({ unit })]);
    const local = await makeFlow([{ name: '单位审核', holders: 'unit' }, { name: '初审', holders: 'desk' }, { name: '终审', holders: 'named', userIds: [chief.id] }]);
    story = await file(correspondent, local.columnId);
    story = await claimStory(approver.viewer, story.id);
    story = await approveStory(approver.viewer, story.id, story.version, {});
    story = await claimStory(first.viewer, story.id);
    story = await approveStory(first.viewer, story.id, story.version, {});
    story = await claimStory(chief.viewer, story.id);
    story = await publishStory(chief.viewer, story.id, story.version, { columnId: local.columnId, byline: '通讯员', stage: 2 });
    expect(story).toMatchObject({ editorName: first.viewer.displayName, reviewerNames: '', signerName: chief.viewer.displayName });
  });
});

describe('flows change without touching stories in flight', () => {
  test('a new version applies to new submissions; a story keeps the version of its first submit', async () => {
    const local = await makeFlow([{ name: '初审' }, { name: '终审', holders: 'named', userIds: [chief.id] }]);
    const before = await file(author, local.columnId);
    const db = await getDb();
    const [v2] = await db
      .insert(reviewFlowVersions)
      .values({ flowId: local.flowId, number: 2, stages: [{ name: '审核', holders: 'desk', userIds: [], columnIds: null, opinionRequired: false }] })
      .returning();
    const after = await file(author, local.columnId);
    expect(after.flowVersionId).toBe(v2!.id);
    expect(before.flowVersionId).toBe(local.versionId);
    // The old one still has its two stages: 初审 does not publish.
    const claimed = await claimStory(first.viewer, before.id);
    await expectAppError(publishStory(first.viewer, before.id, claimed.version, { columnId: local.columnId, byline: '通讯员' }), 'invalid_transition');
    // The new one is a single stage: the desk publishes.
    const claimedNew = await claimStory(first.viewer, after.id);
    const published = await publishStory(first.viewer, after.id, claimedNew.version, { columnId: local.columnId, byline: '通讯员' });
    expect(published.status).toBe('published');
  });
});

describe('restarting a story at the first stage', () => {
  test("an administrator restarts it under its column's new flow; the desk may not; the decisions stay", async () => {
    const local = await makeFlow([{ name: '初审' }, { name: '终审', holders: 'named', userIds: [chief.id] }]);
    let story = await file(author, local.columnId);
    story = await claimStory(first.viewer, story.id);
    story = await approveStory(first.viewer, story.id, story.version, {});
    const next = await makeFlow([{ name: '审核' }]);
    const db = await getDb();
    await db.update(siteColumns).set({ reviewFlowId: next.flowId }).where(eq(siteColumns.id, local.columnId));
    await expectAppError(restartStoryFlow(first.viewer, story.id, story.version, '栏目调整'), 'forbidden');
    const admin = await createAdmin();
    await expectAppError(restartStoryFlow(admin.viewer, story.id, story.version, ''), 'validation', { reason: 'required' });
    story = await restartStoryFlow(admin.viewer, story.id, story.version, '栏目调整，按新流程审核。');
    expect(story).toMatchObject({ status: 'submitted', flowVersionId: next.versionId, stage: 0, assigneeId: null });
    expect((await decisions(story.id)).map((d) => d.stageName)).toEqual(['初审']);
    const [event] = await db.select().from(storyEvents).where(and(eq(storyEvents.storyId, story.id), eq(storyEvents.action, 'restart_flow')));
    expect(event).toMatchObject({ actorId: admin.id, note: '栏目调整，按新流程审核。' });
  });
});

describe('unit pre-approval and scoped reviewers', () => {
  test('a unit approver acts at the unit stage on their own unit only, and sees no other unit', async () => {
    const unit = await createUnit();
    const elsewhere = await createUnit();
    const [approver, stranger] = await Promise.all([createUnitApprover({ unit }), createUnitApprover({ unit: elsewhere })]);
    const correspondent = await createCorrespondent({ unit });
    const local = await makeFlow([{ name: '单位审核', holders: 'unit' }, { name: '终审', holders: 'desk' }]);
    let story = await file(correspondent, local.columnId);

    await expectAppError(getStory(stranger.viewer, story.id), 'not_found');
    await expectAppError(claimStory(stranger.viewer, story.id), 'not_found');
    // The desk waits for the unit.
    await expectAppError(claimStory(first.viewer, story.id), 'invalid_transition');

    story = await claimStory(approver.viewer, story.id);
    // A unit approver never publishes nor edits.
    await expectAppError(publishStory(approver.viewer, story.id, story.version, { columnId: local.columnId, byline: '通讯员' }), 'forbidden');
    await expectAppError(saveStory(approver.viewer, story.id, story.version, { title: '改', columnId: local.columnId, bodyHtml: STORY_BODY_HTML }), 'invalid_transition');
    story = await approveStory(approver.viewer, story.id, story.version, { opinion: '经单位领导审核，同意报送。' });
    expect(story).toMatchObject({ status: 'submitted', stage: 1 });
    // Past its stage the approver still sees it, and can no longer act.
    expect((await getStory(approver.viewer, story.id)).id).toBe(story.id);
    await expectAppError(claimStory(approver.viewer, story.id), 'invalid_transition');

    story = await claimStory(first.viewer, story.id);
    story = await publishStory(first.viewer, story.id, story.version, { columnId: local.columnId, byline: '通讯员' });
    expect(story.status).toBe('published');
  });

  test('an editor scoped to columns sees and acts on those columns only', async () => {
    const [inside, outside] = await Promise.all([createColumn(), createColumn()]);
    const scoped = await createEditor();
    const db = await getDb();
    await db.update(users).set({ columnIds: [inside.id] }).where(eq(users.id, scoped.id));
    const viewer = { ...scoped.viewer, columnIds: [inside.id] };
    const mine = await file(author, inside.id);
    const theirs = await file(author, outside.id);
    expect((await claimStory(viewer, mine.id)).assigneeId).toBe(scoped.id);
    await expectAppError(getStory(viewer, theirs.id), 'not_found');
    await expectAppError(claimStory(viewer, theirs.id), 'not_found');
  });
});

describe('stories in flight keep working', () => {
  test('decisions are append-only', async () => {
    let story = await file(author, flow.columnId);
    story = await claimStory(first.viewer, story.id);
    await approveStory(first.viewer, story.id, story.version, { opinion: '同意' });
    const db = await getDb();
    await expect(db.update(stageDecisions).set({ opinion: '改过' }).where(eq(stageDecisions.storyId, story.id))).rejects.toThrow();
    await expect(db.delete(stageDecisions).where(eq(stageDecisions.storyId, story.id))).rejects.toThrow();
    const [row] = await db.select({ stage: stories.stage }).from(stories).where(eq(stories.id, story.id));
    expect(row!.stage).toBe(1);
  });
});

describe('保密审查 at submit', () => {
  async function secrecyCheck(on: boolean) {
    await writeSettingsGroup(await getDb(), 'review', { secrecyCheck: on }, null);
    clearSettingsCache();
  }

  test('with the setting on, a submit needs the confirmation and the approving leader, both recorded', async () => {
    await secrecyCheck(true);
    try {
      const draft = await createStory(author.viewer, { title: `保密审查 ${uniqueToken()}`, columnId: flow.columnId, bodyHtml: STORY_BODY_HTML });
      await expectAppError(submitStory(author.viewer, draft.id, draft.version), 'validation', { secrecyConfirmed: 'secrecy_required', unitLeaderName: 'required' });
      await expectAppError(submitStory(author.viewer, draft.id, draft.version, { secrecyConfirmed: true }), 'validation', { unitLeaderName: 'required' });
      const filed = await submitStory(author.viewer, draft.id, draft.version, { secrecyConfirmed: true, unitLeaderName: '  张局长 ' });
      expect(filed.secrecyConfirmedAt).toBeInstanceOf(Date);
      expect(filed.unitLeaderName).toBe('张局长');
    } finally {
      await secrecyCheck(false);
    }
  });

  test("a flow that starts with the unit's own approval needs no typed leader", async () => {
    const local = await makeFlow([{ name: '单位审核', holders: 'unit' }, { name: '终审' }]);
    await secrecyCheck(true);
    try {
      const draft = await createStory(author.viewer, { title: `单位审核 ${uniqueToken()}`, columnId: local.columnId, bodyHtml: STORY_BODY_HTML });
      const filed = await submitStory(author.viewer, draft.id, draft.version, { secrecyConfirmed: 'on' });
      expect(filed).toMatchObject({ status: 'submitted', unitLeaderName: '' });
    } finally {
      await secrecyCheck(false);
    }
  });

  test('off (the default), a submit is as before', async () => {
    const story = await file(author, flow.columnId);
    expect(story).toMatchObject({ status: 'submitted', secrecyConfirmedAt: null });
  });
});
