import { describe, expect, test } from 'vitest';
import { claimStory, createStory, getReviewFile, getVisibleStory, publishStory, rejectStory } from '@/lib/stories';
import { listOwnerHistory, OWNER_HISTORY_LIMIT } from '@/lib/stories/reads';
import { createColumn, createEditor, createSubmittedStory, STORY_BODY_HTML } from '../support/factories';

// The review page's "该通讯员的其他稿件": the correspondent's record in every
// state, latest first, as far as the reviewer may see it.

describe("a correspondent's other stories", () => {
  test('every state but drafts, latest first, without this one, within the viewer’s columns, at most ten', async () => {
    const editor = await createEditor();
    const { author, story, columnId } = await createSubmittedStory();
    const published = (await createSubmittedStory({ author, columnId })).story;
    const rejected = (await createSubmittedStory({ author, columnId })).story;
    let claimed = await claimStory(editor.viewer, published.id);
    await publishStory(editor.viewer, published.id, claimed.version, { columnId, byline: '通讯员' });
    claimed = await claimStory(editor.viewer, rejected.id);
    await rejectStory(editor.viewer, rejected.id, claimed.version, '重复。');
    const draft = await createStory(author.viewer, { title: '草稿', columnId, bodyHtml: STORY_BODY_HTML });
    const elsewhere = (await createSubmittedStory({ author, columnId: (await createColumn()).id })).story;

    const handle = await getVisibleStory(editor.viewer, story.id);
    const history = await listOwnerHistory(editor.viewer, handle);
    expect(history.map((h) => [h.id, h.status])).toEqual([
      [elsewhere.id, 'submitted'],
      [rejected.id, 'rejected'],
      [published.id, 'published'],
    ]);
    expect(history.map((h) => h.id)).not.toContain(draft.id);
    expect((await getReviewFile(editor.viewer, handle)).ownerHistory).toEqual(history);

    // An editor scoped to the story's column sees no other column's.
    const scoped = await createEditor();
    const inColumn = { ...scoped.viewer, columnIds: [columnId] };
    expect((await listOwnerHistory(inColumn, await getVisibleStory(inColumn, story.id))).map((h) => h.id)).toEqual([rejected.id, published.id]);

    for (let i = 0; i < OWNER_HISTORY_LIMIT; i++) await createSubmittedStory({ author, columnId });
    expect(await listOwnerHistory(editor.viewer, handle)).toHaveLength(OWNER_HISTORY_LIMIT);
  });
});
