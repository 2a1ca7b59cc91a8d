import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { notifications, reviewFlows, reviewFlowVersions, siteColumns, stageVisits, storyEvents, type Story } from '@/db/schema';
import type { StageDef } from '@/lib/review-flows/stages';
import { listReviewStories, parseQueueFilters } from '@/lib/review-queue';
import { getSiteSettings } from '@/lib/settings';
import { resolveRange } from '@/lib/stats/range';
import { getStageStats } from '@/lib/stats/stages';
import { approveStory, assignStory, claimStory, getStageClock, getVisibleStory, publishStory, releaseStory, returnStory, sendBackStory, submitStory, unassignStory } from '@/lib/stories';
import { notifyStageDeadlines } from '@/lib/stories/deadline-notices';
import { toZonedInputValue } from '@/lib/zoned-time';
import { createAdmin, createColumn, createCorrespondent, createEditor, createSubmittedStory, expectAppError, STORY_BODY_HTML, uniqueToken, type TestUser } from '../support/factories';
import { createReviewFlow, createStoryWithHistory } from '../support/stage-history';

// Review deadlines and assignment through lib/ on PostgreSQL: each stay at a
// stage gets its clock and due time, the deadline job tells reviewers and
// supervisors once per stay however many instances run it, assignment follows
// the stage's rules and ends with the stay, and /stats counts what is overdue.

const HOUR = 3_600_000;

type Flow = { versionId: number; columnId: number };

async function makeFlow(stages: Partial<StageDef>[]): Promise<Flow> {
  const db = await getDb();
  const [flow] = await db.insert(reviewFlows).values({ name: `时限-${uniqueToken()}` }).returning();
  const full = stages.map((s) => ({ holders: 'desk', userIds: [], columnIds: null, opinionRequired: false, limitHours: null, supervisorIds: [], ...s }));
  const [version] = await db.insert(reviewFlowVersions).values({ flowId: flow!.id, number: 1, stages: full }).returning();
  const column = await createColumn();
  await db.update(siteColumns).set({ reviewFlowId: flow!.id }).where(eq(siteColumns.id, column.id));
  return { versionId: version!.id, columnId: column.id };
}

async function file(author: TestUser, columnId: number): Promise<Story> {
  return (await createSubmittedStory({ author, columnId, title: `时限稿件 ${uniqueToken()}` })).story;
}

async function visitsOf(storyId: number) {
  const db = await getDb();
  return db.select().from(stageVisits).where(eq(stageVisits.storyId, storyId)).orderBy(asc(stageVisits.id));
}

async function noticesOf(storyId: number, kind: string) {
  const db = await getDb();
  const rows = await db.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.storyId, storyId), eq(notifications.kind, kind)));
  return rows.map((r) => r.userId).sort((a, b) => a - b);
}

async function eventsOf(storyId: number, actions: string[]) {
  const db = await getDb();
  return db.select().from(storyEvents).where(and(eq(storyEvents.storyId, storyId), inArray(storyEvents.action, actions))).orderBy(asc(storyEvents.id));
}

// Moves a story's open stay back in time, as if it had entered `hoursAgo` ago.
async function backdate(storyId: number, hoursAgo: number, limitHours: number) {
  const db = await getDb();
  const enteredAt = new Date(Date.now() - hoursAgo * HOUR);
  await db
    .update(stageVisits)
    .set({ enteredAt, dueAt: new Date(enteredAt.getTime() + limitHours * HOUR), dueSoonAt: new Date(enteredAt.getTime() + limitHours * 0.8 * HOUR) })
    .where(and(eq(stageVisits.storyId, storyId), isNull(stageVisits.leftAt)));
}

let first: TestUser; // acts at 初审 (the desk)
let head: TestUser; // acts at 复审, named
let deputy: TestUser; // also named at 复审
let supervisor: TestUser; // supervises 复审, acts nowhere there
let admin: TestUser;
let author: TestUser;
let flow: Flow;

