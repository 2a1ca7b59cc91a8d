import { describe, expect, test } from 'vitest';
import { claimStory, getReturnedChanges, getVisibleStory, returnStory, saveStory, submitStory } from '@/lib/stories';
import { createEditor, createSubmittedStory, STORY_BODY_HTML } from '../support/factories';

// 退回修改: the correspondent sees what the editor changed in the story
// since they submitted it, not a silent merge into their draft.

describe('what the editor changed before returning a story', () => {
  test('the submitted text against the returned text, and only while the story is back with its correspondent', async () => {
    const editor = await createEditor();
    const { author, story, columnId } = await createSubmittedStory();
    let current = await claimStory(editor.viewer, story.id);
    current = await saveStory(editor.viewer, story.id, current.version, {
      title: '改过的标题',
      subtitle: '',
      columnId,
      byline: current.byline,
      source: '',
      summary: '',
      bodyHtml: `<p>编辑加的导语。</p>${STORY_BODY_HTML}`,
    });
    current = await returnStory(editor.viewer, story.id, current.version, '请核实数字。');

    const changes = await getReturnedChanges(author.viewer, await getVisibleStory(author.viewer, story.id));
    expect(changes).not.toBeNull();
    expect(changes!.submitted.split('\n')[0]).toBe(story.title);
    expect(changes!.returned.split('\n')[0]).toBe('改过的标题');
    expect(changes!.returned).toContain('编辑加的导语。');
    expect(changes!.submitted).not.toContain('编辑加的导语。');

    // The correspondent's own edits after the return are not the editor's.
    current = await saveStory(author.viewer, story.id, current.version, {
      title: '通讯员再改的标题',
      subtitle: '',
      columnId,
      byline: current.byline,
      source: '',
      summary: '',
      bodyHtml: STORY_BODY_HTML,
    });
    const again = await getReturnedChanges(author.viewer, await getVisibleStory(author.viewer, story.id));
    expect(again?.returned.split('\n')[0]).toBe('改过的标题');

    // Submitted again: nothing is "returned" any more.
    await submitStory(author.viewer, story.id, current.version);
    expect(await getReturnedChanges(author.viewer, await getVisibleStory(author.viewer, story.id))).toBeNull();
  });

  test('a return without edits by the desk shows no changes', async () => {
    const editor = await createEditor();
    const { author, story } = await createSubmittedStory();
    const claimed = await claimStory(editor.viewer, story.id);
    await returnStory(editor.viewer, story.id, claimed.version, '请补充图片。');
    expect(await getReturnedChanges(author.viewer, await getVisibleStory(author.viewer, story.id))).toBeNull();
  });
});
