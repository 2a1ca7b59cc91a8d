import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, notifications, stories, storyEvents, storyRevisions, type Story } from '@/db/schema';
import { claimStory, createStory, getStory, listOwnStories, NOTE_MAX, publishStory, rejectStory, releaseStory, returnStory, saveStory, submitStory, takeOverStory, unpublishStory } from '@/lib/stories';
import { isAppError } from '@/lib/errors';
import { getSiteSettings, type SiteSettings } from '@/lib/settings';
import { writeSettingsGroup } from '@/lib/settings/internal/write';
import {
  createAdmin,
  createColumn,
  createCorrespondent,
  createEditor,
  createSubmittedStory,
  expectAppError,
  STORY_BODY_HTML,
  uniqueIp,
  uniqueToken,
  type TestUser,
} from '../support/factories';

// The editor's side of the state machine (lib/stories/desk.ts), through
// lib/ on PostgreSQL: who may act in which state, and what each act leaves
// behind (state, event, notification, audit row).

const DEFAULT_SOURCE = '测试法治报';
const HOUR_MS = 3600_000;

let editorA: TestUser;
let editorB: TestUser;
let author: TestUser;
let previousSite: SiteSettings['site'];

beforeAll(async () => {
  const db = await getDb();
  previousSite = (await getSiteSettings()).site;
  await writeSettingsGroup(db, 'site', { defaultSource: DEFAULT_SOURCE, timeZone: 'Asia/Shanghai' }, null);
  [editorA, editorB, author] = await Promise.all([
    createEditor({ displayName: `编辑甲 ${uniqueToken()}` }),
    createEditor({ displayName: `编辑乙 ${uniqueToken()}` }),
    createCorrespondent({ displayName: `通讯员 ${uniqueToken()}` }),
  ]);
});

afterAll(async () => {
  const db = await getDb();
  await writeSettingsGroup(db, 'site', { defaultSource: previousSite.defaultSource, timeZone: previousSite.timeZone }, null);
});

async function eventsOf(storyId: number) {
  const db = await getDb();
  return db.select().from(storyEvents).where(eq(storyEvents.storyId, storyId)).orderBy(asc(storyEvents.id));
}

async function lastEvent(storyId: number) {
  return (await eventsOf(storyId)).at(-1);
}

async function notificationsFor(userId: number, storyId: number) {
  const db = await getDb();
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.storyId, storyId)))
    .orderBy(asc(notifications.id));
}

async function storyRow(id: number): Promise<Story> {
  const db = await getDb();
  const [row] = await db.select().from(stories).where(eq(stories.id, id));
  return row!;
}

// A filed story, claimed by the given editor.
async function claimedBy(editor: TestUser) {
  const filed = await createSubmittedStory({ author });
  const story = await claimStory(editor.viewer, filed.story.id);
  return { ...filed, story };
}

// Everything the story form sends, from the story as loaded plus changes.
function formOf(story: Story, changes: Partial<Record<'title' | 'bodyHtml' | 'summary', string>> = {}) {
  return {
    title: story.title,
    subtitle: story.subtitle,
    summary: story.summary,
    byline: story.byline,
    source: story.source,
    columnId: story.columnId,
    coverMediaId: story.coverMediaId,
    bodyHtml: story.bodyHtml,
    ...changes,
  };
}

// The datetime-local value a Shanghai editor types for an instant (UTC+8, no DST).
function shanghaiLocal(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR_MS).toISOString().slice(0, 16);
}

// A whole minute some hours ahead, as the editor's input can only name minutes.
function minuteAhead(hours: number): Date {
  const at = new Date(Date.now() + hours * HOUR_MS);
  at.setUTCSeconds(0, 0);
  return at;
}