beforeAll(async () => {
  [first, head, deputy, supervisor, admin] = await Promise.all([
    createEditor({ displayName: `初审 ${uniqueToken()}` }),
    createEditor({ displayName: `主任 ${uniqueToken()}` }),
    createEditor({ displayName: `副主任 ${uniqueToken()}` }),
    createEditor({ displayName: `监督 ${uniqueToken()}` }),
    createAdmin(),
  ]);
  author = await createCorrespondent();
  flow = await makeFlow([
    { name: '初审', holders: 'desk', limitHours: 10 },
    { name: '复审', holders: 'named', userIds: [head.id, deputy.id], limitHours: 5, supervisorIds: [supervisor.id] },
    { name: '终审', holders: 'named', userIds: [head.id] },
  ]);
});

describe('the clock of a stay at a stage', () => {
  test('starts at entry with the stage limit; a claim keeps it; approve and send back start new ones; leaving closes it', async () => {
    let story = await file(author, flow.columnId);
    let [stay] = await visitsOf(story.id);
    expect(stay).toMatchObject({ stage: 0, flowVersionId: flow.versionId, leftAt: null });
    expect(stay!.dueAt!.getTime() - stay!.enteredAt.getTime()).toBe(10 * HOUR);
    expect(stay!.dueSoonAt!.getTime() - stay!.enteredAt.getTime()).toBe(8 * HOUR);

    story = await claimStory(first.viewer, story.id);
    story = await releaseStory(first.viewer, story.id);
    story = await claimStory(first.viewer, story.id);
    expect(await visitsOf(story.id)).toHaveLength(1);

    story = await approveStory(first.viewer, story.id, story.version, { opinion: '', stage: 0 });
    let visits = await visitsOf(story.id);
    expect(visits.map((v) => [v.stage, v.leftAt !== null])).toEqual([
      [0, true],
      [1, false],
    ]);
    expect(visits[1]!.dueAt!.getTime() - visits[1]!.enteredAt.getTime()).toBe(5 * HOUR);

    story = await claimStory(head.viewer, story.id);
    story = await sendBackStory(head.viewer, story.id, story.version, { opinion: '补充采访', stage: 1 });
    visits = await visitsOf(story.id);
    // Back at 初审: a new stay with a clock of its own.
    expect(visits.map((v) => [v.stage, v.leftAt !== null])).toEqual([
      [0, true],
      [1, true],
      [0, false],
    ]);
    expect(visits[2]!.enteredAt.getTime()).toBeGreaterThanOrEqual(visits[1]!.enteredAt.getTime());

    story = await claimStory(first.viewer, story.id);
    story = await returnStory(first.viewer, story.id, story.version, '请补充时间地点。');
    expect((await visitsOf(story.id)).every((v) => v.leftAt !== null)).toBe(true);
    // The resubmit comes back to 初审 with a fresh clock.
    story = await submitStory(author.viewer, story.id, story.version);
    stay = (await visitsOf(story.id)).at(-1);
    expect(stay).toMatchObject({ stage: 0, leftAt: null });
  });

  test('a stay entered by an instance whose clock ran ahead still closes, never before its entry', async () => {
    let story = await file(author, flow.columnId);
    const db = await getDb();
    const ahead = new Date(Date.now() + HOUR);
    await db.update(stageVisits).set({ enteredAt: ahead }).where(eq(stageVisits.storyId, story.id));
    story = await claimStory(first.viewer, story.id);
    await approveStory(first.viewer, story.id, story.version, { opinion: '', stage: 0 });
    const [left] = await visitsOf(story.id);
    expect(left!.leftAt).toEqual(ahead);
  });

  test('a stage without a limit has no deadline', async () => {
    const open = await makeFlow([{ name: '审核' }]);
    const story = await file(author, open.columnId);
    const [stay] = await visitsOf(story.id);
    expect(stay).toMatchObject({ dueAt: null, dueSoonAt: null });
  });
});

