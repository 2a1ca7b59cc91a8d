import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { notifications, type Story } from '@/db/schema';
import { addComment, claimStory, COMMENT_MAX, createStory, getRevisionPair, getVisibleStory, listComments, listRevisions, publishStory, saveStory } from '@/lib/stories';
import { createCorrespondent, createEditor, createSubmittedStory, expectAppError, STORY_BODY_HTML, type TestUser } from '../support/factories';

// Around a story on the review desk: the conversation (lib/comments) and the
// revision history (lib/stories/reads.ts).

let holder: TestUser;
let colleague: TestUser;
let author: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  [holder, colleague, author, stranger] = await Promise.all([createEditor(), createEditor(), createCorrespondent(), createCorrespondent()]);
});

async function commentNotices(userId: number, storyId: number) {
  const db = await getDb();
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.storyId, storyId), eq(notifications.kind, 'comment_added')))
    .orderBy(asc(notifications.id));
}

async function claimedStory(): Promise<Story> {
  const { story } = await createSubmittedStory({ author });
  return claimStory(holder.viewer, story.id);
}

describe('comments', () => {
  test('an internal note is for the desk only: editors see it, the correspondent does not, the holder is told', async () => {
    const story = await claimedStory();
    const note = await addComment(colleague.viewer, story.id, { body: '  作者是否已核实当事人身份？ ', internal: true });
    expect(note).toMatchObject({ body: '作者是否已核实当事人身份？', isInternal: true, authorName: colleague.viewer.displayName, authorRole: 'editor' });

    expect((await listComments(holder.viewer, await getVisibleStory(holder.viewer, story.id))).map((c) => c.id)).toEqual([note.id]);
    expect((await listComments(colleague.viewer, await getVisibleStory(colleague.viewer, story.id))).map((c) => c.id)).toEqual([note.id]);
    expect(await listComments(author.viewer, await getVisibleStory(author.viewer, story.id))).toEqual([]);

    const told = await commentNotices(holder.id, story.id);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ actorId: colleague.id, payload: { title: story.title, receiptNo: story.receiptNo, excerpt: '作者是否已核实当事人身份？' } });
    expect(await commentNotices(author.id, story.id)).toEqual([]);
  });

  test('a desk comment is internal unless it is explicitly for the correspondent', async () => {
    const story = await claimedStory();
    const unsaid = await addComment(holder.viewer, story.id, { body: '没有选择谁能看到' });
    const garbled = await addComment(holder.viewer, story.id, { body: '表单传来的字符串', internal: 'false' });
    expect([unsaid.isInternal, garbled.isInternal]).toEqual([true, true]);
    expect(await listComments(author.viewer, await getVisibleStory(author.viewer, story.id))).toEqual([]);
    expect(await commentNotices(author.id, story.id)).toEqual([]);
  });

  test('a visible comment is listed for both sides and reaches the correspondent', async () => {
    const story = await claimedStory();
    const message = await addComment(holder.viewer, story.id, { body: '请提供现场照片。', internal: false });
    expect(message.isInternal).toBe(false);
    expect((await listComments(author.viewer, await getVisibleStory(author.viewer, story.id))).map((c) => c.body)).toEqual(['请提供现场照片。']);
    expect((await listComments(colleague.viewer, await getVisibleStory(colleague.viewer, story.id))).map((c) => c.body)).toEqual(['请提供现场照片。']);
    expect(await commentNotices(author.id, story.id)).toHaveLength(1);
    // Nobody is told of their own comment.
    expect(await commentNotices(holder.id, story.id)).toEqual([]);
  });

  test("the correspondent's reply reaches the holder and is always visible, whatever flag they send", async () => {
    const story = await claimedStory();
    const internalNote = await addComment(holder.viewer, story.id, { body: '内部备注', internal: true });
    const reply = await addComment(author.viewer, story.id, { body: '照片已补充。', internal: true });
    expect(reply).toMatchObject({ isInternal: false, authorRole: 'correspondent' });

    const told = await commentNotices(holder.id, story.id);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ actorId: author.id, payload: { excerpt: '照片已补充。' } });

    expect((await listComments(author.viewer, await getVisibleStory(author.viewer, story.id))).map((c) => c.id)).toEqual([reply.id]);
    expect((await listComments(colleague.viewer, await getVisibleStory(colleague.viewer, story.id))).map((c) => c.id)).toEqual([internalNote.id, reply.id]);
  });

  test('a blank, too long or premature comment is a field error', async () => {
    const story = await claimedStory();
    await expectAppError(addComment(holder.viewer, story.id, { body: ' \n ' }), 'validation', { body: 'required' });
    await expectAppError(addComment(author.viewer, story.id, { body: undefined }), 'validation', { body: 'required' });
    await expectAppError(addComment(author.viewer, story.id, { body: '字'.repeat(COMMENT_MAX + 1) }), 'validation', { body: 'too_long' });
    const draft = await createStory(author.viewer, { title: '草稿', bodyHtml: STORY_BODY_HTML });
    await expectAppError(addComment(author.viewer, draft.id, { body: '自言自语' }), 'validation', { body: 'comment_before_submit' });
    await expectAppError(addComment(holder.viewer, draft.id, { body: '看不到的稿件' }), 'not_found');
    expect(await listComments(holder.viewer, await getVisibleStory(holder.viewer, story.id))).toEqual([]);
  });

  test("another correspondent can neither read nor comment on someone else's story", async () => {
    const story = await claimedStory();
    await addComment(holder.viewer, story.id, { body: '公开留言', internal: false });
    await expectAppError(getVisibleStory(stranger.viewer, story.id).then((handle) => listComments(stranger.viewer, handle)), 'not_found');
    await expectAppError(addComment(stranger.viewer, story.id, { body: '插一句' }), 'not_found');
    expect((await listComments(holder.viewer, await getVisibleStory(holder.viewer, story.id))).map((c) => c.body)).toEqual(['公开留言']);
  });
});

