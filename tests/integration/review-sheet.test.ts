import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, reviewFlows, reviewFlowVersions, siteColumns, stageDecisions, stories, storyEvents, type StageDecisionKind, type Story } from '@/db/schema';
import { systemActor } from '@/lib/actors';
import { isAppError } from '@/lib/errors';
import { exportReviewSheets, getReviewSheet, reviewSheetTable } from '@/lib/review-sheet';
import { getSiteSettings } from '@/lib/settings';
import { approveStory, claimStory, createStory, getVisibleStory, listStoryTimeline, publishStory, recordLeaderApproval, saveStory, sendBackStory, submitStory } from '@/lib/stories';
import { toXlsx } from '@/lib/stats/export';
import { createUser } from '@/lib/users';
import type { Viewer } from '@/lib/viewer';
import { createColumn, createCorrespondent, createEditor, createUnit, expectAppError, STORY_BODY_HTML, uniqueIp, uniqueToken, uniqueUsername, type TestUser } from '../support/factories';

// The 稿件审查单 (lib/review-sheet.ts) and 代录 (lib/stories/leader-approval.ts)
// on PostgreSQL: a story through a three-stage flow, decided through the
// review desk's lib/, and what the sheet and its export make of it.

const STAGES = [
  { name: '初审', holders: 'desk' },
  { name: '复审', holders: 'desk' },
  { name: '终审', holders: 'desk' },
];

let editorA: TestUser;
let editorB: TestUser;
let author: TestUser;
let otherApprover: Viewer;
let columnId: number;
let flowVersionId: number;

function textHash(story: Pick<Story, 'title' | 'subtitle' | 'summary' | 'bodyText'>): string {
  return createHash('sha256').update([story.title, story.subtitle, story.summary, story.bodyText].join('\n')).digest('hex');
}

async function current(id: number): Promise<Story> {
  const db = await getDb();
  const [row] = await db.select().from(stories).where(eq(stories.id, id));
  return row!;
}

// A decision as the engine writes it, on the story as it stands: for what
// no lib/ function does (a sign-off given by phone, recorded in a name).
async function decide(storyId: number, actor: TestUser, stage: number, decision: StageDecisionKind, opinion: string, recordedForName: string | null = null): Promise<void> {
  const story = await current(storyId);
  const db = await getDb();
  await db.insert(stageDecisions).values({
    storyId,
    flowVersionId,
    stage,
    stageName: STAGES[stage]!.name,
    decision,
    opinion,
    actorId: actor.id,
    recordedForName,
    storyVersion: story.version,
    textHash: textHash(story),
  });
}

// Filed through lib/: submit binds it to the three-stage flow of its column.
async function fileStory(bodyHtml = STORY_BODY_HTML): Promise<Story> {
  const draft = await createStory(author.viewer, { title: `审查单测试 ${uniqueToken()}`, subtitle: '副题', summary: '摘要', columnId, bodyHtml });
  const filed = await submitStory(author.viewer, draft.id, draft.version);
  expect(filed).toMatchObject({ flowVersionId, stage: 0 });
  return filed;
}

async function sheetFor(viewer: Viewer, id: number) {
  return getReviewSheet(viewer, await getVisibleStory(viewer, id));
}

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