describe('the deadline job', () => {
  test('due soon tells those who hold the story, overdue the supervisor; once per stay with two runs racing', async () => {
    let story = await file(author, flow.columnId);
    story = await claimStory(first.viewer, story.id);
    story = await approveStory(first.viewer, story.id, story.version, { opinion: '', stage: 0 });
    // At 复审 (5 h), unclaimed: 4.5 h in is past the due-soon mark.
    await backdate(story.id, 4.5, 5);
    const runs = await Promise.all([notifyStageDeadlines(), notifyStageDeadlines()]);
    expect(runs.flatMap((r) => r.dueSoon).filter((id) => id === story.id)).toHaveLength(1);
    // Nobody holds it: everyone who may act at 复审.
    expect(await noticesOf(story.id, 'story_due_soon')).toEqual([head.id, deputy.id].sort((a, b) => a - b));
    expect(await noticesOf(story.id, 'story_overdue')).toEqual([]);

    await backdate(story.id, 6, 5);
    const again = await Promise.all([notifyStageDeadlines(), notifyStageDeadlines(), notifyStageDeadlines()]);
    expect(again.flatMap((r) => r.overdue).filter((id) => id === story.id)).toHaveLength(1);
    expect(await noticesOf(story.id, 'story_overdue')).toEqual([supervisor.id]);
    // Nothing more for this stay.
    await notifyStageDeadlines();
    expect(await noticesOf(story.id, 'story_due_soon')).toHaveLength(2);
    expect(await noticesOf(story.id, 'story_overdue')).toHaveLength(1);

    // Sent back and approved again: a new stay, told again when it runs late.
    story = await claimStory(head.viewer, story.id);
    story = await sendBackStory(head.viewer, story.id, story.version, { opinion: '再核实', stage: 1 });
    story = await claimStory(first.viewer, story.id);
    story = await approveStory(first.viewer, story.id, story.version, { opinion: '', stage: 0 });
    story = await claimStory(deputy.viewer, story.id);
    await backdate(story.id, 4.2, 5);
    await Promise.all([notifyStageDeadlines(), notifyStageDeadlines()]);
    // Claimed: only its holder hears of it this time.
    expect(await noticesOf(story.id, 'story_due_soon')).toEqual([head.id, deputy.id, deputy.id].sort((a, b) => a - b));
  });

  test('a stay first seen past due gets the overdue notice alone; a stage without a supervisor falls to the system administrators', async () => {
    const plain = await makeFlow([{ name: '初审', limitHours: 2 }, { name: '终审' }]);
    const story = await file(author, plain.columnId);
    await backdate(story.id, 3, 2);
    await notifyStageDeadlines();
    expect(await noticesOf(story.id, 'story_due_soon')).toEqual([]);
    const told = await noticesOf(story.id, 'story_overdue');
    expect(told).toContain(admin.id);
    expect(told).not.toContain(first.id);
  });
});

