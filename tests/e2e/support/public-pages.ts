import { expect, type APIRequestContext, type Locator, type Page, type Response } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { zh, type Messages } from './messages';

// The public site as a reader (and a feed reader or crawler) meets it.

// Links and headings by their exact text.
function exactly(name: string) {
  return { name, exact: true } as const;
}

// The frame every public page shares: header with the column navigation, footer.
export class SiteFrame {
  readonly header: Locator;
  readonly nav: Locator;
  readonly footer: Locator;

  constructor(
    readonly page: Page,
    readonly t: Messages = zh,
  ) {
    this.header = page.locator('header').filter({ has: page.locator('nav') });
    this.nav = this.header.locator('nav');
    this.footer = page.getByTestId('site-footer');
  }

  columnLink(name: string): Locator {
    return this.nav.getByRole('link', exactly(name));
  }
}

// /: the headline, the latest list and one list per column.
export class HomePage {
  readonly frame: SiteFrame;
  readonly headline: Locator;
  readonly latest: Locator;
  readonly submitEntry: Locator;

  constructor(
    readonly page: Page,
    readonly t: Messages = zh,
  ) {
    this.frame = new SiteFrame(page, t);
    // The lead story: a heading in its card (the page's h1 is the site's name).
    this.headline = page.getByRole('article').first().getByRole('heading', { level: 2 });
    this.latest = page.getByRole('heading', { level: 2, ...exactly(t.public.latest) }).locator('xpath=ancestor::section[1]');
    this.submitEntry = page.getByRole('heading', { level: 2, ...exactly(t.public.submit) }).locator('xpath=ancestor::section[1]');
  }

  async goto(): Promise<void> {
    const response = await this.page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(this.latest).toBeVisible();
  }

  // The home page's list of one column.
  column(name: string): Locator {
    return this.page.getByRole('heading', { level: 2, ...exactly(name) }).locator('xpath=ancestor::section[1]');
  }

  // A story as the headline or in the latest list (the list leaves the headline out).
  inHeadlineOrLatest(title: string): Locator {
    return this.headline.getByRole('link', exactly(title)).or(this.latest.getByRole('link', exactly(title)));
  }

  // Every link to a story, wherever on the page.
  storyLinks(title: string): Locator {
    return this.page.getByRole('link', exactly(title));
  }
}

// /columns/<slug>: one column's stories, newest first.
export class ColumnPage {
  readonly frame: SiteFrame;
  readonly heading: Locator;
  readonly list: Locator;

  constructor(
    readonly page: Page,
    readonly t: Messages = zh,
  ) {
    this.frame = new SiteFrame(page, t);
    this.heading = page.getByRole('heading', { level: 1 });
    this.list = page.locator('main section');
  }

  async goto(slug: string): Promise<void> {
    const response = await this.page.goto(`/columns/${slug}`);
    expect(response?.status()).toBe(200);
  }

  story(title: string): Locator {
    return this.list.getByRole('link', exactly(title));
  }
}

// /search?q=: the form and one page of results, as a reader submits it.
export class SearchPage {
  readonly frame: SiteFrame;
  readonly box: Locator;
  readonly total: Locator;
  readonly results: Locator;

  constructor(
    readonly page: Page,
    readonly t: Messages = zh,
  ) {
    this.frame = new SiteFrame(page, t);
    // The page's own box; the header has one too.
    this.box = page.getByRole('main').getByRole('searchbox', exactly(t.public.searchLabel));
    this.total = page.getByTestId('search-total');
    this.results = page.getByTestId('search-results');
  }

  async search(q: string): Promise<void> {
    await this.page.goto(this.t === zh ? '/search' : '/en/search');
    await this.box.fill(q);
    await this.box.press('Enter');
    await expect(this.total).toBeVisible();
  }

  result(title: string): Locator {
    return this.results.getByRole('link', exactly(title));
  }
}

export type FontSize = 'large' | 'medium' | 'small';

// /articles/<id>: the story, its meta line and the reader's tools.
export class ArticlePage {
  readonly frame: SiteFrame;
  readonly title: Locator;
  readonly meta: Locator;
  readonly viewCount: Locator;
  readonly updatedAt: Locator;
  readonly body: Locator;
  readonly breadcrumb: Locator;
  readonly fontSizes: Locator;
  readonly share: Locator;
  readonly qrCode: Locator;
  readonly copyLink: Locator;
  readonly print: Locator;
  readonly siblings: Locator;

  constructor(
    readonly page: Page,
    readonly t: Messages = zh,
  ) {
    this.frame = new SiteFrame(page, t);
    this.title = page.getByRole('heading', { level: 1 });
    this.meta = page.getByTestId('article-meta');
    this.viewCount = this.meta.getByTestId('view-count');
    this.updatedAt = page.getByTestId('updated-at');
    this.body = page.locator('#article-body');
    this.breadcrumb = page.getByRole('navigation', exactly(t.public.breadcrumb));
    this.fontSizes = page.getByRole('group', exactly(t.public.fontSize));
    // Located by its label rather than by role: print view hides it, and a
    // hidden region has no role to find.
    this.share = page.locator(`section[aria-label="${t.public.share}"]`);
    this.qrCode = this.share.getByRole('img', exactly(t.public.qrAlt));
    this.copyLink = this.share.getByRole('button', exactly(t.public.copyLink));
    this.print = this.share.getByRole('button', exactly(t.public.print));
    this.siblings = page.getByRole('navigation', exactly(t.public.moreInColumn));
  }

