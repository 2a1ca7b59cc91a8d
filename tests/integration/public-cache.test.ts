import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getDb, listenDb } from '@/db/client';
import { stories, type SiteColumn, type Story } from '@/db/schema';
import { claimStory, publishStory, publishUpdate, saveStory, unpublishStory } from '@/lib/stories';
import { PUBLIC_CHANGE_CHANNEL, parseStalePages, type StalePages } from '@/lib/public-cache';
import { getSiteSettings } from '@/lib/settings';
import { writeSettingsGroup } from '@/lib/settings/internal/write';
import { createColumn, createCorrespondent, createEditor, createSubmittedStory, STORY_BODY_HTML, type TestUser } from '../support/factories';

// What every instance hears when readers' pages go stale (lib/public-cache):
// through lib/ on PostgreSQL, listening on the channel as the server does.

let heard: StalePages[] = [];
let unlisten: () => Promise<void>;
let editor: TestUser;
let author: TestUser;
let column: SiteColumn;
let other: SiteColumn;
let older: Story;
let newer: Story;

// The next announcement that mentions this article address.
async function heardAbout(path: string): Promise<StalePages> {
  for (let waited = 0; waited < 5000; waited += 50) {
    const found = heard.find((h) => h.everything || h.articles.includes(path));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing heard about ${path}; heard ${JSON.stringify(heard)}`);
}

async function publish(story: Story, columnId: number): Promise<Story> {
  const claimed = await claimStory(editor.viewer, story.id);
  return publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: '通讯员 张三' });
}

beforeAll(async () => {
  unlisten = await listenDb(PUBLIC_CHANGE_CHANNEL, (payload) => heard.push(parseStalePages(JSON.parse(payload))));
  [editor, author, column, other] = await Promise.all([createEditor(), createCorrespondent(), createColumn(), createColumn()]);
  older = await publish((await createSubmittedStory({ author, columnId: column.id })).story, column.id);
  // A minute apart, so the order does not hang on the millisecond.
  await (await getDb()).update(stories).set({ publishedAt: new Date(Date.now() - 60_000) }).where(eq(stories.id, older.id));
});

afterAll(async () => {
  await unlisten();
});

describe('announced stale pages', () => {
  test('publishing: the story, the story before it in the column (its 下一篇 changes) and the column; older pages keep', async () => {
    heard = [];
    newer = await publish((await createSubmittedStory({ author, columnId: column.id })).story, column.id);
    const stale = await heardAbout(`/articles/${newer.id}`);
    expect(stale.everything).toBe(false);
    expect(stale.articles).toContain(`/articles/${older.id}`);
    expect(stale.columns).toEqual([column.slug]);
    // The newest story of its column: no older page shows it.
    expect(stale.olderColumnPages).toBe(false);
  });

  test('moving a published story to another column: both columns and the neighbours it leaves', async () => {
    heard = [];
    const [current] = await (await getDb()).select().from(stories).where(eq(stories.id, older.id));
    const edited = await saveStory(editor.viewer, older.id, current!.version, { title: current!.title, columnId: other.id, bodyHtml: `${STORY_BODY_HTML}<p>改栏目。</p>` });
    // A pending revision changes nothing readers see: the move is announced when it goes out.
    await publishUpdate(editor.viewer, older.id, edited.version, { kind: 'minor' });
    const stale = await heardAbout(`/articles/${older.id}`);
    expect(stale.columns.sort()).toEqual([column.slug, other.slug].sort());
    expect(stale.articles).toContain(`/articles/${newer.id}`);
    // It was older than another story of its old column.
    expect(stale.olderColumnPages).toBe(true);
  });

  test('unpublishing: the story and its column, though it is gone from the public copy', async () => {
    heard = [];
    const [current] = await (await getDb()).select().from(stories).where(eq(stories.id, newer.id));
    await unpublishStory(editor.viewer, newer.id, current!.version, '撤稿测试。');
    const stale = await heardAbout(`/articles/${newer.id}`);
    expect(stale.columns).toEqual([column.slug]);
  });

  test('a public id makes both addresses stale', async () => {
    heard = [];
    const story = (await createSubmittedStory({ author, columnId: column.id })).story;
    const claimed = await claimStory(editor.viewer, story.id);
    const publicId = `cache-${story.id}`;
    await publishStory(editor.viewer, story.id, claimed.version, { columnId: column.id, byline: '通讯员 张三', publicId });
    const stale = await heardAbout(`/articles/${publicId}`);
    expect(stale.articles).toContain(`/articles/${story.id}`);
  });

  test('a rolled-back change announces nothing', async () => {
    heard = [];
    const story = (await createSubmittedStory({ author, columnId: column.id })).story;
    const claimed = await claimStory(editor.viewer, story.id);
    // A stale version: refused, rolled back.
    await expect(publishStory(editor.viewer, story.id, claimed.version - 1, { columnId: column.id, byline: '通讯员 张三' })).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heard.filter((h) => h.everything || h.articles.includes(`/articles/${story.id}`))).toEqual([]);
  });

  test('the site name or footer makes every page stale; the session limits do not', async () => {
    const db = await getDb();
    const settings = await getSiteSettings();
    heard = [];
    await writeSettingsGroup(db, 'security', { sessionIdleMinutes: settings.security.sessionIdleMinutes }, null);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heard).toEqual([]);
    await writeSettingsGroup(db, 'footer', { phone: settings.footer.phone }, null);
    for (let waited = 0; heard.length === 0 && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toEqual([expect.objectContaining({ everything: true })]);
  });
});
