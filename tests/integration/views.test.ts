import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { stories, storyViewSlots } from '@/db/schema';
import { claimStory, publishStory, unpublishStory } from '@/lib/editor-transitions';
import { currentViews, foldViewSlots, recordView } from '@/lib/views';
import { createEditor, createSubmittedStory, type TestUser } from '../support/factories';

// 阅读量 is exact: N concurrent views add exactly N, folding or not.

let editor: TestUser;

beforeAll(async () => {
  editor = await createEditor();
});

async function publishedStory() {
  const { story, columnId } = await createSubmittedStory();
  const claimed = await claimStory(editor.viewer, story.id);
  return publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: '通讯员 测试' });
}

async function foldedCount(id: number): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: stories.viewCount }).from(stories).where(eq(stories.id, id));
  return row!.n;
}

describe('view counting', () => {
  test('200 concurrent views add exactly 200, and each answers a running total', async () => {
    const story = await publishedStory();
    const answers = await Promise.all(Array.from({ length: 200 }, () => recordView(story.id)));
    expect(answers.every((n) => typeof n === 'number' && n >= 1 && n <= 200)).toBe(true);
    expect(await currentViews(story.id)).toBe(200);
    await foldViewSlots();
    expect(await foldedCount(story.id)).toBe(200);
    expect(await currentViews(story.id)).toBe(200);
  });

  test('folding while views arrive loses none', async () => {
    const story = await publishedStory();
    const views = Array.from({ length: 300 }, () => recordView(story.id));
    const folds = Array.from({ length: 5 }, (_, i) => new Promise((r) => setTimeout(r, i * 3)).then(() => foldViewSlots()));
    await Promise.all([...views, ...folds]);
    await foldViewSlots();
    expect(await foldedCount(story.id)).toBe(300);
    const db = await getDb();
    expect(await db.select().from(storyViewSlots).where(eq(storyViewSlots.storyId, story.id))).toEqual([]);
  });

  test('a story that is not published is not counted', async () => {
    const { story } = await createSubmittedStory();
    expect(await recordView(story.id)).toBeNull();
    const published = await publishedStory();
    const down = await unpublishStory(editor.viewer, published.id, published.version, '核实中。');
    expect(await recordView(down.id)).toBeNull();
    expect(await recordView(2_000_000_000)).toBeNull();
    expect(await currentViews(story.id)).toBe(0);
  });
});