beforeAll(async () => {
  const db = await getDb();
  const unit = await createUnit();
  [editorA, editorB, author] = await Promise.all([
    createEditor({ displayName: `初审编辑 ${uniqueToken()}` }),
    createEditor({ displayName: `复审编辑 ${uniqueToken()}` }),
    createCorrespondent({ unit, displayName: `通讯员 ${uniqueToken()}` }),
  ]);
  const elsewhere = await createUnit();
  const { user } = await createUser(systemActor, { username: uniqueUsername('appr'), displayName: '外单位审核员', role: 'unit_approver', unitId: elsewhere.id, password: 'Test-password-2026' });
  otherApprover = { id: user.id, username: user.username, displayName: user.displayName, role: 'unit_approver', adminDuties: [], unitId: elsewhere.id, mustChangePassword: false };
  const [flow] = await db.insert(reviewFlows).values({ name: `三审 ${uniqueToken()}` }).returning();
  const [version] = await db.insert(reviewFlowVersions).values({ flowId: flow!.id, number: 1, stages: STAGES }).returning();
  flowVersionId = version!.id;
  columnId = (await createColumn({ name: `三审栏目 ${uniqueToken()}` })).id;
  await db.update(siteColumns).set({ reviewFlowId: flow!.id }).where(eq(siteColumns.id, columnId));
});

