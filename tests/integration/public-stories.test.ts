import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { storyStatus } from '@/db/schema/enums';
import { stories, type Story } from '@/db/schema';
import { claimStory, createStory, publishStory, rejectStory, returnStory, unpublishStory } from '@/lib/stories';
import { getHeadline, getPublishedArticle, listColumnPage, listLatestStories } from '@/lib/public-stories';
import { createColumn, createCorrespondent, createEditor, createSubmittedStory, STORY_BODY_HTML, uniqueToken, type TestUser } from '../support/factories';

// The public site's reads (lib/public-stories) through lib/ on PostgreSQL:
// whatever state a story is in, only a published one is ever returned. Every
// hidden story is dated newer than the published ones, so a missing filter
// would put it first.

const MINUTE_MS = 60_000;

let editor: TestUser;
let author: TestUser;
let columnId: number;
// Published, oldest to newest.
let published: Story[];
let hidden: Story[];

async function filed(): Promise<Story> {
  return (await createSubmittedStory({ author, columnId })).story;
}

async function publish(story: Story): Promise<Story> {
  const claimed = await claimStory(editor.viewer, story.id);
  return publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: '通讯员 张三', publicId: `pub-${uniqueToken().toLowerCase()}` });
}

beforeAll(async () => {
  [editor, author] = await Promise.all([createEditor(), createCorrespondent()]);
  columnId = (await createColumn()).id;
  published = [];
  for (let i = 0; i < 5; i++) published.push(await publish(await filed()));

  const draft = await createStory(author.viewer, { title: `草稿 ${uniqueToken()}`, columnId, bodyHtml: STORY_BODY_HTML });
  const submitted = await filed();
  const claimed = await filed();
  await claimStory(editor.viewer, claimed.id);
  const toReturn = await filed();
  const returned = await returnStory(editor.viewer, toReturn.id, (await claimStory(editor.viewer, toReturn.id)).version, '请补充现场细节。');
  const toReject = await filed();
  const rejected = await rejectStory(editor.viewer, toReject.id, (await claimStory(editor.viewer, toReject.id)).version, '不符合用稿要求。');
  const toSchedule = await filed();
  const scheduled = await publishStory(editor.viewer, toSchedule.id, (await claimStory(editor.viewer, toSchedule.id)).version, {
    columnId,
    byline: '通讯员 张三',
    when: 'schedule',
    publishAt: new Date(Date.now() + 8 * 60 * MINUTE_MS + 2 * 60 * MINUTE_MS).toISOString().slice(0, 16),
    publicId: `sched-${uniqueToken().toLowerCase()}`,
  });
  const wasOut = await publish(await filed());
  const unpublished = await unpublishStory(editor.viewer, wasOut.id, wasOut.version, '撤稿测试。');
  hidden = [draft, submitted, claimed, returned, rejected, scheduled, unpublished];

  const db = await getDb();
  // Any state the enum has that the steps above did not reach gets a story of its own.
  for (const status of storyStatus.enumValues) {
    if (status === 'published') continue;
    const ids = hidden.map((s) => s.id);
    const reached = (await db.select({ status: stories.status }).from(stories).where(inArray(stories.id, ids))).some((s) => s.status === status);
    if (!reached) {
      const spare = await filed();
      await db.update(stories).set({ status }).where(eq(stories.id, spare.id));
      hidden.push(spare);
    }
  }
  // Published a minute apart; every hidden story newer than all of them.
  const base = Date.now() - 60 * MINUTE_MS;
  for (const [i, story] of published.entries()) await db.update(stories).set({ publishedAt: new Date(base + i * MINUTE_MS) }).where(eq(stories.id, story.id));
  await db.update(stories).set({ publishedAt: new Date(Date.now() + 30 * MINUTE_MS) }).where(inArray(stories.id, hidden.map((s) => s.id)));
  hidden = await db.select().from(stories).where(inArray(stories.id, hidden.map((s) => s.id)));
  published = (await db.select().from(stories).where(inArray(stories.id, published.map((s) => s.id)))).sort((a, b) => a.publishedAt!.getTime() - b.publishedAt!.getTime());
});

describe('public reads return published stories only', () => {
  test('every state but published was tried', () => {
    expect(new Set(hidden.map((s) => s.status))).toEqual(new Set(storyStatus.enumValues.filter((s) => s !== 'published')));
  });

  test('an article page: by number or public id, a hidden story is not found, whatever its state', async () => {
    for (const story of hidden) {
      expect(await getPublishedArticle(String(story.id)), story.status).toBeNull();
      if (story.publicId) expect(await getPublishedArticle(story.publicId), story.status).toBeNull();
    }
    for (const story of published) {
      expect((await getPublishedArticle(String(story.id)))?.article.id).toBe(story.id);
      expect((await getPublishedArticle(story.publicId!))?.article.id).toBe(story.id);
    }
  });

  test('上一篇/下一篇 skip hidden stories, though they are dated in between', async () => {
    const newest = published.at(-1)!;
    const found = await getPublishedArticle(String(newest.id));
    expect(found?.previous?.id).toBe(published.at(-2)!.id);
    // Hidden stories are newer, yet there is no next.
    expect(found?.next).toBeNull();
    const middle = await getPublishedArticle(String(published[2]!.id));
    expect([middle?.previous?.id, middle?.next?.id]).toEqual([published[1]!.id, published[3]!.id]);
  });

  test('the column list, newest first, paged by keyset without gaps or repeats', async () => {
    const seen: number[] = [];
    let before: { publishedAt: Date; id: number } | undefined;
    for (let page = 0; page < 5; page++) {
      const { items, hasMore } = await listColumnPage(columnId, { before, limit: 2 });
      seen.push(...items.map((s) => s.id));
      if (!hasMore) break;
      const last = items.at(-1)!;
      before = { publishedAt: last.publishedAt, id: last.id };
    }
    expect(seen).toEqual(published.map((s) => s.id).reverse());
  });

  test('the latest lists and the headline', async () => {
    expect((await listLatestStories(50, columnId)).map((s) => s.id)).toEqual(published.map((s) => s.id).reverse());
    const hiddenIds = new Set(hidden.map((s) => s.id));
    const siteWide = await listLatestStories(50);
    expect(siteWide.filter((s) => hiddenIds.has(s.id))).toEqual([]);
    const headline = await getHeadline();
    expect(headline && hiddenIds.has(headline.id)).toBe(false);
  });
});