  // The line of the meta bar that starts with `label` ("来源: …").
  metaField(label: string): Locator {
    return this.meta.locator('span').filter({ hasText: new RegExp(`^${label}: `) });
  }

  fontButton(size: FontSize): Locator {
    const label = { large: this.t.public.fontLarge, medium: this.t.public.fontMedium, small: this.t.public.fontSmall }[size];
    return this.fontSizes.getByRole('button', exactly(label));
  }

  // The page has hydrated once the font switch has marked the body.
  async expectFontSize(size: FontSize): Promise<void> {
    await expect(this.body).toHaveAttribute('data-font-size', size);
    await expect(this.fontButton(size)).toHaveAttribute('aria-pressed', 'true');
  }

  // Opens the article (or reloads it, without a path) and waits for the view
  // beacon the page sends after loading; returns the beacon's response.
  async open(path?: string): Promise<Response> {
    const beacon = this.page.waitForResponse((r) => r.request().method() === 'POST' && /^\/api\/views\/\d+$/.test(new URL(r.url()).pathname));
    const response = path ? await this.page.goto(path) : await this.page.reload();
    expect(response?.status(), `status of ${this.page.url()}`).toBe(200);
    return beacon;
  }

  // 阅读量 as the reader sees it once the beacon has answered: the live total
  // when this view counted, else the figure the page was rendered with.
  async shownViews(beacon: Response): Promise<number> {
    if (beacon.status() === 200) {
      const { views } = (await beacon.json()) as { views: number };
      await expect(this.viewCount).toHaveText(String(views));
    }
    const text = (await this.viewCount.textContent())?.trim() ?? '';
    expect(text).toMatch(/^\d+$/);
    return Number(text);
  }

  // The NewsArticle structured data in the page.
  async jsonLd(): Promise<Record<string, unknown>> {
    const script = this.page.locator('script[type="application/ld+json"]');
    await expect(script).toHaveCount(1);
    return JSON.parse((await script.textContent()) ?? '') as Record<string, unknown>;
  }
}

// Feeds and sitemaps, read as a feed reader or crawler reads them.

const xml = new XMLParser({
  // Titles and ids stay strings ("2026" is a title, not a number).
  parseTagValue: false,
  isArray: (name) => ['item', 'sitemap', 'url'].includes(name),
});

async function getXml(request: APIRequestContext, path: string, contentType: string) {
  const response = await request.get(path);
  expect(response.status(), `GET ${path}`).toBe(200);
  expect(response.headers()['content-type'], `GET ${path}`).toContain(contentType);
  return xml.parse(await response.text()) as Record<string, Record<string, unknown>>;
}

export type FeedItem = { title: string; link: string };

// The items of an RSS feed (/rss.xml, /columns/<slug>/rss.xml).
export async function readFeed(request: APIRequestContext, path: string): Promise<FeedItem[]> {
  const doc = await getXml(request, path, 'application/rss+xml');
  const channel = doc.rss?.channel as { item?: { title: unknown; link: unknown }[] } | undefined;
  expect(channel, `${path} has a channel`).toBeTruthy();
  return (channel!.item ?? []).map((item) => ({ title: String(item.title), link: String(item.link) }));
}

// The path of an absolute URL from a feed or sitemap (the origin is the site's, whatever it is set to).
export function pathOf(url: string): string {
  return new URL(url).pathname;
}

// /sitemap.xml: the paths of the files it lists.
export async function readSitemapIndex(request: APIRequestContext): Promise<string[]> {
  const doc = await getXml(request, '/sitemap.xml', 'application/xml');
  const entries = (doc.sitemapindex?.sitemap ?? []) as { loc: string }[];
  return entries.map((e) => pathOf(e.loc));
}

// One sitemap file: the paths of the pages it lists.
export async function readSitemap(request: APIRequestContext, path: string): Promise<string[]> {
  const doc = await getXml(request, path, 'application/xml');
  const entries = (doc.urlset?.url ?? []) as { loc: string }[];
  return entries.map((e) => pathOf(e.loc));
}

// The article sitemap files (via the index) that list `articlePath`.
export async function sitemapFilesListing(request: APIRequestContext, articlePath: string): Promise<string[]> {
  const files = (await readSitemapIndex(request)).filter((f) => /^\/sitemaps\/articles-\d+\.xml$/.test(f));
  const listing: string[] = [];
  for (const file of files) if ((await readSitemap(request, file)).includes(articlePath)) listing.push(file);
  return listing;
}
