import { eq, inArray } from 'drizzle-orm';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { stories, type Story } from '@/db/schema';
import { claimStory, createStory, publishStory, publishUpdate, saveStory, unpublishStory } from '@/lib/stories';
import { buildArticleSitemap, buildColumnFeed, buildPagesSitemap, buildSiteFeed, buildSitemapIndex, getPublicSite, parseSitemapFile } from '@/lib/feeds';
import { articlePath } from '@/lib/public-stories';
import type { SeoSite } from '@/lib/seo';
import { getSiteSettings, type SiteSettings } from '@/lib/settings';
import { writeSettingsGroup } from '@/lib/settings/internal/write';
import { createColumn, createCorrespondent, createEditor, createSubmittedStory, STORY_BODY_HTML, uniqueToken, type TestUser } from '../support/factories';

// The RSS feeds and sitemaps (lib/feeds) through lib/ on PostgreSQL: only
// published stories, newest first, on absolute links, in XML that parses.

const ORIGIN = 'https://news.example.cn';
const HOUR_MS = 3600_000;
// Titles as correspondents paste them: markup characters, curly quotes, emoji
// and a control character from a word processor.
const HOSTILE_TITLE = `检察院 & 法院 <联合> 发布“典型案例” 🎉\u0001 ${uniqueToken()}`;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'url', 'sitemap'].includes(name) });

type Item = { title: string; link: string; guid: { '#text': string; '@isPermaLink': string }; pubDate: string; description: string; category?: string; 'dc:creator'?: string };

function parseXml(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

function itemsOf(xml: string): Item[] {
  return parseXml(xml).rss.channel.item ?? [];
}

const site: SeoSite = { name: '测试法治网', origin: ORIGIN };
const wholeSeconds = (date: Date) => Math.floor(date.getTime() / 1000) * 1000;
const url = (story: { id: number; publicId: string | null }) => `${ORIGIN}${articlePath(story)}`;

let editor: TestUser;
let author: TestUser;
let columnId: number;
let columnSlug: string;
let columnName: string;
// Published, oldest to newest.
let published: Story[];
// Every other state a story can be in.
let hidden: Story[];
let previousSite: SiteSettings['site'];

// An editor's 采用并发布 of a filed story, now.
async function publish(story: Story, input: Record<string, unknown> = {}): Promise<Story> {
  const claimed = await claimStory(editor.viewer, story.id);
  return publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: '通讯员 张三', ...input });
}

async function filed(title?: string): Promise<Story> {
  return (await createSubmittedStory({ author, columnId, title })).story;
}

beforeAll(async () => {
  previousSite = (await getSiteSettings()).site;
  await writeSettingsGroup(await getDb(), 'site', { timeZone: 'Asia/Shanghai' }, null);
  const column = await createColumn();
  [editor, author] = await Promise.all([createEditor(), createCorrespondent()]);
  ({ id: columnId, slug: columnSlug, name: columnName } = column);

  const oldest = await publish(await filed());
  const middle = await publish(await filed(HOSTILE_TITLE), { publicId: `feed-${uniqueToken().toLowerCase()}`, byline: '通讯员 李四 & 王五' });
  const newest = await publish(await filed());
  published = [oldest, middle, newest];

  // A second apart, so the order does not hang on which millisecond each
  // publish ran in; still newer than anything other test files published.
  const db = await getDb();
  const base = Date.now();
  for (const [i, story] of published.entries()) {
    await db.update(stories).set({ publishedAt: new Date(base - (published.length - i) * 1000) }).where(eq(stories.id, story.id));
  }
  // Edited while published: dated by the edit from now on.
  const [current] = await db.select().from(stories).where(eq(stories.id, oldest.id));
  const edited = await saveStory(editor.viewer, oldest.id, current!.version, { title: current!.title, columnId, bodyHtml: `${STORY_BODY_HTML}<p>更正。</p>` });
  await publishUpdate(editor.viewer, oldest.id, edited.version, { kind: 'minor' });
  published = (await db.select().from(stories).where(inArray(stories.id, published.map((s) => s.id)))).sort((a, b) => a.publishedAt!.getTime() - b.publishedAt!.getTime());

  const draft = await createStory(author.viewer, { title: `草稿 ${uniqueToken()}`, columnId, bodyHtml: STORY_BODY_HTML });
  const submitted = await filed();
  const inReview = await filed();
  await claimStory(editor.viewer, inReview.id);
  const toSchedule = await filed();
  const claimed = await claimStory(editor.viewer, toSchedule.id);
  // Two hours from now, as a Shanghai editor types it (UTC+8).
  const shanghaiLocal = new Date(Date.now() + 2 * HOUR_MS + 8 * HOUR_MS).toISOString().slice(0, 16);
  const scheduled = await publishStory(editor.viewer, toSchedule.id, claimed.version, { columnId, byline: '通讯员 张三', when: 'schedule', publishAt: shanghaiLocal });
  const wasOut = await publish(await filed());
  const unpublished = await unpublishStory(editor.viewer, wasOut.id, wasOut.version, '撤稿测试。');
  hidden = [draft, submitted, inReview, scheduled, unpublished];
  expect(hidden.map((s) => s.status)).toEqual(['draft', 'submitted', 'submitted', 'scheduled', 'unpublished']);
});