describe('editor transitions: what each one leaves behind', () => {
  test('claim records the assignee and an event; claiming again is a no-op; release puts it back unclaimed', async () => {
    const { story: filed } = await createSubmittedStory({ author });
    const claimed = await claimStory(editorA.viewer, filed.id);
    expect(claimed).toMatchObject({ status: 'in_review', assigneeId: editorA.id, version: filed.version + 1 });
    expect(claimed.claimedAt).toBeInstanceOf(Date);
    expect(await lastEvent(filed.id)).toMatchObject({ action: 'claim', fromStatus: 'submitted', toStatus: 'in_review', actorId: editorA.id, note: null });

    const again = await claimStory(editorA.viewer, filed.id);
    expect(again.version).toBe(claimed.version);
    expect((await eventsOf(filed.id)).filter((e) => e.action === 'claim')).toHaveLength(1);

    const released = await releaseStory(editorA.viewer, filed.id);
    expect(released).toMatchObject({ status: 'submitted', assigneeId: null, claimedAt: null, version: claimed.version + 1 });
    expect(await lastEvent(filed.id)).toMatchObject({ action: 'release', fromStatus: 'in_review', toStatus: 'submitted', actorId: editorA.id });
    // Back in the queue, anyone may claim it.
    expect((await claimStory(editorB.viewer, filed.id)).assigneeId).toBe(editorB.id);
  });

  test('take over moves the claim, is logged on the story and in the audit trail, and tells the previous holder', async () => {
    const { story } = await claimedBy(editorA);
    const ip = uniqueIp();
    const taken = await takeOverStory({ ...editorB.viewer, ip }, story.id);
    expect(taken).toMatchObject({ status: 'in_review', assigneeId: editorB.id, version: story.version + 1 });
    expect(await lastEvent(story.id)).toMatchObject({
      action: 'take_over',
      fromStatus: 'in_review',
      toStatus: 'in_review',
      actorId: editorB.id,
      meta: { previousAssigneeId: editorA.id },
    });

    const db = await getDb();
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'story.take_over'), eq(auditLog.targetType, 'story'), eq(auditLog.targetId, String(story.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: editorB.id, ip, meta: { previousAssigneeId: editorA.id } });

    const told = (await notificationsFor(editorA.id, story.id)).filter((n) => n.kind === 'story_taken_over');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ actorId: editorB.id, payload: { title: story.title, receiptNo: story.receiptNo } });
    // The correspondent is not bothered with who on the desk holds it.
    expect((await notificationsFor(author.id, story.id)).map((n) => n.kind)).not.toContain('story_taken_over');

    // The previous holder has lost it; the new one acts.
    await expectAppError(returnStory(editorA.viewer, story.id, taken.version, '请补充'), 'invalid_transition');
    // Taking over one's own claim changes nothing.
    expect((await takeOverStory(editorB.viewer, story.id)).version).toBe(taken.version);
  });

  test('an admin may take a story over too', async () => {
    const admin = await createAdmin();
    const { story } = await claimedBy(editorA);
    const taken = await takeOverStory(admin.viewer, story.id);
    expect(taken.assigneeId).toBe(admin.id);
  });

  test('return sends the story back with its note: state, lastNote, event and the correspondent is told', async () => {
    const { story } = await claimedBy(editorA);
    const returned = await returnStory(editorA.viewer, story.id, story.version, '  请补充活动的时间和地点。 ');
    expect(returned).toMatchObject({ status: 'changes_requested', lastNote: '请补充活动的时间和地点。', version: story.version + 1 });
    expect(await lastEvent(story.id)).toMatchObject({
      action: 'return',
      fromStatus: 'in_review',
      toStatus: 'changes_requested',
      actorId: editorA.id,
      note: '请补充活动的时间和地点。',
    });
    const told = await notificationsFor(author.id, story.id);
    expect(told.at(-1)).toMatchObject({
      kind: 'story_returned',
      actorId: editorA.id,
      payload: { title: story.title, receiptNo: story.receiptNo, note: '请补充活动的时间和地点。' },
    });
  });

  test('reject works from the queue (unclaimed) and from review, with the reason the correspondent sees', async () => {
    const { story: unclaimed } = await createSubmittedStory({ author });
    const rejected = await rejectStory(editorB.viewer, unclaimed.id, unclaimed.version, '内容与本网定位不符。');
    expect(rejected).toMatchObject({ status: 'rejected', lastNote: '内容与本网定位不符。', assigneeId: editorB.id });
    expect(await lastEvent(unclaimed.id)).toMatchObject({ action: 'reject', fromStatus: 'submitted', toStatus: 'rejected', actorId: editorB.id, note: '内容与本网定位不符。' });
    expect((await notificationsFor(author.id, unclaimed.id)).at(-1)).toMatchObject({ kind: 'story_rejected', payload: { note: '内容与本网定位不符。' } });

    const { story: held } = await claimedBy(editorA);
    const rejectedHeld = await rejectStory(editorA.viewer, held.id, held.version, '重复投稿。');
    expect(rejectedHeld).toMatchObject({ status: 'rejected', assigneeId: editorA.id });
    expect(await lastEvent(held.id)).toMatchObject({ action: 'reject', fromStatus: 'in_review', toStatus: 'rejected', note: '重复投稿。' });
  });

  test('publish now: 编辑 defaults to the editor, 来源 to the site default; public id, dates, event, revision, notification', async () => {
    const { story, columnId } = await claimedBy(editorA);
    const before = Date.now();
    const publicId = `Fazhi-${uniqueToken()}`;
    const published = await publishStory(editorA.viewer, story.id, story.version, { columnId, byline: '通讯员 张三', publicId });
    expect(published).toMatchObject({
      status: 'published',
      version: story.version + 1,
      columnId,
      byline: '通讯员 张三',
      editorName: editorA.viewer.displayName,
      source: DEFAULT_SOURCE,
      publicId: publicId.toLowerCase(),
      publishedById: editorA.id,
      publishAt: null,
      lastNote: null,
    });
    expect(published.publishedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(published.publishedAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(published.firstPublishedAt).toEqual(published.publishedAt);
    expect(await lastEvent(story.id)).toMatchObject({ action: 'publish', fromStatus: 'in_review', toStatus: 'published', actorId: editorA.id });

    const db = await getDb();
    const revisions = await db.select().from(storyRevisions).where(and(eq(storyRevisions.storyId, story.id), eq(storyRevisions.kind, 'publish')));
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ authorId: editorA.id, storyVersion: published.version, title: story.title, bodyText: story.bodyText });

    expect((await notificationsFor(author.id, story.id)).at(-1)).toMatchObject({
      kind: 'story_published',
      actorId: editorA.id,
      payload: { title: story.title, receiptNo: story.receiptNo },
    });
  });

  test('publish keeps an 编辑 and 来源 the editor typed', async () => {
    const { story, columnId } = await claimedBy(editorA);
    const published = await publishStory(editorA.viewer, story.id, story.version, { columnId, byline: '通讯员 张三', editorName: ' 责任编辑 李四 ', source: '重庆法治报' });
    expect(published).toMatchObject({ editorName: '责任编辑 李四', source: '重庆法治报', publicId: null });
  });

  test('unpublish takes it down with a reason; republishing keeps the original publication time', async () => {
    const { story, columnId } = await claimedBy(editorA);
    const published = await publishStory(editorA.viewer, story.id, story.version, { columnId, byline: '通讯员 张三' });
    // Any editor may unpublish a published story, not only the one who published it.
    const down = await unpublishStory(editorB.viewer, story.id, published.version, '当事人申请隐去姓名。');
    expect(down).toMatchObject({ status: 'unpublished', lastNote: '当事人申请隐去姓名。', publishedAt: published.publishedAt });
    expect(await lastEvent(story.id)).toMatchObject({ action: 'unpublish', fromStatus: 'published', toStatus: 'unpublished', actorId: editorB.id, note: '当事人申请隐去姓名。' });
    expect((await notificationsFor(author.id, story.id)).at(-1)).toMatchObject({ kind: 'story_unpublished', actorId: editorB.id, payload: { note: '当事人申请隐去姓名。' } });

    const again = await publishStory(editorB.viewer, story.id, down.version, { columnId, byline: '通讯员 张三' });
    expect(again.status).toBe('published');
    expect(again.publishedAt).toEqual(published.publishedAt);
    expect(again.firstPublishedAt).toEqual(published.firstPublishedAt);
    expect(again.editorName).toBe(editorB.viewer.displayName);
    expect(await lastEvent(story.id)).toMatchObject({ action: 'republish', fromStatus: 'unpublished', toStatus: 'published', actorId: editorB.id });
  });

  test('schedule: a datetime-local typed in the site zone (Asia/Shanghai) is stored as the right instant', async () => {
    const { story, columnId } = await claimedBy(editorA);
    const at = minuteAhead(50);
    const typed = shanghaiLocal(at);
    const scheduled = await publishStory(editorA.viewer, story.id, story.version, { columnId, byline: '通讯员 张三', when: 'schedule', publishAt: typed });
    expect(scheduled).toMatchObject({ status: 'scheduled', publishedAt: null, editorName: editorA.viewer.displayName });
    expect(scheduled.publishAt!.toISOString()).toBe(at.toISOString());
    // Read back from the database, not just echoed by RETURNING.
    expect((await storyRow(story.id)).publishAt!.toISOString()).toBe(at.toISOString());
    expect(await lastEvent(story.id)).toMatchObject({ action: 'schedule', fromStatus: 'in_review', toStatus: 'scheduled', meta: { publishAt: at.toISOString() } });
    expect((await notificationsFor(author.id, story.id)).at(-1)).toMatchObject({ kind: 'story_scheduled', payload: { publishAt: at.toISOString() } });

    // A scheduled story unpublished never goes out.
    const down = await unpublishStory(editorA.viewer, story.id, scheduled.version, '暂缓发布。');
    expect(down).toMatchObject({ status: 'unpublished', publishAt: null, publishedAt: null });
    expect(await lastEvent(story.id)).toMatchObject({ action: 'unpublish', fromStatus: 'scheduled', toStatus: 'unpublished' });
  });

  test('a scheduled story can be published at once instead', async () => {
    const { story, columnId } = await claimedBy(editorA);
    const scheduled = await publishStory(editorA.viewer, story.id, story.version, { columnId, byline: 'x', when: 'schedule', publishAt: shanghaiLocal(minuteAhead(5)) });
    const now = await publishStory(editorB.viewer, story.id, scheduled.version, { columnId, byline: 'x' });
    expect(now).toMatchObject({ status: 'published', publishAt: null });
    expect(now.publishedAt!.getTime()).toBeLessThan(scheduled.publishAt!.getTime());
  });
});