describe('assignment', () => {
  async function at复审(): Promise<Story> {
    let story = await file(author, flow.columnId);
    story = await claimStory(first.viewer, story.id);
    return approveStory(first.viewer, story.id, story.version, { opinion: '', stage: 0 });
  }

  test('the supervisor or a reviewer of the stage assigns to a colleague who acts there; others may not', async () => {
    const story = await at复审();
    // Not at 复审, not its supervisor.
    await expectAppError(assignStory(first.viewer, story.id, { stage: 1, assigneeId: head.id }), 'forbidden');
    await expectAppError(assignStory(author.viewer, story.id, { stage: 1, assigneeId: head.id }), 'forbidden');
    // Only those who act at 复审 may be chosen.
    await expectAppError(assignStory(supervisor.viewer, story.id, { stage: 1, assigneeId: first.id }), 'validation', { assigneeId: 'assignment_assignee_unavailable' });
    await expectAppError(assignStory(supervisor.viewer, story.id, { stage: 1, assigneeId: author.id }), 'validation', { assigneeId: 'assignment_assignee_unavailable' });
    await expectAppError(assignStory(supervisor.viewer, story.id, { stage: 1, assigneeId: '' }), 'validation', { assigneeId: 'required' });
    await expectAppError(assignStory(supervisor.viewer, story.id, { stage: 1, assigneeId: head.id, dueAt: '2001-01-01T08:00' }), 'validation', { dueAt: 'assignment_due_past' });
    await expectAppError(assignStory(supervisor.viewer, story.id, { stage: 1, assigneeId: head.id, dueAt: '明天' }), 'validation', { dueAt: 'invalid_datetime' });
    // A page that showed another stage is stale.
    await expectAppError(assignStory(supervisor.viewer, story.id, { stage: 0, assigneeId: head.id }), 'conflict', { form: 'assignment_story_moved' });

    // The due time is read in the site's zone.
    const { site } = await getSiteSettings();
    const due = new Date(Math.ceil((Date.now() + 30 * 24 * HOUR) / 60_000) * 60_000);
    await expectAppError(assignStory(supervisor.viewer, story.id, { stage: 1, assigneeId: head.id, dueAt: toZonedInputValue(new Date(Date.now() + 400 * 24 * HOUR), site.timeZone) }), 'validation', {
      dueAt: 'assignment_due_too_far',
    });
    await assignStory(supervisor.viewer, story.id, { stage: 1, assigneeId: head.id, dueAt: toZonedInputValue(due, site.timeZone) });
    const clock = await getStageClock(head.viewer, await getVisibleStory(head.viewer, story.id));
    expect(clock).toMatchObject({ stage: 1, stageName: '复审', limitHours: 5, assignee: { id: head.id }, mayAssign: true });
    expect(clock!.assignmentDueAt).toEqual(due);
    expect(clock!.colleagues.map((c) => c.id).sort((a, b) => a - b)).toEqual([head.id, deputy.id].sort((a, b) => a - b));
    expect(await noticesOf(story.id, 'story_assigned')).toEqual([head.id]);

    // A reviewer of the stage reassigns, and then unassigns.
    await assignStory(head.viewer, story.id, { stage: 1, assigneeId: deputy.id });
    expect(await noticesOf(story.id, 'story_assigned')).toEqual([head.id, deputy.id].sort((a, b) => a - b));
    // The same again changes nothing.
    await assignStory(head.viewer, story.id, { stage: 1, assigneeId: deputy.id });
    await unassignStory(deputy.viewer, story.id, { stage: 1 });
    await expectAppError(unassignStory(first.viewer, story.id, { stage: 1 }), 'forbidden');

    const events = await eventsOf(story.id, ['assign', 'unassign']);
    expect(events.map((e) => [e.action, e.actorId, (e.meta as Record<string, unknown>).assignedToId, (e.meta as Record<string, unknown>).previousAssignedToId])).toEqual([
      ['assign', supervisor.id, head.id, undefined],
      ['assign', head.id, deputy.id, head.id],
      ['unassign', deputy.id, deputy.id, undefined],
    ]);
    expect((events[0]!.meta as Record<string, unknown>).assignmentDueAt).toBe(clock!.assignmentDueAt!.toISOString());
  });

  test('the assignment ends when the story leaves the stage, on the record', async () => {
    let story = await at复审();
    await assignStory(supervisor.viewer, story.id, { stage: 1, assigneeId: deputy.id });
    story = await claimStory(head.viewer, story.id);
    story = await approveStory(head.viewer, story.id, story.version, { opinion: '同意', stage: 1 });
    const clock = await getStageClock(head.viewer, await getVisibleStory(head.viewer, story.id));
    expect(clock).toMatchObject({ stage: 2, assignee: null });
    const [ended] = await eventsOf(story.id, ['assignment_end']);
    expect(ended).toMatchObject({ actorId: head.id });
    expect(ended!.meta).toMatchObject({ stage: 1, stageName: '复审', assignedToId: deputy.id, by: 'approve' });
    // The old stage's assignment cannot be touched any more.
    await expectAppError(unassignStory(supervisor.viewer, story.id, { stage: 1 }), 'conflict');
    story = await claimStory(head.viewer, story.id);
    await publishStory(head.viewer, story.id, story.version, { columnId: flow.columnId, byline: '通讯员', stage: 2 });
    await expectAppError(assignStory(head.viewer, story.id, { stage: 2, assigneeId: head.id }), 'conflict');
  });

  test('the queue lists what is assigned to the viewer first, and as a filter', async () => {
    const older = await at复审();
    const newer = await at复审();
    await assignStory(supervisor.viewer, newer.id, { stage: 1, assigneeId: deputy.id });
    const { site } = await getSiteSettings();
    const ids = async (viewer: TestUser, params: Record<string, string> = {}) =>
      (await listReviewStories(viewer.viewer, parseQueueFilters({ tab: 'queue', column: String(flow.columnId), ...params }), site.timeZone)).rows.map((r) => r.id);
    const mine = await ids(deputy);
    expect(mine.indexOf(newer.id)).toBe(0);
    expect(mine).toContain(older.id);
    expect(await ids(deputy, { assignee: 'assigned' })).toEqual([newer.id]);
    // For anyone else the usual order: oldest first.
    const theirs = await ids(head);
    expect(theirs.indexOf(older.id)).toBeLessThan(theirs.indexOf(newer.id));
    const row = (await listReviewStories(head.viewer, parseQueueFilters({ tab: 'queue', column: String(flow.columnId) }), site.timeZone)).rows.find((r) => r.id === newer.id);
    expect(row).toMatchObject({ assignedToId: deputy.id, dueAt: expect.any(Date) });
  });
});