afterAll(async () => {
  await writeSettingsGroup(await getDb(), 'site', { timeZone: previousSite.timeZone, baseUrl: previousSite.baseUrl }, null);
});

describe('column feed', () => {
  test('the published stories of the column only, newest first, on absolute permalinks', async () => {
    const xml = await buildColumnFeed(site, columnSlug);
    expect(xml).not.toBeNull();
    const doc = parseXml(xml!);
    const channel = doc.rss.channel;
    expect(channel.title).toBe(`${columnName} · 测试法治网`);
    expect(channel.link).toBe(`${ORIGIN}/columns/${columnSlug}`);
    expect(channel.language).toBe('zh-CN');
    expect(channel['atom:link']['@href']).toBe(`${ORIGIN}/columns/${columnSlug}/rss.xml`);

    const items = itemsOf(xml!);
    expect(items.map((i) => i.link)).toEqual([...published].reverse().map(url));
    for (const [i, item] of items.entries()) {
      expect(item.guid).toEqual({ '#text': item.link, '@isPermaLink': 'true' });
      expect(item.category).toBe(columnName);
      expect(new Date(item.pubDate).getTime()).toBe(wholeSeconds([...published].reverse()[i]!.publishedAt!));
    }
    // The channel last changed with the edit.
    expect(new Date(channel.lastBuildDate).getTime()).toBe(wholeSeconds(published[0]!.contentUpdatedAt!));
  });

  test('titles with markup, quotes, emoji and control characters come through as text', async () => {
    const items = itemsOf((await buildColumnFeed(site, columnSlug))!);
    const middle = items.find((i) => i.link === url(published[1]!))!;
    expect(middle.title).toBe(HOSTILE_TITLE.replace('\u0001', ''));
    expect(middle.link).toMatch(new RegExp(`^${ORIGIN}/articles/feed-`));
    expect(middle['dc:creator']).toBe('通讯员 李四 & 王五');
    // No summary: the start of the body describes it.
    expect(middle.description).toBe('本网讯（通讯员 测试）近日，某区司法局组织开展法律明白人专题培训，全区二百余名法律明白人参加培训。');
  });

  test('an unknown, inactive or malformed column has no feed', async () => {
    const inactive = await createColumn({ isActive: false });
    expect(await buildColumnFeed(site, `no-such-${uniqueToken().toLowerCase()}`)).toBeNull();
    expect(await buildColumnFeed(site, inactive.slug)).toBeNull();
    expect(await buildColumnFeed(site, '../Bad Slug')).toBeNull();
  });
});

