import { mkdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from '@playwright/test';
import { createAccount, demo, uniqueIp, uniqueToken } from './support/accounts';
import { expectNoViolations } from './support/accessibility';
import { submitStory, type StoryDraft } from './support/desk-pages';
import { expect, test as base } from './support/fixtures';
import { en, pattern, zh } from './support/messages';
import {
  ArticlePage,
  ColumnPage,
  HomePage,
  pathOf,
  readFeed,
  SearchPage,
  sitemapFilesListing,
} from './support/public-pages';
import { ReviewStoryPage, zonedInputValue } from './support/review-pages';
import { startSecondInstance } from './support/second-instance';
import { signedInPage, signIn } from './support/session';

// The public site in the browser: a story an editor publishes shows up on
// the home page, its column, its own page, the feeds and the sitemap; an
// edit shows there with its 更新于 note; unpublished, it is gone. Then the
// reader's side of an article: read counts, font size, print view, and
// accessibility of the public pages.

// A desktop Chrome as readers use it, and the same browser run headless as
// crawlers and monitors do (the view beacon counts the first, not the second).
const READER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const HEADLESS_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36';

// Screenshots for people to look at, kept with the other test output (ignored by git).
const ARTIFACTS_DIR = fileURLToPath(new URL('../.artifacts/', import.meta.url));

// Today's date in the site's time zone, as the public pages print it (2026-03-15).
function siteToday(): string {
  return zonedInputValue(new Date()).slice(0, 10);
}

type PublishFields = { source: string; byline: string; editorName: string };

// An editor claims a submitted story and publishes it now, under the last
// column the dialog offers (not the one the correspondent chose) and with
// the given meta fields; returns that column's name.
async function publishUnderLastColumn(editor: ReviewStoryPage, id: number, fields: PublishFields): Promise<string> {
  await editor.goto(id);
  await editor.claim();
  await editor.openPublish();
  const columns = await editor.publishField('columnId').locator('option:not([value=""])').allTextContents();
  const column = columns.at(-1)!.trim();
  expect(column, 'a column to publish under').not.toBe('');
  await editor.publishField('columnId').selectOption({ label: column });
  await editor.publishField('source').fill(fields.source);
  await editor.publishField('byline').fill(fields.byline);
  await editor.publishField('editorName').fill(fields.editorName);
  await editor.confirmPublish();
  await editor.expectStatus('published');
  await expect(editor.publicLink).toHaveText(`/articles/${id}`);
  return column;
}

// One published story the reader-side tests share (they only read it).
type SharedArticle = { id: number; path: string; title: string; columnSlug: string };

const test = base.extend<object, { sharedArticle: SharedArticle }>({
  sharedArticle: [
    async ({ browser }, provide, workerInfo) => {
      const { baseURL, locale, timezoneId } = workerInfo.project.use;
      const contexts: BrowserContext[] = [];
      const newClient = async () => {
        const context = await browser.newContext({ baseURL, locale, timezoneId, extraHTTPHeaders: { 'X-Forwarded-For': uniqueIp() } });
        contexts.push(context);
        return context;
      };
      try {
        const correspondent = await createAccount(browser, baseURL!);
        const editor = await createAccount(browser, baseURL!, { role: 'editor' });
        const title = `社区法律服务站揭牌 ${uniqueToken()}`;
        const { id } = await submitStory(await signedInPage(newClient, correspondent), {
          title,
          paragraphs: ['本网讯 街道社区法律服务站正式揭牌，律师每周两次坐班，为居民免费解答法律问题。', '揭牌当天，律师现场接待群众咨询三十余人次。'],
        });
        await publishUnderLastColumn(new ReviewStoryPage(await signedInPage(newClient, editor)), id, {
          source: '区司法局',
          byline: '通讯员 陈静',
          editorName: '刘编辑',
        });
        // Its column, from the article's breadcrumb (home › column).
        const reader = new ArticlePage(await (await newClient()).newPage());
        await reader.page.goto(`/articles/${id}`);
        const columnSlug = (await reader.breadcrumb.getByRole('link').last().getAttribute('href'))!.split('/').pop()!;
        await provide({ id, path: `/articles/${id}`, title, columnSlug });
      } finally {
        await Promise.all(contexts.map((c) => c.close()));
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

test('a published story is on the home page, its column, its page, the feeds and the sitemap; edited it says 更新于; unpublished it is gone', async ({
  page,
  request,
  createAccount,
  newClient,
}) => {
  test.setTimeout(150_000);
  const correspondent = await createAccount();
  const editor = await createAccount({ role: 'editor' });
  const token = uniqueToken();
  const draft: StoryDraft = {
    title: `区法院开展“法官进社区”活动 ${token}`,
    subtitle: '送法上门 解答群众法律咨询',
    paragraphs: ['本网讯 区人民法院组织法官走进社区，面对面解答群众在婚姻家庭、房屋租赁方面的法律问题。', '活动现场共接待群众咨询五十余人次。'],
  };
  const fields: PublishFields = { source: '区人民法院', byline: `通讯员 李明${token.slice(-3)}`, editorName: `张编辑${token.slice(-3)}` };
  const path = (id: number) => `/articles/${id}`;

  // The correspondent submits; an editor publishes with column, byline and 编辑.
  await signIn(page.context(), correspondent);
  const { id } = await submitStory(page, draft);
  const desk = new ReviewStoryPage(await signedInPage(newClient, editor));
  const columnName = await publishUnderLastColumn(desk, id, fields);
  const publishedOn = siteToday();

  const reader = await (await newClient({ userAgent: READER_UA })).newPage();
  const article = new ArticlePage(reader);
  let columnSlug = '';

  await test.step('its page: title, 副题, every meta field, the tools, share panel and structured data', async () => {
    await article.open(path(id));
    await expect(article.title).toHaveText(draft.title);
    await expect(reader.getByText(draft.subtitle!, { exact: true })).toBeVisible();
    await expect(article.body).toContainText(draft.paragraphs[0]!);
    await expect(article.body).toContainText(draft.paragraphs[1]!);
    // 时间 · 来源 · 作者 · 编辑 · 阅读量, in that order.
    const meta = await article.meta.locator(':scope > span').allInnerTexts();
    expect(meta.map((m) => m.split(':')[0])).toEqual([zh.public.time, zh.public.source, zh.public.author, zh.public.editor, zh.public.views]);
    expect([publishedOn, siteToday()]).toContain(meta[0]!.replace(`${zh.public.time}: `, ''));
    await expect(article.metaField(zh.public.source)).toHaveText(`${zh.public.source}: ${fields.source}`);
    await expect(article.metaField(zh.public.author)).toHaveText(`${zh.public.author}: ${fields.byline}`);
    await expect(article.metaField(zh.public.editor)).toHaveText(`${zh.public.editor}: ${fields.editorName}`);
    await expect(article.viewCount).toHaveText(/^[1-9]\d*$/);
    // Never edited since publication: no 更新于.
    await expect(article.updatedAt).toHaveCount(0);
    await article.expectFontSize('medium');
    await expect(article.qrCode.locator('svg')).toBeVisible();
    await expect(article.copyLink).toBeVisible();
    await expect(article.print).toBeVisible();
    await expect(article.siblings).toContainText(zh.public.prevArticle);
    await expect(article.siblings).toContainText(zh.public.nextArticle);
    const columnLink = article.breadcrumb.getByRole('link', { name: columnName, exact: true });
    await expect(columnLink).toHaveAttribute('href', /^\/columns\/[a-z0-9-]+$/);
    columnSlug = (await columnLink.getAttribute('href'))!.split('/').pop()!;
    const jsonLd = await article.jsonLd();
    expect(jsonLd['@type']).toBe('NewsArticle');
    expect(jsonLd.headline).toBe(draft.title);
  });

  const home = new HomePage(reader);
  const column = new ColumnPage(reader);

  await test.step('the home page: headline or latest list, and the list of its column', async () => {
    await home.goto();
    await expect(home.inHeadlineOrLatest(draft.title)).toBeVisible();
    await expect(home.column(columnName).getByRole('link', { name: draft.title, exact: true })).toBeVisible();
    await expect(home.submitEntry.getByRole('link')).toHaveAttribute('href', '/login');
    await home.inHeadlineOrLatest(draft.title).click();
    await expect(reader).toHaveURL(path(id));
  });

  await test.step('its column page', async () => {
    await column.goto(columnSlug);
    await expect(column.heading).toHaveText(columnName);
    await expect(column.story(draft.title)).toHaveAttribute('href', path(id));
  });

  const search = new SearchPage(reader);
  // Search pages are cached per query and dropped by every public change,
  // which the server hears a moment after the change commits.
  const searchShows = async (title: string | null) =>
    expect(async () => {
      await search.search(token);
      if (title) await expect(search.result(title)).toHaveAttribute('href', path(id), { timeout: 1_000 });
      else await expect(reader.getByText(zh.public.searchNone)).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 10_000 });

  await test.step('search finds it by the token in its title, and the result page is served from the cache', async () => {
    await searchShows(draft.title);
    await expect(search.total).toContainText(token);
    const address = `/search?q=${encodeURIComponent(token)}`;
    expect(new URL(reader.url()).pathname + new URL(reader.url()).search).toBe(address);
    await expect.poll(async () => (await request.get(address)).headers()['x-nextjs-cache']).toBe('HIT');
  });

  await test.step('the site feed, the column feed and the sitemap', async () => {
    for (const feed of ['/rss.xml', `/columns/${columnSlug}/rss.xml`]) {
      const items = (await readFeed(request, feed)).filter((item) => item.title === draft.title);
      expect(items, `${feed} lists the story once`).toHaveLength(1);
      expect(pathOf(items[0]!.link)).toBe(path(id));
    }
    expect(await sitemapFilesListing(request, path(id))).toEqual([expect.stringMatching(/^\/sitemaps\/articles-\d+\.xml$/)]);
    const robots = await request.get('/robots.txt');
    expect(robots.status()).toBe(200);
    expect(await robots.text()).toMatch(/^Sitemap: https?:\/\/\S+\/sitemap\.xml$/m);
  });

  const editedTitle = `区法院“法官进社区”活动解答咨询五十余人次 ${token}`;
  const editedParagraph = '活动现场共接待群众咨询六十余人次，发放宣传资料两百余份。';

  await test.step('edited on the review desk and published as an update, the page shows the change and 更新于', async () => {
    await desk.replaceParagraph(draft.paragraphs[1]!, editedParagraph);
    await desk.title.fill(editedTitle);
    await desk.expectSaved();
    await desk.publishUpdate();
    await article.open(path(id));
    await expect(article.title).toHaveText(editedTitle);
    await expect(article.body).toContainText(editedParagraph);
    await expect(article.body).not.toContainText(draft.paragraphs[1]!);
    await expect(article.updatedAt).toHaveText(pattern(zh.public.updatedAt, { at: `${siteToday()} \\d{2}:\\d{2}` }));
    const items = await readFeed(request, '/rss.xml');
    expect(items.map((i) => i.title)).toContain(editedTitle);
    // The cached search for it shows the new title.
    await searchShows(editedTitle);
  });

  await test.step('unpublished, its page is the 404 of the site and the lists, feeds and sitemap drop it', async () => {
    await desk.actWithNote('unpublish', '数据需要核实，暂时撤下。');
    await desk.expectStatus('unpublished');

    const response = await reader.goto(path(id));
    expect(response?.status()).toBe(404);
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText(zh.pages.notFoundTitle);
    await expect(reader.getByText('404', { exact: true })).toBeVisible();
    await expect(article.frame.columnLink(columnName)).toBeVisible();
    await expect(article.frame.footer).toBeVisible();
    await expect(reader.getByText(editedTitle)).toHaveCount(0);
    // The same as for an article that never was.
    expect((await request.get('/articles/2147483647')).status()).toBe(404);

    await home.goto();
    await expect(home.storyLinks(editedTitle)).toHaveCount(0);
    await column.goto(columnSlug);
    await expect(column.heading).toHaveText(columnName);
    await expect(column.story(editedTitle)).toHaveCount(0);
    for (const feed of ['/rss.xml', `/columns/${columnSlug}/rss.xml`]) {
      const items = await readFeed(request, feed);
      expect(items.map((i) => pathOf(i.link)), feed).not.toContain(path(id));
    }
    expect(await sitemapFilesListing(request, path(id))).toEqual([]);
    await searchShows(null);
  });
});

test('a second instance on the same database serves a change made on the first within seconds, though it had the page cached', async ({ page, createAccount, newClient, playwright, baseURL }) => {
  // Needs the shared PostgreSQL (npm test and CI always provide it); on the
  // embedded database, which one process owns, startSecondInstance says so and fails.
  test.setTimeout(150_000);
  const correspondent = await createAccount();
  const editor = await createAccount({ role: 'editor' });
  const token = uniqueToken();
  const title = `区司法局召开普法工作推进会 ${token}`;
  const editedTitle = `区司法局部署年度普法重点工作 ${token}`;
  const paragraphs = ['本网讯 区司法局召开普法工作推进会，部署下一阶段普法重点工作。', '会议要求各单位压实责任，确保任务落地见效。'];

  const second = await startSecondInstance(Number(new URL(baseURL!).port) + 50);
  const other = await playwright.request.newContext({ baseURL: second.baseURL, extraHTTPHeaders: { 'User-Agent': READER_UA } });
  try {
    await signIn(page.context(), correspondent);
    const { id } = await submitStory(page, { title, paragraphs });
    const desk = new ReviewStoryPage(await signedInPage(newClient, editor));
    await publishUnderLastColumn(desk, id, { source: '区司法局', byline: '通讯员 陈静', editorName: '刘编辑' });
    const path = `/articles/${id}`;

    await test.step('the second instance renders the page once, then serves it from its cache', async () => {
      expect((await other.get(path)).status()).toBe(200);
      const cached = await other.get(path);
      expect(cached.headers()['x-nextjs-cache']).toBe('HIT');
      expect(cached.headers()['cache-control']).toBe('s-maxage=60, stale-while-revalidate=600');
      expect(await cached.text()).toContain(title);
      expect(await (await other.get('/')).text()).toContain(title);
    });

    await test.step('edited on the first instance and published as an update: the second shows the new title on the article and the home page', async () => {
      await desk.title.fill(editedTitle);
      await desk.expectSaved();
      await desk.publishUpdate();
      const fetchText = (url: string) => other.get(url).then((r) => r.text());
      await expect.poll(() => fetchText(path), { timeout: 10_000 }).toContain(editedTitle);
      await expect.poll(() => fetchText('/'), { timeout: 10_000 }).toContain(editedTitle);
    });

    await test.step('unpublished on the first instance: a 404 on the second', async () => {
      await desk.actWithNote('unpublish', '内容需要核实。');
      await desk.expectStatus('unpublished');
      await expect.poll(() => other.get(path).then((r) => r.status()), { timeout: 10_000 }).toBe(404);
      await expect.poll(() => other.get('/').then((r) => r.text()), { timeout: 10_000 }).not.toContain(editedTitle);
    });
  } finally {
    await other.dispose();
    await second.stop();
  }
});

test('every visit by a reader adds exactly one to 阅读量; a headless browser and a prefetch add none', async ({ sharedArticle, newClient, baseURL }) => {
  const readerContext = await newClient({ userAgent: READER_UA });
  const reader = new ArticlePage(await readerContext.newPage());

  const first = await reader.shownViews(await reader.open(sharedArticle.path));
  expect(first).toBeGreaterThan(0);
  // A reload is another visit.
  const second = await reader.shownViews(await reader.open());
  expect(second).toBe(first + 1);

  // A crawler's visit: answered without a count, the page keeps its rendered figure.
  const crawler = new ArticlePage(await (await newClient({ userAgent: HEADLESS_UA })).newPage());
  const crawlerBeacon = await crawler.open(sharedArticle.path);
  expect(crawlerBeacon.status()).toBe(204);
  expect(await crawler.shownViews(crawlerBeacon)).toBeLessThanOrEqual(second);

  // A prefetch from our own origin, by a reader's browser: answered, not counted.
  const prefetch = await readerContext.request.post(`/api/views/${sharedArticle.id}`, {
    headers: { 'User-Agent': READER_UA, Origin: new URL(baseURL!).origin, 'Sec-Purpose': 'prefetch' },
  });
  expect(prefetch.status()).toBe(204);

  // Neither moved the count: the next reader's visit is again exactly one more.
  const third = await reader.shownViews(await reader.open());
  expect(third).toBe(second + 1);
});

test('the language switch opens the same article at its English address, whose links stay English, and back', async ({ sharedArticle, page }) => {
  const article = new ArticlePage(page);
  await article.open(sharedArticle.path);
  await page.getByTestId('language-switch').click();
  await expect(page).toHaveURL(`/en${sharedArticle.path}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const english = new ArticlePage(page, en);
  await expect(english.title).toHaveText(sharedArticle.title);
  await expect(english.metaField(en.public.source)).toBeVisible();
  // Within the English site, links keep the reader in English.
  await expect(english.breadcrumb.getByRole('link').last()).toHaveAttribute('href', `/en/columns/${sharedArticle.columnSlug}`);
  await english.breadcrumb.getByRole('link', { name: en.public.home, exact: true }).click();
  await expect(page).toHaveURL('/en');
  await expect(page.getByRole('navigation', { name: en.public.mainNav })).toBeVisible();
  // The English page is cached on its own address, the Chinese one on its own.
  const [zhPage, enPage] = await Promise.all([page.request.get(sharedArticle.path), page.request.get(`/en${sharedArticle.path}`)]);
  expect(await zhPage.text()).toContain('<html lang="zh-CN"');
  expect(await enPage.text()).toContain('<html lang="en"');

  await page.getByTestId('language-switch').click();
  await expect(page).toHaveURL('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('the footer on every public page carries the site settings as government sites show them, the record numbers linked', async ({ sharedArticle, page }) => {
  // The demo site's footer settings (the e2e database is seeded with the demo).
  for (const path of ['/', `/columns/${sharedArticle.columnSlug}`, sharedArticle.path, '/search?q=%E5%BE%8B%E5%B8%88', '/articles/2147483647']) {
    await page.goto(path);
    const footer = new HomePage(page).frame.footer;
    await expect(footer, path).toContainText('Copyright 2020 © 重庆长安网');
    await expect(footer).toContainText('中共重庆市委政法委员会 主办');
    await expect(footer).toContainText('重庆法治报社 承办');
    await expect(footer.getByRole('link', { name: '渝公网安备50011202500163号' })).toHaveAttribute('href', /^https:\/\/beian\.mps\.gov\.cn\/.*50011202500163/);
    await expect(footer.getByRole('link', { name: '渝ICP备15010797号' })).toHaveAttribute('href', 'https://beian.miit.gov.cn/');
    await expect(footer).toContainText(`${zh.footer.phone} 023-88196826`);
    await expect(footer).toContainText('重庆法治报社打击“新闻敲诈”举报电话: 023-88196822');
    await expect(footer).toContainText('版权归重庆长安网所有');
    await expect(footer.getByRole('link', { name: zh.public.submit, exact: true })).toHaveAttribute('href', '/login');
  }
});

test('the header\'s search button keeps its word on one line at every width the search form shows, in both languages', async ({ page }) => {
  for (const [path, word] of [['/', zh.public.searchButton], ['/en', en.public.searchButton]] as const) {
    for (const width of [768, 820, 900, 1024, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(path);
      const button = page.getByRole('search').getByRole('button', { name: word, exact: true });
      const input = page.getByRole('search').getByRole('searchbox');
      const [b, i] = [(await button.boundingBox())!, (await input.boundingBox())!];
      expect(b.height, `${path} at ${width} px`).toBeLessThanOrEqual(i.height + 1);
      expect(b.y + b.height, `${path} at ${width} px`).toBeLessThanOrEqual(i.y + i.height + 1);
    }
  }
});

test('字号 大 enlarges the article text and is remembered after a reload', async ({ sharedArticle, page }) => {
  const article = new ArticlePage(page);
  await article.open(sharedArticle.path);
  await article.expectFontSize('medium');
  await expect(article.fontButton('large')).toHaveAttribute('aria-pressed', 'false');
  await article.fontButton('large').click();
  await article.expectFontSize('large');
  await expect(article.fontButton('medium')).toHaveAttribute('aria-pressed', 'false');
  await article.open();
  await article.expectFontSize('large');
});

test('the print view keeps the article and the footer, without navigation or the share panel', async ({ sharedArticle, page }, testInfo) => {
  const article = new ArticlePage(page);
  await article.open(sharedArticle.path);
  await expect(article.frame.nav).toBeVisible();
  await expect(article.share).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(article.frame.nav).toBeHidden();
  await expect(article.frame.header).toBeHidden();
  await expect(article.share).toBeHidden();
  await expect(article.fontSizes).toBeHidden();
  await expect(article.title).toHaveText(sharedArticle.title);
  await expect(article.body).toBeVisible();
  await expect(article.frame.footer).toBeVisible();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const screenshot = await page.screenshot({ path: `${ARTIFACTS_DIR}public-article-print.png`, fullPage: true });
  await testInfo.attach('print view', { body: screenshot, contentType: 'image/png' });
});

test.describe('no axe-core violations', () => {
  test('on the home page', async ({ sharedArticle, page }) => {
    await new HomePage(page).goto();
    await expect(page.getByRole('link', { name: sharedArticle.title, exact: true }).first()).toBeVisible();
    await expectNoViolations(page, 'the home page');
  });

  test('on a column page', async ({ sharedArticle, page }) => {
    const column = new ColumnPage(page);
    await column.goto(sharedArticle.columnSlug);
    await expect(column.story(sharedArticle.title)).toBeVisible();
    await expectNoViolations(page, 'a column page');
  });

  test('on an article page', async ({ sharedArticle, page }) => {
    const article = new ArticlePage(page);
    await article.open(sharedArticle.path);
    // Hydrated, with the live count in: the page as a reader has it.
    await article.expectFontSize('medium');
    await expectNoViolations(page, 'an article page');
  });

  test('on the search results page', async ({ page }) => {
    const path = `/search?q=${encodeURIComponent('律师')}`;
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoViolations(page, 'the search results page');
  });
});

// A host name no reader uses: whatever a client puts in Host (or in the
// forwarded headers a trusted proxy passes on) must not reach a link, a
// redirect or a cached page that the next reader gets.
const FOREIGN_HOST = 'attacker.example.net';

type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

// A plain GET with the Host header a client chose (a browser or Playwright's
// request context would put in the real one).
function getWithHost(baseURL: string, path: string, host: string): Promise<RawResponse> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET', headers: { Host: host, 'X-Forwarded-Host': host, 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': uniqueIp() } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

test.describe('public responses', () => {
  test('no public response carries a Host a client sent or sets a cookie, and each may be kept by a shared cache', async ({ sharedArticle, baseURL, request }) => {
    const { path, columnSlug } = sharedArticle;
    const articleSitemaps = await sitemapFilesListing(request, path);
    const cacheable = [
      '/',
      '/en',
      path,
      `/en${path}`,
      `/columns/${columnSlug}`,
      `/en/columns/${columnSlug}`,
      `/columns/${columnSlug}/rss.xml`,
      '/rss.xml',
      '/sitemap.xml',
      '/sitemaps/pages.xml',
      ...articleSitemaps,
      '/robots.txt',
      '/icon.svg',
      `/search?q=${encodeURIComponent('法律服务')}`,
    ];
    const missing = ['/no-such-page', '/articles/999999999', `/columns/no-such-column-${uniqueToken()}`, '/sitemaps/nothing.xml'];
    for (const target of [...cacheable, ...missing]) {
      await test.step(target, async () => {
        // Asked with a foreign Host first (it may be what fills the cache), then as the next reader.
        for (const host of [FOREIGN_HOST, new URL(baseURL!).host]) {
          const res = await getWithHost(baseURL!, target, host);
          expect(res.status, `${target} answers`).toBe(missing.includes(target) ? 404 : 200);
          expect(`${JSON.stringify(res.headers)}\n${res.body}`, `${target} names no foreign host`).not.toContain(FOREIGN_HOST);
          expect(res.headers['set-cookie'], `${target} sets no cookie`).toBeUndefined();
          if (cacheable.includes(target)) expect(res.headers['cache-control'], `${target} may be kept by a shared cache`).toMatch(/\b(public|s-maxage=\d+)\b/);
        }
      });
    }
  });

  test('absolute links come from the configured public address', async ({ sharedArticle, baseURL, request }) => {
    const origin = process.env.PUBLIC_BASE_URL!;
    const html = await (await request.get(sharedArticle.path)).text();
    expect(html).toContain(`<link rel="canonical" href="${origin}${sharedArticle.path}"/>`);
    expect(html).toContain(`<link rel="alternate" hrefLang="en" href="${origin}/en${sharedArticle.path}"/>`);
    expect(html).toContain(`<meta property="og:url" content="${origin}${sharedArticle.path}"/>`);
    expect(html).toContain(`"url":"${origin}${sharedArticle.path}"`);
    const feed = await readFeed(request, '/rss.xml');
    expect(feed.find((item) => item.title === sharedArticle.title)?.link).toBe(`${origin}${sharedArticle.path}`);
    expect(await (await request.get('/robots.txt')).text()).toContain(`Sitemap: ${origin}/sitemap.xml`);
    expect(baseURL).toBe(origin);
  });

  test('each language names itself as canonical with its own og:locale; previews and NewsArticle carry a picture and the publisher’s logo; every indexable page has a description', async ({ sharedArticle, request }) => {
    const origin = process.env.PUBLIC_BASE_URL!;
    const english = await (await request.get(`/en${sharedArticle.path}`)).text();
    expect(english).toContain(`<link rel="canonical" href="${origin}/en${sharedArticle.path}"/>`);
    expect(english).toContain(`<link rel="alternate" hrefLang="zh-CN" href="${origin}${sharedArticle.path}"/>`);
    expect(english).toContain(`<link rel="alternate" hrefLang="x-default" href="${origin}${sharedArticle.path}"/>`);
    expect(english).toContain('<meta property="og:locale" content="en_US"/>');
    expect(english).toContain(`<meta property="og:url" content="${origin}/en${sharedArticle.path}"/>`);
    const chinese = await (await request.get(sharedArticle.path)).text();
    expect(chinese).toContain('<meta property="og:locale" content="zh_CN"/>');
    expect(chinese).toMatch(new RegExp(`<meta property="og:image" content="${origin}/`));
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(chinese)![1]!) as { image?: string[]; publisher: { logo?: { url: string } } };
    expect(jsonLd.publisher.logo?.url).toMatch(new RegExp(`^${origin}/`));
    expect(jsonLd.image?.[0]).toMatch(new RegExp(`^${origin}/`));
    for (const path of ['/', '/en', '/search', '/en/search', '/login']) {
      const html = await (await request.get(path)).text();
      expect(html, path).toMatch(/<meta name="description" content="[^"]+"\/>/);
    }
    // The home page has one h1, the site, and the lead story is not inside it.
    const home = await (await request.get('/')).text();
    expect(home.match(/<h1[ >]/g)).toHaveLength(1);
  });

  test('a signed-out visitor is sent to the sign-in page by a path, whatever the Host', async ({ baseURL }) => {
    for (const target of ['/stats/export?format=csv', '/stats', '/notifications', '/desk', '/review', '/admin/users', '/account/profile']) {
      const res = await getWithHost(baseURL!, target, FOREIGN_HOST);
      expect([302, 303, 307, 308], `${target} redirects`).toContain(res.status);
      expect(String(res.headers.location), `${target} redirects by a path`).toMatch(/^\/login\?/);
      // …and back to where the visitor was going, once signed in.
      expect(new URLSearchParams(String(res.headers.location).split('?')[1]).get('next'), `${target} comes back`).toBe(target);
      expect(res.headers['set-cookie'] === undefined || res.headers['cache-control'] === 'private, no-store', `${target} keeps its cookies private`).toBe(true);
    }
  });

  test('the statistics and notifications pages are never framed', async ({ page }) => {
    await signIn(page.context(), demo.admin);
    for (const target of ['/stats', '/notifications']) {
      const res = await page.request.get(target);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-security-policy'], target).toContain("frame-ancestors 'none'");
    }
  });

  test('without a public address: administrators see a banner, pages give no relative canonical', async ({ sharedArticle, playwright, browser, baseURL, createAccount }) => {
    test.setTimeout(120_000);
    const second = await startSecondInstance(Number(new URL(baseURL!).port) + 51, { PUBLIC_BASE_URL: '' });
    const reader = await playwright.request.newContext({ baseURL: second.baseURL });
    const contexts: BrowserContext[] = [];
    try {
      const html = await (await reader.get(sharedArticle.path)).text();
      expect(html).toContain(sharedArticle.title);
      expect(html).not.toContain('rel="canonical"');
      expect(html).not.toMatch(/<link rel="alternate" hrefLang/);
      expect(html).not.toContain('property="og:url"');
      expect(html).not.toMatch(/content="http:\/\/localhost/);
      expect(await (await reader.get('/robots.txt')).text()).not.toContain('Sitemap:');

      const open = async (account: { username: string; password: string }) => {
        const context = await browser.newContext({ baseURL: second.baseURL, extraHTTPHeaders: { 'X-Forwarded-For': uniqueIp() } });
        contexts.push(context);
        await signIn(context, account);
        const page = await context.newPage();
        await page.goto('/portal');
        return page;
      };
      const admin = await open(demo.admin);
      await expect(admin.getByTestId('public-address-missing')).toContainText(zh.portal.publicAddressMissing);
      await admin.getByTestId('public-address-missing').getByRole('link').click();
      await expect(admin).toHaveURL(/\/admin\/settings#baseUrl$/);
      const correspondent = await open(await createAccount());
      await expect(correspondent.getByTestId('user-menu')).toBeVisible();
      await expect(correspondent.getByTestId('public-address-missing')).toHaveCount(0);
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
      await reader.dispose();
      await second.stop();
    }
  });

  test('switching language, signed in or not, leaves every cached public page cached', async ({ sharedArticle, page, request, createAccount }) => {
    const cached = async () => (await request.get(sharedArticle.path)).headers()['x-nextjs-cache'];
    await expect.poll(cached).toBe('HIT');

    // A visitor on the sign-in page, then a correspondent on the desk.
    await page.goto('/login');
    await page.getByTestId('language-switch').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByTestId('language-switch').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    expect(await cached()).toBe('HIT');

    await signIn(page.context(), await createAccount());
    await page.goto('/desk');
    await page.getByTestId('language-switch').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(await cached()).toBe('HIT');
  });
});
