import { describe, expect, test } from 'vitest';
import { claimStory, returnStory } from '@/lib/stories';
import { countUnreadNotifications, listNotifications, openNotification } from '@/lib/notifications';
import { createEditor, createSubmittedStory } from '../support/factories';

// A notification is read when its owner opens it, and by nobody else.

describe('opening a notification', () => {
  test("reads it and names its story; someone else's, or no such id, opens nothing and reads nothing", async () => {
    const editor = await createEditor();
    const { author, story } = await createSubmittedStory();
    const claimed = await claimStory(editor.viewer, story.id);
    await returnStory(editor.viewer, story.id, claimed.version, '请补充时间。');
    const [notice] = await listNotifications(author.viewer);
    expect(notice).toMatchObject({ kind: 'story_returned', storyId: story.id, readAt: null });
    expect(await countUnreadNotifications(author.viewer)).toBe(1);

    expect(await openNotification(editor.viewer, notice!.id)).toEqual({ storyId: null });
    for (const bad of ['1', -1, 2 ** 31, 1.5, null]) expect(await openNotification(author.viewer, bad)).toEqual({ storyId: null });
    expect(await countUnreadNotifications(author.viewer)).toBe(1);

    expect(await openNotification(author.viewer, notice!.id)).toEqual({ storyId: story.id });
    expect(await countUnreadNotifications(author.viewer)).toBe(0);
    const [read] = await listNotifications(author.viewer);
    // Opening it again keeps the time it was first read.
    await openNotification(author.viewer, notice!.id);
    expect((await listNotifications(author.viewer))[0]!.readAt).toEqual(read!.readAt);
  });
});