describe('editor transitions: what is refused', () => {
  test('the wrong state is an invalid transition, and nothing changes', async () => {
    const { story: unclaimed, columnId } = await createSubmittedStory({ author });
    await expectAppError(returnStory(editorA.viewer, unclaimed.id, unclaimed.version, '请修改'), 'invalid_transition');
    await expectAppError(releaseStory(editorA.viewer, unclaimed.id), 'invalid_transition');
    await expectAppError(takeOverStory(editorA.viewer, unclaimed.id), 'invalid_transition');
    await expectAppError(publishStory(editorA.viewer, unclaimed.id, unclaimed.version, { columnId, byline: 'x' }), 'invalid_transition');
    await expectAppError(unpublishStory(editorA.viewer, unclaimed.id, unclaimed.version, '撤下'), 'invalid_transition');
    expect((await storyRow(unclaimed.id)).version).toBe(unclaimed.version);

    const draft = await createStory(author.viewer, { title: '草稿', columnId, bodyHtml: STORY_BODY_HTML });
    // Editors never see drafts: acting on one finds nothing, so an id does
    // not even reveal that a draft exists.
    await expectAppError(publishStory(editorA.viewer, draft.id, draft.version, { columnId, byline: 'x' }), 'not_found');
    await expectAppError(returnStory(editorA.viewer, draft.id, draft.version, '意见'), 'not_found');
    await expectAppError(claimStory(editorA.viewer, draft.id), 'not_found');
    expect((await storyRow(draft.id)).status).toBe('draft');

    const { story: held } = await claimedBy(editorA);
    const published = await publishStory(editorA.viewer, held.id, held.version, { columnId, byline: 'x' });
    await expectAppError(claimStory(editorB.viewer, held.id), 'invalid_transition');
    await expectAppError(returnStory(editorA.viewer, held.id, published.version, '请修改'), 'invalid_transition');
    await expectAppError(rejectStory(editorA.viewer, held.id, published.version, '不用'), 'invalid_transition');
    await expectAppError(publishStory(editorA.viewer, held.id, published.version, { columnId, byline: 'x' }), 'invalid_transition');
    expect((await storyRow(held.id)).version).toBe(published.version);

    await expectAppError(claimStory(editorA.viewer, 2_000_000_000), 'not_found');
  });

  test('a correspondent may call none of the editor functions, not even on their own story', async () => {
    const { story, columnId } = await claimedBy(editorA);
    const me = author.viewer;
    await expectAppError(claimStory(me, story.id), 'forbidden');
    await expectAppError(releaseStory(me, story.id), 'forbidden');
    await expectAppError(takeOverStory(me, story.id), 'forbidden');
    await expectAppError(returnStory(me, story.id, story.version, '请修改'), 'forbidden');
    await expectAppError(rejectStory(me, story.id, story.version, '不用'), 'forbidden');
    await expectAppError(unpublishStory(me, story.id, story.version, '撤下'), 'forbidden');
    await expectAppError(publishStory(me, story.id, story.version, { columnId, byline: 'x' }), 'forbidden');
    await expectAppError(publishStory(me, story.id, story.version, { columnId, byline: 'x', when: 'schedule', publishAt: shanghaiLocal(minuteAhead(5)) }), 'forbidden');
    const row = await storyRow(story.id);
    expect(row).toMatchObject({ status: 'in_review', assigneeId: editorA.id, version: story.version });
  });

  test('a story claimed by one editor is theirs: another is told who holds it, and may not act or edit', async () => {
    const { story, columnId } = await claimedBy(editorA);
    let caught: unknown;
    try {
      await claimStory(editorB.viewer, story.id);
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.code).toBe('claimed');
    expect(isAppError(caught) && caught.params).toEqual({ name: editorA.viewer.displayName });

    const b = editorB.viewer;
    await expectAppError(releaseStory(b, story.id), 'invalid_transition');
    await expectAppError(returnStory(b, story.id, story.version, '请修改'), 'invalid_transition');
    await expectAppError(rejectStory(b, story.id, story.version, '不用'), 'invalid_transition');
    await expectAppError(publishStory(b, story.id, story.version, { columnId, byline: 'x' }), 'invalid_transition');
    await expectAppError(publishStory(b, story.id, story.version, { columnId, byline: 'x', when: 'schedule', publishAt: shanghaiLocal(minuteAhead(5)) }), 'invalid_transition');
    await expectAppError(saveStory(b, story.id, story.version, formOf(story, { title: '乙改的标题' })), 'invalid_transition');
    expect(await storyRow(story.id)).toMatchObject({ status: 'in_review', assigneeId: editorA.id, version: story.version, title: story.title });
    expect((await eventsOf(story.id)).map((e) => e.action)).toEqual(['create', 'submit', 'claim']);
  });

  test('a note to return, a reason to reject or unpublish: missing, blank or too long is a field error', async () => {
    const { story, columnId } = await claimedBy(editorA);
    const a = editorA.viewer;
    await expectAppError(returnStory(a, story.id, story.version, undefined), 'validation', { note: 'required' });
    await expectAppError(returnStory(a, story.id, story.version, ' \n\t '), 'validation', { note: 'required' });
    await expectAppError(returnStory(a, story.id, story.version, 42), 'validation', { note: 'required' });
    await expectAppError(returnStory(a, story.id, story.version, '改'.repeat(NOTE_MAX + 1)), 'validation', { note: 'too_long' });
    await expectAppError(rejectStory(a, story.id, story.version, ''), 'validation', { reason: 'required' });
    await expectAppError(rejectStory(a, story.id, story.version, null), 'validation', { reason: 'required' });
    expect(await storyRow(story.id)).toMatchObject({ status: 'in_review', version: story.version, lastNote: null });

    const published = await publishStory(a, story.id, story.version, { columnId, byline: 'x' });
    await expectAppError(unpublishStory(a, story.id, published.version, '   '), 'validation', { reason: 'required' });
    await expectAppError(unpublishStory(a, story.id, published.version, undefined), 'validation', { reason: 'required' });
    expect((await storyRow(story.id)).status).toBe('published');
  });

  test('a stale expected version is a conflict, whatever the act', async () => {
    const { story, columnId } = await claimedBy(editorA);
    const stale = story.version - 1;
    const a = editorA.viewer;
    await expectAppError(returnStory(a, story.id, stale, '请修改'), 'conflict');
    await expectAppError(rejectStory(a, story.id, stale, '不用'), 'conflict');
    await expectAppError(publishStory(a, story.id, stale, { columnId, byline: 'x' }), 'conflict');
    const published = await publishStory(a, story.id, story.version, { columnId, byline: 'x' });
    await expectAppError(unpublishStory(a, story.id, story.version, '撤下'), 'conflict');
    expect((await storyRow(story.id)).version).toBe(published.version);
  });

  test('publish refuses a malformed or taken public id, a missing byline, an inactive column', async () => {
    const { story, columnId } = await claimedBy(editorA);
    const a = editorA.viewer;
    for (const publicId of ['123456', 'ab', 'bad id!', '-leading-dash', `x${'y'.repeat(64)}`]) {
      const error = publicId.length > 64 ? 'too_long' : 'public_id_format';
      await expectAppError(publishStory(a, story.id, story.version, { columnId, byline: 'x', publicId }), 'validation', { publicId: error });
    }
    await expectAppError(publishStory(a, story.id, story.version, { columnId, byline: '  ' }), 'validation', { byline: 'required' });
    await expectAppError(publishStory(a, story.id, story.version, { byline: 'x' }), 'validation', { columnId: 'required' });
    const closed = await createColumn({ isActive: false });
    await expectAppError(publishStory(a, story.id, story.version, { columnId: closed.id, byline: 'x' }), 'validation', { columnId: 'required' });

    const publicId = `taken-${uniqueToken()}`;
    await publishStory(a, story.id, story.version, { columnId, byline: 'x', publicId });
    const { story: second } = await claimedBy(editorA);
    await expectAppError(publishStory(a, second.id, second.version, { columnId, byline: 'x', publicId: publicId.toUpperCase() }), 'validation', { publicId: 'public_id_taken' });
    // The failed publish left nothing behind.
    expect(await storyRow(second.id)).toMatchObject({ status: 'in_review', version: second.version, publicId: null });
    expect((await eventsOf(second.id)).map((e) => e.action)).toEqual(['create', 'submit', 'claim']);
    expect((await notificationsFor(author.id, second.id)).map((n) => n.kind)).not.toContain('story_published');
  });

  test('schedule refuses a time in the past, a malformed or missing one, and one too far ahead', async () => {
    const { story, columnId } = await claimedBy(editorA);
    const a = editorA.viewer;
    const schedule = (publishAt: string) => publishStory(a, story.id, story.version, { columnId, byline: 'x', when: 'schedule', publishAt });
    await expectAppError(schedule(shanghaiLocal(minuteAhead(-1))), 'validation', { publishAt: 'publish_at_past' });
    // Right now in UTC is eight hours ago in Shanghai: the zone is applied.
    await expectAppError(schedule(new Date(Date.now() + HOUR_MS).toISOString().slice(0, 16)), 'validation', { publishAt: 'publish_at_past' });
    await expectAppError(schedule(''), 'validation', { publishAt: 'required' });
    await expectAppError(schedule('2027-02-30T09:00'), 'validation', { publishAt: 'invalid_datetime' });
    await expectAppError(schedule('tomorrow 9am'), 'validation', { publishAt: 'invalid_datetime' });
    await expectAppError(schedule(shanghaiLocal(minuteAhead(24 * 400))), 'validation', { publishAt: 'publish_at_too_far' });
    expect(await storyRow(story.id)).toMatchObject({ status: 'in_review', version: story.version, publishAt: null });
  });
});