describe('/stats', () => {
  test('per stage: decisions after the limit in the period, and stories overdue now', async () => {
    const token = uniqueToken();
    const names = [`初审${token}`, `终审${token}`];
    const versionId = await createReviewFlow(`时限统计${token}`, names, [2, null]);
    const column = await createColumn();
    const base = Date.UTC(2024, 5, 10, 2);
    const at = (hours: number) => new Date(base + hours * HOUR);
    const editor = await createEditor();
    const who = { id: author.id, unitId: author.unitId, viewer: author.viewer };
    const history = (moves: Parameters<typeof createStoryWithHistory>[1]['moves'], waitingAt?: number) =>
      createStoryWithHistory(who, { columnId: column.id, flowVersionId: versionId, stageNames: names, moves, waitingAt, bodyHtml: STORY_BODY_HTML });
    await history([{ at: at(0), event: 'submit' }, { at: at(3), stage: 0, decision: 'approve', by: editor }]);
    await history([{ at: at(0), event: 'submit' }, { at: at(1), stage: 0, decision: 'approve', by: editor }]);
    const waiting = await history([{ at: at(5), event: 'submit' }], 0);
    const db = await getDb();
    await db.insert(stageVisits).values({ storyId: waiting, flowVersionId: versionId, stage: 0, enteredAt: at(5), dueAt: at(7), dueSoonAt: at(6.6) });
    const { site } = await getSiteSettings();
    const stats = await getStageStats(editor.viewer, { range: resolveRange({ from: '2024-06-01', to: '2024-06-30' }, site.timeZone).range, columnId: column.id }, at(10));
    const stage = stats.stages.find((s) => s.name === names[0])!;
    expect(stage).toMatchObject({ handled: 2, limited: 2, late: 1, waiting: 1, withDeadline: 1, overdueNow: 1 });
    // Before its due time the waiting story is not overdue.
    const earlier = await getStageStats(editor.viewer, { range: resolveRange({ from: '2024-06-01', to: '2024-06-30' }, site.timeZone).range, columnId: column.id }, at(6));
    expect(earlier.stages.find((s) => s.name === names[0])).toMatchObject({ withDeadline: 1, overdueNow: 0 });
  });
});
