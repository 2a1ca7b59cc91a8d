import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { notifications, siteColumns, stories, storyEvents, storyRevisions } from '@/db/schema';
import { isReceiptNo } from '@/lib/content/receipt';
import { createStory, deleteDraft, getStory, getVisibleStory, listOwnStories, listStoryTimeline, saveStory, submitStory, withdrawStory } from '@/lib/stories';
import { createCorrespondent, createEditor, expectAppError, uniqueToken } from '../support/factories';

const body = '<p>本网讯（通讯员 测试）近日，某区司法局组织开展法律明白人专题培训，全区二百余名法律明白人参加培训。</p>';

async function createColumn(): Promise<number> {
  const db = await getDb();
  const token = uniqueToken().toLowerCase().replace(/[^a-z0-9]/g, '');
  const [column] = await db.insert(siteColumns).values({ slug: `c-${token}`, name: `栏目-${token}` }).returning({ id: siteColumns.id });
  return column!.id;
}

async function readyStory() {
  const author = await createCorrespondent();
  const columnId = await createColumn();
  const story = await createStory(author.viewer, { title: `测试稿件 ${uniqueToken()}`, columnId, bodyHtml: body });
  return { author, columnId, story };
}

describe('correspondent desk', () => {
  test('a new story is a draft owned by its author, byline defaulting to their name, body sanitized', async () => {
    const author = await createCorrespondent();
    const story = await createStory(author.viewer, { title: '标题', bodyHtml: '<p onclick="x()">正文<script>alert(1)</script></p>' });
    expect(story).toMatchObject({ status: 'draft', ownerId: author.id, version: 1, receiptNo: null, byline: `通讯员 ${author.viewer.displayName}` });
    expect(story.bodyHtml).toBe('<p>正文</p>');
    expect(story.bodyText).toBe('正文');
  });

  test('a save retried at its old version, whose text the story already holds, is saved: no conflict, nothing written twice', async () => {
    // The first attempt was written, but its answer was lost (the database went
    // away before the commit was acknowledged); the editor sends it again.
    const { author, story } = await readyStory();
    const fields = { title: '写入了但没有收到答复', bodyHtml: body };
    const saved = await saveStory(author.viewer, story.id, story.version, fields);
    const retried = await saveStory(author.viewer, story.id, story.version, fields);
    expect(retried).toMatchObject({ id: story.id, version: saved.version, title: fields.title });
    // Anything else at the old version is still a conflict.
    await expectAppError(saveStory(author.viewer, story.id, story.version, { ...fields, title: '另一段文字' }), 'conflict');
  });

  test('saving checks the version: a stale save is refused and nothing is overwritten', async () => {
    const { author, story } = await readyStory();
    const saved = await saveStory(author.viewer, story.id, story.version, { title: '第一次修改', bodyHtml: body });
    expect(saved.version).toBe(story.version + 1);
    await expectAppError(saveStory(author.viewer, story.id, story.version, { title: '过时的修改', bodyHtml: body }), 'conflict');
    const current = await getStory(author.viewer, story.id);
    expect(current.title).toBe('第一次修改');
  });

  test('another correspondent can neither see nor save nor submit the story', async () => {
    const { story } = await readyStory();
    const other = await createCorrespondent();
    await expectAppError(getStory(other.viewer, story.id), 'not_found');
    await expectAppError(saveStory(other.viewer, story.id, story.version, { title: 'x' }), 'not_found');
    await expectAppError(submitStory(other.viewer, story.id, story.version), 'not_found');
    await expectAppError(deleteDraft(other.viewer, story.id), 'not_found');
  });

  test('editors never see drafts', async () => {
    const { story } = await readyStory();
    const editor = await createEditor();
    await expectAppError(getStory(editor.viewer, story.id), 'not_found');
  });

  test('submit needs title, column and a body; then gives a receipt number, a revision, an event and notifies editors', async () => {
    const author = await createCorrespondent();
    const empty = await createStory(author.viewer, { title: '' });
    await expectAppError(submitStory(author.viewer, empty.id, empty.version), 'validation', { title: 'required', columnId: 'required', bodyHtml: 'body_too_short' });

    const editor = await createEditor();
    const { author: a2, story } = await readyStory();
    const submitted = await submitStory(a2.viewer, story.id, story.version);
    expect(submitted.status).toBe('submitted');
    expect(isReceiptNo(submitted.receiptNo ?? '')).toBe(true);
    const db = await getDb();
    const revisions = await db.select().from(storyRevisions).where(and(eq(storyRevisions.storyId, story.id), eq(storyRevisions.kind, 'submit')));
    expect(revisions).toHaveLength(1);
    const events = await db.select().from(storyEvents).where(and(eq(storyEvents.storyId, story.id), eq(storyEvents.action, 'submit')));
    expect(events[0]).toMatchObject({ fromStatus: 'draft', toStatus: 'submitted', actorId: a2.id });
    const notes = await db.select().from(notifications).where(and(eq(notifications.userId, editor.id), eq(notifications.storyId, story.id)));
    expect(notes[0]?.kind).toBe('story_submitted');
    const visible = await getStory(editor.viewer, story.id);
    expect(visible.id).toBe(story.id);
  });

  test('a double submit (same version twice) submits once', async () => {
    const { author, story } = await readyStory();
    const first = await submitStory(author.viewer, story.id, story.version);
    const second = await submitStory(author.viewer, story.id, story.version);
    expect(second.receiptNo).toBe(first.receiptNo);
    expect(second.version).toBe(first.version);
    const db = await getDb();
    const events = await db.select().from(storyEvents).where(and(eq(storyEvents.storyId, story.id), eq(storyEvents.action, 'submit')));
    expect(events).toHaveLength(1);
  });

  test('concurrent submits of different stories get distinct receipt numbers', async () => {
    const prepared = await Promise.all(Array.from({ length: 8 }, () => readyStory()));
    const submitted = await Promise.all(prepared.map(({ author, story }) => submitStory(author.viewer, story.id, story.version)));
    const numbers = submitted.map((s) => s.receiptNo);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  test('withdraw returns an unclaimed story to draft and keeps its receipt number; resubmit keeps it too', async () => {
    const { author, story } = await readyStory();
    const submitted = await submitStory(author.viewer, story.id, story.version);
    const withdrawn = await withdrawStory(author.viewer, story.id, submitted.version);
    expect(withdrawn).toMatchObject({ status: 'draft', receiptNo: submitted.receiptNo });
    await expectAppError(deleteDraft(author.viewer, story.id), 'invalid_transition');
    const again = await submitStory(author.viewer, story.id, withdrawn.version);
    expect(again.receiptNo).toBe(submitted.receiptNo);
  });

  test('withdraw is refused once an editor holds the story, and in the wrong state', async () => {
    const { author, story } = await readyStory();
    const editor = await createEditor();
    const submitted = await submitStory(author.viewer, story.id, story.version);
    const db = await getDb();
    await db.update(stories).set({ status: 'in_review', assigneeId: editor.id, version: submitted.version + 1 }).where(eq(stories.id, story.id));
    await expectAppError(withdrawStory(author.viewer, story.id, submitted.version + 1), 'invalid_transition');
    await expectAppError(saveStory(author.viewer, story.id, submitted.version + 1, { title: 'x' }), 'invalid_transition');
  });

  test('a never-submitted draft can be deleted by its owner', async () => {
    const { author, story } = await readyStory();
    await deleteDraft(author.viewer, story.id);
    await expectAppError(getStory(author.viewer, story.id), 'not_found');
  });

  test('the desk lists own stories with counts, filters and title search; the timeline shows the acts', async () => {
    const { author, story } = await readyStory();
    await createStory(author.viewer, { title: '另一篇草稿' });
    const submitted = await submitStory(author.viewer, story.id, story.version);
    const all = await listOwnStories(author.viewer);
    expect(all.rows).toHaveLength(2);
    expect(all.counts).toMatchObject({ draft: 1, submitted: 1 });
    const onlySubmitted = await listOwnStories(author.viewer, { status: 'submitted' });
    expect(onlySubmitted.rows.map((r) => r.id)).toEqual([story.id]);
    const byTitle = await listOwnStories(author.viewer, { q: '另一篇' });
    expect(byTitle.rows).toHaveLength(1);
    const byReceipt = await listOwnStories(author.viewer, { q: submitted.receiptNo! });
    expect(byReceipt.rows.map((r) => r.id)).toEqual([story.id]);
    const timeline = await listStoryTimeline(author.viewer, await getVisibleStory(author.viewer, story.id));
    expect(timeline.map((e) => e.action)).toEqual(['create', 'submit']);
  });

  test('a 1.5 MB story with tables saves; one over the limit is refused with a clear error and nothing changes', async () => {
    const author = await createCorrespondent();
    const paragraph = `<p>${'依法保障律师执业权利，构建新型检律关系。'.repeat(20)}</p>`;
    const table = '<table><tbody><tr><th>单位</th><th>人数</th></tr><tr><td>黔江区司法局</td><td>40</td></tr></tbody></table>';
    let big = '';
    while (big.length < 1_500_000) big += paragraph + table;
    const story = await createStory(author.viewer, { title: '长稿件', bodyHtml: big });
    expect(story.bodyHtml.length).toBeGreaterThan(1_000_000);
    expect(story.bodyText.length).toBeGreaterThan(500_000);
    const tooBig = 'x'.repeat(3_000_001);
    await expectAppError(saveStory(author.viewer, story.id, story.version, { title: '长稿件', bodyHtml: tooBig }), 'validation', { bodyHtml: 'body_too_large' });
    const unchanged = await getStory(author.viewer, story.id);
    expect(unchanged.version).toBe(story.version);
  });

  test('editors cannot use the correspondent desk', async () => {
    const editor = await createEditor();
    await expectAppError(createStory(editor.viewer, { title: 'x' }), 'forbidden');
    await expectAppError(listOwnStories(editor.viewer), 'forbidden');
  });
});