describe('the review sheet of a story through three stages', () => {
  let story: Story;

  beforeAll(async () => {
    const body = `${STORY_BODY_HTML}<p><img src="/media/2147483000/large" alt=""></p><p><img src="/media/2147483001/large" alt=""></p>`;
    story = await fileStory(body);
    // 初审 approves; 复审 edits the text, then approves; 终审 sends it back,
    // 复审 approves again; 终审 signs it off by publishing (later, below).
    let held = await claimStory(editorA.viewer, story.id);
    held = await approveStory(editorA.viewer, story.id, held.version, { opinion: '同意，送复审。', stage: 0 });
    held = await claimStory(editorB.viewer, story.id);
    held = await saveStory(editorB.viewer, story.id, held.version, { title: held.title, subtitle: held.subtitle, summary: held.summary, byline: held.byline, columnId, bodyHtml: `${body}<p>复审补充了一段。</p>` });
    held = await approveStory(editorB.viewer, story.id, held.version, { opinion: '已改标题下的数据，同意。', stage: 1 });
    held = await claimStory(editorA.viewer, story.id);
    held = await sendBackStory(editorA.viewer, story.id, held.version, { opinion: '请核实第二段数字。', stage: 2 });
    held = await claimStory(editorB.viewer, story.id);
    await approveStory(editorB.viewer, story.id, held.version, { opinion: '已核实。', stage: 1 });
  });

  test('its particulars, counted as the statistics count them', async () => {
    const { site } = await getSiteSettings();
    const sheet = await sheetFor(editorA.viewer, story.id);
    const now = await current(story.id);
    expect(sheet).toMatchObject({
      siteName: site.name,
      storyId: story.id,
      receiptNo: story.receiptNo,
      title: story.title,
      subtitle: '副题',
      byline: `通讯员 ${author.viewer.displayName}`,
      ownerName: author.viewer.displayName,
      characters: [...now.bodyText].length,
      images: 2,
      origin: 'original',
      source: '',
      flowName: expect.stringContaining('三审'),
      publicUrl: null,
      signer: null,
    });
    expect(sheet.columnName).toContain('三审栏目');
    expect(sheet.unitName).toContain('测试单位');
    expect(sheet.reviewUrl).toMatch(new RegExp(`/review/${story.id}$`));
  });

  test('each stage with its decisions in order, and which approved a text changed since', async () => {
    const sheet = await sheetFor(editorB.viewer, story.id);
    expect(sheet.stages.map((s) => [s.name, s.isSignOff])).toEqual([
      ['初审', false],
      ['复审', false],
      ['终审', true],
    ]);
    const [first, second, last] = sheet.stages;
    expect(first!.decisions).toMatchObject([{ kind: 'approve', opinion: '同意，送复审。', actorName: editorA.viewer.displayName, recordedForName: null, textChangedSince: true }]);
    expect(second!.decisions).toMatchObject([
      { kind: 'approve', opinion: '已改标题下的数据，同意。', actorName: editorB.viewer.displayName, textChangedSince: false },
      { kind: 'approve', opinion: '已核实。', textChangedSince: false },
    ]);
    expect(last!.decisions).toMatchObject([{ kind: 'send_back', opinion: '请核实第二段数字。', actorName: editorA.viewer.displayName }]);
    expect(sheet.earlier).toEqual([]);
    expect(first!.decisions[0]!.createdAt.getTime()).toBeLessThanOrEqual(second!.decisions[0]!.createdAt.getTime());
  });

  test('代录: an editor records the unit leader’s approval, and the sheet prints it as recorded', async () => {
    const before = await current(story.id);
    await expectAppError(recordLeaderApproval(editorA.viewer, story.id, before.version, { leaderName: ' ', note: '' }), 'validation', { leaderName: 'required', note: 'required' });
    await expectAppError(recordLeaderApproval(editorA.viewer, story.id, before.version, { leaderName: '张'.repeat(41), note: '电话' }), 'validation', { leaderName: 'too_long' });
    await expectAppError(recordLeaderApproval(editorA.viewer, story.id, before.version - 1, { leaderName: '张局长', note: '电话确认' }), 'conflict');
    await expectAppError(recordLeaderApproval(author.viewer, story.id, before.version, { leaderName: '张局长', note: '电话确认' }), 'forbidden');

    const ip = uniqueIp();
    const updated = await recordLeaderApproval({ ...editorA.viewer, ip }, story.id, before.version, { leaderName: ' 张局长 ', note: '3月5日电话确认同意发布' });
    expect(updated).toMatchObject({ version: before.version + 1, unitLeaderName: '张局长', unitLeaderRecordedById: editorA.id, unitLeaderNote: '3月5日电话确认同意发布', status: before.status });
    // The same request again (a lost answer) is already done.
    expect((await recordLeaderApproval(editorA.viewer, story.id, before.version, { leaderName: '张局长', note: '3月5日电话确认同意发布' })).version).toBe(updated.version);

    const sheet = await sheetFor(editorB.viewer, story.id);
    expect(sheet.secrecy).toMatchObject({ leaderName: '张局长', recordedBy: { name: editorA.viewer.displayName, note: '3月5日电话确认同意发布' }, unitApproval: null });

    const db = await getDb();
    const [event] = await db.select().from(storyEvents).where(and(eq(storyEvents.storyId, story.id), eq(storyEvents.action, 'leader_approval_recorded'))).orderBy(desc(storyEvents.id));
    expect(event).toMatchObject({ actorId: editorA.id, note: null, fromStatus: before.status, toStatus: before.status, meta: { leaderName: '张局长', note: '3月5日电话确认同意发布', ip } });
    // The correspondent's timeline names the act, not the desk's note.
    const timeline = await listStoryTimeline(author.viewer, await getVisibleStory(author.viewer, story.id));
    const entry = timeline.find((e) => e.action === 'leader_approval_recorded');
    expect(entry).toMatchObject({ note: null, actorName: editorA.viewer.displayName });
    expect(JSON.stringify(timeline)).not.toContain('电话确认');
  });

  test('once signed off: the signer, the time and the public address', async () => {
    let held = await claimStory(editorA.viewer, story.id);
    held = await publishStory(editorA.viewer, story.id, held.version, { columnId, byline: held.byline, source: '', opinion: '同意签发。' });
    const sheet = await sheetFor(editorA.viewer, story.id);
    expect(sheet.signer).toMatchObject({ name: editorA.viewer.displayName, recordedBy: null });
    expect(sheet.stages[2]!.decisions).toMatchObject([{ kind: 'send_back' }, { kind: 'sign_off', opinion: '同意签发。', actorName: editorA.viewer.displayName, textChangedSince: false }]);
    expect(sheet.publishedAt?.getTime()).toBe(held.publishedAt!.getTime());
    expect(sheet.publicUrl).toMatch(new RegExp(`/articles/${story.id}$`));
    // 代录 is for stories before the desk only.
    await expectAppError(recordLeaderApproval(editorA.viewer, story.id, held.version, { leaderName: '李局长', note: '补录' }), 'invalid_transition');
  });

  test('is the desk’s alone: the correspondent and another unit’s approver are refused', async () => {
    await expectAppError(sheetFor(author.viewer, story.id), 'forbidden');
    let caught: unknown;
    try {
      await sheetFor(otherApprover, story.id);
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && ['not_found', 'forbidden'].includes(caught.code)).toBe(true);
    await expectAppError(exportReviewSheets(author.viewer, { from: today(), to: today() }), 'forbidden');
    await expectAppError(exportReviewSheets(otherApprover, { from: today(), to: today() }), 'forbidden');
    await expectAppError(recordLeaderApproval(otherApprover, story.id, 1, { leaderName: '张局长', note: '电话' }), 'forbidden');
  });

  test('a 代录 sign-off prints the leader as signer, recorded by the editor; a reprint names its source', async () => {
    const other = await fileStory();
    const db = await getDb();
    await db.update(stories).set({ source: '人民法院报' }).where(eq(stories.id, other.id));
    await decide(other.id, editorA, 2, 'sign_off', '同意签发。', '王总编');
    const sheet = await sheetFor(editorA.viewer, other.id);
    expect(sheet.signer).toMatchObject({ name: '王总编', recordedBy: editorA.viewer.displayName });
    expect(sheet.stages[2]!.decisions).toMatchObject([{ kind: 'sign_off', actorName: editorA.viewer.displayName, recordedForName: '王总编' }]);
    expect(sheet).toMatchObject({ origin: 'reprint', source: '人民法院报' });
  });

  test('the export: one row per story filed or published in the period, each stage in its columns, audited', async () => {
    const ip = uniqueIp();
    await expectAppError(exportReviewSheets(editorA.viewer, { from: '2026-13-01', to: today() }), 'validation', { form: 'range_invalid_date' });
    await expectAppError(exportReviewSheets(editorA.viewer, { from: today(), to: '2020-01-01' }), 'validation', { form: 'range_reversed' });
    const exported = await exportReviewSheets({ ...editorA.viewer, ip }, { from: today(), to: today() });
    const mine = exported.sheets.find((s) => s.storyId === story.id)!;
    expect(mine).toBeDefined();
    expect(exported.maxStages).toBeGreaterThanOrEqual(3);
    expect(mine.stages[1]!.decisions).toHaveLength(2);

    // The words as keys, with what each would say.
    const labels = (key: string, values?: Record<string, string | number>) => (values ? `${key}${JSON.stringify(values)}` : key);
    const table = reviewSheetTable(exported, labels);
    const row = table.rows.find((r) => r.receiptNo === story.receiptNo)!;
    expect(row).toMatchObject({
      title: story.title,
      origin: 'origin.original',
      leaderName: '张局长',
      leaderRecordedBy: editorA.viewer.displayName,
      leaderNote: '3月5日电话确认同意发布',
      stage1Name: '初审',
      stage1Opinion: '同意，送复审。 (textChangedSince)',
      stage1Reviewer: editorA.viewer.displayName,
      stage3Name: '终审',
      signer: editorA.viewer.displayName,
    });
    expect(row.stage2Opinion).toBe('已改标题下的数据，同意。\n已核实。');
    expect(row.stage3Opinion).toBe('[decisions.send_back] 请核实第二段数字。\n[decisions.sign_off] 同意签发。');
    expect(String(row.stage1Time)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(String(row.url)).toMatch(new RegExp(`/articles/${story.id}$`));

    // And as the file the route sends.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx([table])) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('columns.stageOpinion{"n":1}');
    const titles = sheet.getColumn(header.indexOf('columns.title') + 1).values;
    expect(titles).toContain(story.title);

    const db = await getDb();
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'review.sheet_export'), eq(auditLog.actorId, editorA.id))).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ ip, meta: { from: today(), to: today(), format: 'xlsx', rows: exported.sheets.length } });
  });
});
