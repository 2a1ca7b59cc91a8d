import { describe, expect, test } from 'vitest';
import { claimStory, publishStory } from '@/lib/stories';
import { getPublishedArticle } from '@/lib/public-stories';
import { createCorrespondent, createEditor, createSubmittedStory } from '../support/factories';

// Co-correspondents credited at publishing are named to readers too.

describe('the public byline', () => {
  test('names every credited correspondent', async () => {
    const editor = await createEditor();
    const [second, third] = await Promise.all([createCorrespondent({ displayName: '周林甲' }), createCorrespondent({ displayName: '陈静乙' })]);
    const { story, columnId } = await createSubmittedStory();
    const claimed = await claimStory(editor.viewer, story.id);
    const published = await publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: '通讯员 方勇 周林甲', coCorrespondents: `${second.id},${third.id}` });
    expect(published.byline).toBe('通讯员 方勇 周林甲 陈静乙');
    expect((await getPublishedArticle(String(story.id)))!.article.byline).toBe('通讯员 方勇 周林甲 陈静乙');
  });
});
