import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { stories, storyViewSlots } from '@/db/schema';
import { claimStory, publishStory, unpublishStory } from '@/lib/stories';
import { ViewBuffer } from '@/lib/view-buffer';
import { currentViews, foldViewSlots } from '@/lib/views';
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
    const views = new ViewBuffer();
    const answers = await Promise.all(Array.from({ length: 200 }, () => views.count(story.id)));
    expect(answers.every((n) => typeof n === 'number' && n >= 1 && n <= 200)).toBe(true);
    expect(Math.max(...(answers as number[]))).toBe(200);
    // Counted in memory until written.
    expect(await currentViews(story.id)).toBe(0);
    await views.flush();
    expect(await currentViews(story.id)).toBe(200);
    await foldViewSlots();
    expect(await foldedCount(story.id)).toBe(200);
    expect(await currentViews(story.id)).toBe(200);
    // The next answer starts from the written total.
    expect(await views.count(story.id)).toBe(201);
    views.stop();
  });

  test('two instances counting, writing and folding at the same time lose and double nothing', async () => {
    const story = await publishedStory();
    const [a, b] = [new ViewBuffer(), new ViewBuffer()];
    const counts = Array.from({ length: 300 }, (_, i) => (i % 2 ? a : b).count(story.id));
    const writes = Array.from({ length: 6 }, (_, i) => new Promise((r) => setTimeout(r, i * 3)).then(() => (i % 2 ? a : b).flush()));
    const folds = Array.from({ length: 5 }, (_, i) => new Promise((r) => setTimeout(r, i * 4)).then(() => foldViewSlots()));
    await Promise.all([...counts, ...writes, ...folds]);
    await Promise.all([a.flush(), b.flush()]);
    await foldViewSlots();
    expect(await foldedCount(story.id)).toBe(300);
    const db = await getDb();
    expect(await db.select().from(storyViewSlots).where(eq(storyViewSlots.storyId, story.id))).toEqual([]);
    a.stop();
    b.stop();
  });

  test('a story that is not published is not counted', async () => {
    const views = new ViewBuffer();
    const { story } = await createSubmittedStory();
    expect(await views.count(story.id)).toBeNull();
    const published = await publishedStory();
    const down = await unpublishStory(editor.viewer, published.id, published.version, '核实中。');
    expect(await views.count(down.id)).toBeNull();
    expect(await views.count(2_000_000_000)).toBeNull();
    await views.flush();
    expect(await currentViews(story.id)).toBe(0);
    expect(await currentViews(down.id)).toBe(0);
    views.stop();
  });

  test('views of a story unpublished before they are written are dropped, not written', async () => {
    const views = new ViewBuffer();
    const story = await publishedStory();
    expect(await views.count(story.id)).toBe(1);
    await unpublishStory(editor.viewer, story.id, story.version, '核实中。');
    await views.flush();
    expect(await currentViews(story.id)).toBe(0);
    views.stop();
  });
});