describe('editors at the same time', () => {
  test('two editors claiming the same stories at once: exactly one wins each, the other is told who', async () => {
    const column = await createColumn();
    const filed = await Promise.all(Array.from({ length: 20 }, () => createSubmittedStory({ author, columnId: column.id })));
    const results = await Promise.all(
      filed.map(({ story }) => Promise.allSettled([claimStory(editorA.viewer, story.id), claimStory(editorB.viewer, story.id)])),
    );
    const names = new Map([
      [editorA.id, editorA.viewer.displayName],
      [editorB.id, editorB.viewer.displayName],
    ]);
    for (const [i, pair] of results.entries()) {
      const won = pair.filter((r): r is PromiseFulfilledResult<Story> => r.status === 'fulfilled');
      const lost = pair.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winner = won[0]!.value.assigneeId!;
      const error = lost[0]!.reason as unknown;
      expect(isAppError(error) && error.code).toBe('claimed');
      expect(isAppError(error) && error.params).toEqual({ name: names.get(winner) });
      const row = await storyRow(filed[i]!.story.id);
      expect(row).toMatchObject({ status: 'in_review', assigneeId: winner, version: filed[i]!.story.version + 1 });
      expect((await eventsOf(row.id)).filter((e) => e.action === 'claim')).toHaveLength(1);
    }
  });

  test('two editors editing a published story: the stale save is refused, nothing is lost, a reload saves', async () => {
    const { story, columnId } = await claimedBy(editorA);
    await publishStory(editorA.viewer, story.id, story.version, { columnId, byline: 'x' });
    const seenByA = await getStory(editorA.viewer, story.id);
    const seenByB = await getStory(editorB.viewer, story.id);
    expect(seenByB.version).toBe(seenByA.version);

    const savedByA = await saveStory(editorA.viewer, story.id, seenByA.version, formOf(seenByA, { title: '甲修改后的标题' }));
    expect(savedByA.version).toBe(seenByA.version + 1);
    // The pending revision holds it; readers keep the published title.
    expect(savedByA.title).toBe('甲修改后的标题');
    expect((await storyRow(story.id)).title).not.toBe('甲修改后的标题');
    await expectAppError(saveStory(editorB.viewer, story.id, seenByB.version, formOf(seenByB, { title: '乙修改后的标题' })), 'conflict');
    expect((await getStory(editorA.viewer, story.id)).title).toBe('甲修改后的标题');

    const reloaded = await getStory(editorB.viewer, story.id);
    const savedByB = await saveStory(editorB.viewer, story.id, reloaded.version, formOf(reloaded, { summary: '乙补的摘要' }));
    expect(savedByB).toMatchObject({ version: savedByA.version + 1, title: '甲修改后的标题', summary: '乙补的摘要', status: 'published' });

    const db = await getDb();
    const saves = await db
      .select({ authorId: storyRevisions.authorId, title: storyRevisions.title, storyVersion: storyRevisions.storyVersion })
      .from(storyRevisions)
      .where(and(eq(storyRevisions.storyId, story.id), eq(storyRevisions.kind, 'editor_save')))
      .orderBy(asc(storyRevisions.id));
    expect(saves).toEqual([
      { authorId: editorA.id, title: '甲修改后的标题', storyVersion: savedByA.version },
      { authorId: editorB.id, title: '甲修改后的标题', storyVersion: savedByB.version },
    ]);
  });
});