describe('revision history', () => {
  test('lists every revision newest first, editor saves with their author', async () => {
    const story = await claimedStory();
    const first = await saveStory(holder.viewer, story.id, story.version, { title: story.title, columnId: story.columnId, byline: story.byline, bodyHtml: `${STORY_BODY_HTML}<p>编辑补充一段。</p>` });
    const second = await saveStory(holder.viewer, story.id, first.version, { title: '编辑改过的标题', columnId: story.columnId, byline: story.byline, bodyHtml: first.bodyHtml });
    await publishStory(holder.viewer, story.id, second.version, { columnId: story.columnId, byline: story.byline });

    const revisions = await listRevisions(colleague.viewer, await getVisibleStory(colleague.viewer, story.id));
    expect(revisions.map((r) => [r.kind, r.authorName])).toEqual([
      ['publish', holder.viewer.displayName],
      ['editor_save', holder.viewer.displayName],
      ['editor_save', holder.viewer.displayName],
      ['submit', author.viewer.displayName],
      ['autosave', author.viewer.displayName],
    ]);
    expect(revisions[1]).toMatchObject({ storyVersion: second.version, title: '编辑改过的标题', chars: [...second.bodyText.replace(/\s/g, '')].length });
    expect(revisions[2]).toMatchObject({ storyVersion: first.version, title: story.title });

    await expectAppError(getVisibleStory(author.viewer, story.id).then((handle) => listRevisions(author.viewer, handle)), 'forbidden');
  });

  test('a revision pair is only ever of one story: ids of another story give nothing', async () => {
    const story = await claimedStory();
    const saved = await saveStory(holder.viewer, story.id, story.version, { title: '改后标题', columnId: story.columnId, byline: story.byline, bodyHtml: story.bodyHtml });
    const other = await claimedStory();
    const [mine, theirs] = await Promise.all([listRevisions(holder.viewer, await getVisibleStory(holder.viewer, story.id)), listRevisions(holder.viewer, await getVisibleStory(holder.viewer, other.id))]);
    const submitted = mine.find((r) => r.kind === 'submit')!;
    const edited = mine.find((r) => r.kind === 'editor_save')!;

    const pair = await getRevisionPair(holder.viewer, await getVisibleStory(holder.viewer, story.id), submitted.id, edited.id);
    expect(pair?.from).toMatchObject({ id: submitted.id, title: story.title });
    expect(pair?.to).toMatchObject({ id: edited.id, title: saved.title });

    expect(await getRevisionPair(holder.viewer, await getVisibleStory(holder.viewer, story.id), submitted.id, theirs[0]!.id)).toBeNull();
    expect(await getRevisionPair(holder.viewer, await getVisibleStory(holder.viewer, other.id), submitted.id, edited.id)).toBeNull();
    await expectAppError(getVisibleStory(author.viewer, story.id).then((handle) => getRevisionPair(author.viewer, handle, submitted.id, edited.id)), 'forbidden');
  });
});