describe('site feed', () => {
  test('published stories only, newest first, at most the limit', async () => {
    const items = itemsOf(await buildSiteFeed(site));
    expect(items.length).toBeLessThanOrEqual(50);
    const links = items.map((i) => i.link);
    for (const story of hidden) expect(links).not.toContain(url(story));
    const ours = links.filter((l) => published.some((s) => url(s) === l));
    expect(ours).toEqual([...published].reverse().map(url));
    const dates = items.map((i) => new Date(i.pubDate).getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(links.every((l) => l.startsWith(`${ORIGIN}/articles/`))).toBe(true);

    const db = await getDb();
    const ids = items.map((i) => i.link.slice(`${ORIGIN}/articles/`.length));
    const rows = await db.select({ id: stories.id, publicId: stories.publicId }).from(stories).where(eq(stories.status, 'published'));
    const publishedKeys = new Set(rows.flatMap((r) => [String(r.id), r.publicId ?? '']));
    expect(ids.every((k) => publishedKeys.has(k))).toBe(true);
    expect(itemsOf(await buildSiteFeed(site, { limit: 2 }))).toHaveLength(2);
  });
});

describe('sitemaps', () => {
  test('the article files together list every published story once, none of the others', async () => {
    const perFile = 7;
    const index = parseXml(await buildSitemapIndex(site, { perFile })).sitemapindex.sitemap as { loc: string; lastmod?: string }[];
    expect(index[0]!.loc).toBe(`${ORIGIN}/sitemaps/pages.xml`);
    const files = index.slice(1).map((s) => {
      const parsed = parseSitemapFile(s.loc.slice(`${ORIGIN}/sitemaps/`.length), perFile);
      expect(parsed?.kind).toBe('articles');
      return parsed as { kind: 'articles'; page: number };
    });

    const listed: string[] = [];
    for (const file of files) {
      const xml = await buildArticleSitemap(site, file.page, { perFile });
      expect(xml).not.toBeNull();
      const urls = parseXml(xml!).urlset.url as { loc: string; lastmod: string }[];
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.length).toBeLessThanOrEqual(perFile);
      listed.push(...urls.map((u) => u.loc));
    }
    const db = await getDb();
    const rows = await db.select({ id: stories.id, publicId: stories.publicId }).from(stories).where(eq(stories.status, 'published'));
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.sort()).toEqual(rows.map(url).sort());
    for (const story of hidden) expect(listed).not.toContain(url(story));
  });

  test('an article is dated by its latest edit, else its publication', async () => {
    const perFile = 1000;
    const lastmodOf = async (story: Story) => {
      const xml = await buildArticleSitemap(site, Math.floor((story.id - 1) / perFile) + 1, { perFile });
      const urls = parseXml(xml!).urlset.url as { loc: string; lastmod: string }[];
      return urls.find((u) => u.loc === url(story))?.lastmod;
    };
    const seconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const [oldest, middle] = published;
    expect(oldest!.contentUpdatedAt).not.toBeNull();
    expect(await lastmodOf(oldest!)).toBe(seconds(oldest!.contentUpdatedAt!));
    expect(await lastmodOf(middle!)).toBe(seconds(middle!.publishedAt!));
  });

  test('a range with no published story, or a name that is no sitemap, is not found', async () => {
    expect(await buildArticleSitemap(site, 2_000_000, { perFile: 1000 })).toBeNull();
    expect(parseSitemapFile('articles-0.xml')).toBeNull();
    expect(parseSitemapFile('articles-1.xml.gz')).toBeNull();
    expect(parseSitemapFile('articles-99999999.xml')).toBeNull();
    expect(parseSitemapFile('pages.xml')).toEqual({ kind: 'pages' });
  });

  test('the pages sitemap: home, then the active columns dated by their newest story', async () => {
    const urls = parseXml(await buildPagesSitemap(site)).urlset.url as { loc: string; lastmod?: string }[];
    expect(urls[0]!.loc).toBe(`${ORIGIN}/`);
    const ours = urls.find((u) => u.loc === `${ORIGIN}/columns/${columnSlug}`);
    expect(ours?.lastmod).toBe(published.at(-1)!.publishedAt!.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  });
});

describe('site address', () => {
  test('the configured public address, never a request’s', async () => {
    const db = await getDb();
    await writeSettingsGroup(db, 'site', { baseUrl: '' }, null);
    expect((await getPublicSite()).origin).toBe(process.env.PUBLIC_BASE_URL ? new URL(process.env.PUBLIC_BASE_URL).origin : '');
    await writeSettingsGroup(db, 'site', { baseUrl: 'https://www.example.cn/' }, null);
    expect((await getPublicSite()).origin).toBe('https://www.example.cn');
  });
});