describe('the whole journey', () => {
  test('submit, claim, return, the correspondent revises and resubmits, claim, the editor edits and publishes', async () => {
    const correspondent = await createCorrespondent();
    const column = await createColumn();
    const draft = await createStory(correspondent.viewer, { title: '区司法局开展法律明白人培训', columnId: column.id, bodyHtml: STORY_BODY_HTML });
    const submitted = await submitStory(correspondent.viewer, draft.id, draft.version);
    const receiptNo = submitted.receiptNo;

    const claimed = await claimStory(editorA.viewer, draft.id);
    await returnStory(editorA.viewer, draft.id, claimed.version, '请补充培训的时间和人数。');

    const seen = await getStory(correspondent.viewer, draft.id);
    expect(seen).toMatchObject({ status: 'changes_requested', lastNote: '请补充培训的时间和人数。' });
    const desk = await listOwnStories(correspondent.viewer, { status: 'changes_requested' });
    expect(desk.rows.find((r) => r.id === draft.id)?.hasNote).toBe(true);

    const revisedBody = `${STORY_BODY_HTML}<p>培训于11月20日举行，共240人参加。</p>`;
    const revised = await saveStory(correspondent.viewer, draft.id, seen.version, formOf(seen, { bodyHtml: revisedBody }));
    const resubmitted = await submitStory(correspondent.viewer, draft.id, revised.version);
    expect(resubmitted).toMatchObject({ status: 'submitted', receiptNo, assigneeId: null });

    const reclaimed = await claimStory(editorB.viewer, draft.id);
    const edited = await saveStory(editorB.viewer, draft.id, reclaimed.version, formOf(reclaimed, { title: '区司法局举办法律明白人专题培训' }));
    const published = await publishStory(editorB.viewer, draft.id, edited.version, { columnId: column.id, byline: '通讯员 王五' });

    const publicView = await getStory(correspondent.viewer, draft.id);
    expect(publicView).toMatchObject({
      status: 'published',
      title: '区司法局举办法律明白人专题培训',
      editorName: editorB.viewer.displayName,
      byline: '通讯员 王五',
      receiptNo,
      version: published.version,
    });
    expect(publicView.bodyText).toContain('共240人参加');
    expect((await eventsOf(draft.id)).map((e) => e.action)).toEqual(['create', 'submit', 'claim', 'return', 'resubmit', 'claim', 'publish']);
    expect((await notificationsFor(correspondent.id, draft.id)).map((n) => n.kind)).toEqual(['story_returned', 'story_published']);
  });
});
