import type { BrowserContext, Locator, Page } from '@playwright/test';
import { demo } from './support/accounts';
import { submitStory } from './support/desk-pages';
import { expect, test } from './support/fixtures';
import { en, zh } from './support/messages';
import { ReviewStoryPage } from './support/review-pages';
import { signIn, type Credentials } from './support/session';

// The portal on a phone (390 px) and the review workspace on a laptop
// (1366 px): nothing scrolls sideways, lists are cards, the queue's filters
// wait behind a button, the editor's buttons stay at hand, and the review
// editor has room for its toolbar on one line.

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 900 };

const languages = [
  ['zh', zh],
  ['en', en],
] as const;

// What scrolls sideways: the page itself, and every box inside it that could.
async function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > root.clientWidth) found.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const { overflowX } = getComputedStyle(el);
      if ((overflowX === 'auto' || overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
        found.push(`${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''}.${String(el.className).slice(0, 50)} ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    return found;
  });
}

async function expectNothingSideways(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  expect(await sidewaysScroll(page), `${path} at ${page.viewportSize()?.width} px`).toEqual([]);
}

async function phoneFor(newClient: (options?: object) => Promise<BrowserContext>, who: Credentials, language: 'zh' | 'en', viewport = PHONE): Promise<Page> {
  const context = await newClient({ viewport, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
  if (language === 'en') await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: test.info().project.use.baseURL! }]);
  await signIn(context, who);
  return context.newPage();
}

// The first address on a page that a link of this kind leads to.
async function firstLink(page: Page, path: string, selector: string): Promise<string> {
  await page.goto(path);
  const href = await page.locator(selector).first().getAttribute('href');
  expect(href, `a link ${selector} on ${path}`).toBeTruthy();
  return href!;
}

// A card's part is on screen: not cut off on either side.
async function expectWithinWidth(locator: Locator, width: number): Promise<void> {
  const box = await locator.boundingBox();
  expect(box, 'on the page').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}

for (const [language, t] of languages) {
  test(`every portal list fits a 390 px phone, the status on screen (${language})`, async ({ newClient }) => {
    test.setTimeout(240_000);
    const correspondent = await phoneFor(newClient, demo.correspondent, language);
    await expectNothingSideways(correspondent, '/desk');
    const deskRows = correspondent.getByTestId('desk-table').locator('tbody tr');
    expect(await deskRows.count(), 'the demo correspondent has stories').toBeGreaterThan(0);
    // Each story a card: its status sits inside the screen.
    await expectWithinWidth(deskRows.first().locator('[data-column="status"]'), PHONE.width);
    for (const path of ['/notifications', '/account/sessions', await firstLink(correspondent, '/desk', 'tbody a[href^="/desk/"]')]) {
      await expectNothingSideways(correspondent, path);
    }

    const editor = await phoneFor(newClient, demo.editor, language);
    for (const tab of ['queue', 'returned', 'scheduled', 'published', 'unpublished', 'rejected']) {
      await expectNothingSideways(editor, `/review?tab=${tab}`);
    }
    await expectNothingSideways(editor, '/review?tab=published');
    const reviewRows = editor.getByTestId('review-table').locator('tbody tr');
    expect(await reviewRows.count(), 'published demo stories').toBeGreaterThan(0);
    await expect(reviewRows.first().locator('[data-column="status"]')).toHaveText(t.status.published);
    await expectWithinWidth(reviewRows.first().locator('[data-column="status"]'), PHONE.width);
    await expectNothingSideways(editor, '/stats');
    expect(await editor.getByTestId('stats-correspondents').locator('tbody tr').count()).toBeGreaterThan(0);
    const report = await firstLink(editor, '/stats', 'a[href^="/stats/report/"]');
    const published = await firstLink(editor, '/review?tab=published', 'a[data-queue-row]');
    for (const path of ['/stats?table=units', report, '/review/sheets', '/notifications', published, `${published}/sheet`]) {
      await expectNothingSideways(editor, path);
    }

    const admin = await phoneFor(newClient, demo.admin, language);
    await expectNothingSideways(admin, '/admin/users?status=all');
    const userRows = admin.getByTestId('user-row');
    expect(await userRows.count()).toBeGreaterThan(1);
    await expectWithinWidth(userRows.first().getByRole('link', { name: new RegExp(`^${t.admin.users.edit}`) }), PHONE.width);
    const word = await firstLink(admin, '/admin/words', 'a[href^="/admin/words/"]');
    const user = await firstLink(admin, '/admin/users', 'a[href^="/admin/users/"]:not([href="/admin/users/new"])');
    for (const path of ['/admin/units', '/admin/columns', '/admin/workflows', '/admin/words', word, '/admin/audit', '/admin/settings', '/admin/security', user, '/stats', '/stats/scoring', '/account/sessions', '/notifications']) {
      await expectNothingSideways(admin, path);
    }
  });
}

test('the queue keeps its filters behind a button on a phone, open once a search is made', async ({ newClient }) => {
  const phone = await phoneFor(newClient, demo.editor, 'zh');
  await phone.goto('/review');
  const toggle = phone.getByTestId('queue-filters-toggle');
  await expect(toggle).toHaveAccessibleName(zh.listLayout.filters);
  const search = phone.getByRole('textbox', { name: zh.review.searchPlaceholder, exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(search).toBeHidden();
  // The list starts on the first screen, not below the filters.
  const firstRow = phone.locator('a[data-queue-row]').first();
  if (await firstRow.count()) expect((await firstRow.boundingBox())!.y).toBeLessThan(PHONE.height);

  // By keyboard: the button opens the panel and says so (pressed again until
  // the page has hydrated and answers).
  await expect(async () => {
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true', { timeout: 2_000 });
  }).toPass();
  await expect(search).toBeVisible();
  await expect(phone.locator(`[id="${await toggle.getAttribute('aria-controls')}"]`)).toBeVisible();
  await toggle.press('Space');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(search).toBeHidden();

  // After a search the panel stays open, showing what was searched for.
  await toggle.click();
  await search.fill('司法');
  await phone.getByRole('button', { name: zh.review.applyFilters, exact: true }).click();
  await expect(phone).toHaveURL((url) => url.searchParams.get('q') === '司法');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(toggle).toHaveAccessibleName(`${zh.listLayout.filters} 1`);
  await expect(search).toHaveValue('司法');

  // On a desk the filters are always shown and the button is not.
  const desk = await phoneFor(newClient, demo.editor, 'zh', LAPTOP);
  await desk.goto('/review');
  await expect(desk.getByRole('textbox', { name: zh.review.searchPlaceholder, exact: true })).toBeVisible();
  await expect(desk.getByTestId('queue-filters-toggle')).toBeHidden();
});

test('the phone editor keeps 保存 and 提交审核 on screen without covering the form', async ({ newClient, createAccount }) => {
  const account = await createAccount({ role: 'correspondent' });
  const phone = await phoneFor(newClient, account, 'zh');
  await phone.goto('/desk/new');
  const bar = phone.getByTestId('story-actions');
  const save = bar.getByRole('button', { name: zh.story.save, exact: true });
  const submit = phone.getByTestId('submit-story');
  const body = phone.getByTestId('story-editor').locator('.ProseMirror');
  await body.click();
  for (let i = 0; i < 14; i += 1) await phone.keyboard.type(`第${i + 1}段：区司法局组织开展法律明白人专题培训。\n`);
  expect(await sidewaysScroll(phone)).toEqual([]);

  const onScreen = async () => {
    const box = (await bar.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height + 0.5);
    expect(box.y).toBeGreaterThan(PHONE.height / 2);
    await expect(save).toBeInViewport({ ratio: 1 });
    await expect(submit).toBeInViewport({ ratio: 1 });
  };
  await phone.evaluate(() => window.scrollTo(0, 0));
  await onScreen();
  await body.locator('p').nth(6).scrollIntoViewIfNeeded();
  await onScreen();
  // At the very end the form's last part stops above the bar.
  await phone.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight));
  await onScreen();
  const barTop = (await bar.boundingBox())!.y;
  const summary = (await phone.locator('#summary').boundingBox())!;
  expect(summary.y + summary.height).toBeLessThanOrEqual(barTop);
  // The buttons work from there.
  await save.click();
  await expect(phone.getByTestId('save-status')).toHaveText(/\d{2}:\d{2}/);
  await expect(phone).toHaveURL(/\/desk\/\d+$/);
});

test('the review workspace gives the editor room at 1366 px and keeps its panels beside it from 1440 px', async ({ newClient, createAccount }) => {
  const author = await createAccount({ role: 'correspondent' });
  const writer = await newClient();
  await signIn(writer, author);
  const title = `工作区宽度${Date.now().toString(36)}`;
  const { id } = await submitStory(await writer.newPage(), { title, paragraphs: ['本网讯 近日，区司法局组织开展法律明白人专题培训，二百余人参加。'] });
  const reviewer = await createAccount({ role: 'editor' });

  const laptop = await phoneFor(newClient, reviewer, 'zh', LAPTOP);
  const review = new ReviewStoryPage(laptop);
  await review.goto(id);
  await review.claim();
  const layout = async (page: Page) =>
    page.evaluate(() => {
      const editor = document.querySelector<HTMLElement>('[data-testid="story-editor"]')!.getBoundingClientRect();
      const panels = document.querySelector<HTMLElement>('[data-testid="review-side-panels"]')!.getBoundingClientRect();
      const buttons = Array.from(document.querySelectorAll<HTMLElement>('.story-editor-toolbar [role="toolbar"] button'));
      const rows = new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top)));
      const card = document.querySelector<HTMLElement>('[data-testid="correspondent-card"]')!.getBoundingClientRect();
      return { editorWidth: editor.width, editorRight: editor.right, editorBottom: editor.bottom, panelsLeft: panels.left, panelsTop: panels.top, panelsWidth: panels.width, cardWidth: card.width, buttons: buttons.length, toolbarRows: rows.size };
    });

  const at1366 = await layout(laptop);
  expect(at1366.editorWidth).toBeGreaterThanOrEqual(760);
  expect(at1366.buttons).toBeGreaterThan(10);
  expect(at1366.toolbarRows, 'the toolbar on one line').toBe(1);
  // Below 1440 px the side panels are under the editor.
  expect(at1366.panelsTop).toBeGreaterThan(at1366.editorBottom);
  expect(await sidewaysScroll(laptop)).toEqual([]);

  for (const width of [1440, 1920]) {
    await laptop.setViewportSize({ width, height: 900 });
    await laptop.waitForFunction((w) => document.documentElement.clientWidth <= w, width);
    const wide = await layout(laptop);
    expect(wide.panelsLeft, `panels beside the editor at ${width} px`).toBeGreaterThanOrEqual(wide.editorRight);
    // One panel above the other, each the rail's width.
    expect(wide.cardWidth).toBeGreaterThan(wide.panelsWidth * 0.9);
    expect(wide.editorWidth).toBeGreaterThanOrEqual(760);
    expect(wide.toolbarRows, `the toolbar on one line at ${width} px`).toBe(1);
    expect(await sidewaysScroll(laptop)).toEqual([]);
  }

  // Beside the editor the panels fold to a rail, by keyboard, and stay folded
  // for this person after a reload; below 1440 px there is nothing to fold.
  await laptop.setViewportSize({ width: 1440, height: 900 });
  const fold = laptop.getByRole('button', { name: zh.listLayout.hideSidePanels });
  const panels = laptop.getByTestId('review-side-panels');
  const before = await layout(laptop);
  await expect(async () => {
    if ((await panels.getAttribute('data-collapsed')) === null) await fold.press('Enter');
    await expect(panels).toHaveAttribute('data-collapsed', 'true', { timeout: 2_000 });
  }).toPass();
  const unfold = laptop.getByRole('button', { name: zh.listLayout.showSidePanels });
  await expect(unfold).toHaveAttribute('aria-expanded', 'false');
  await expect(laptop.getByTestId('correspondent-card')).toBeHidden();
  expect((await layout(laptop)).editorWidth).toBeGreaterThan(before.editorWidth + 200);
  await laptop.reload();
  await expect(unfold).toHaveAttribute('aria-expanded', 'false');
  await expect(laptop.getByTestId('correspondent-card')).toBeHidden();
  await laptop.setViewportSize(LAPTOP);
  await expect(laptop.getByTestId('correspondent-card')).toBeVisible();
  await expect(unfold).toBeHidden();
  await laptop.setViewportSize({ width: 1440, height: 900 });
  await unfold.click();
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await expect(laptop.getByTestId('correspondent-card')).toBeVisible();

  // In English (longer labels) too the toolbar keeps to one line.
  const english = await phoneFor(newClient, reviewer, 'en', LAPTOP);
  await english.goto(`/review/${id}`);
  // The toolbar's buttons, not the placeholder drawn until the editor mounts.
  await expect(english.locator('.story-editor-toolbar [role="toolbar"] button').first()).toBeVisible();
  const inEnglish = await layout(english);
  expect(inEnglish.editorWidth).toBeGreaterThanOrEqual(760);
  expect(inEnglish.toolbarRows).toBe(1);
  await english.setViewportSize({ width: 1440, height: 900 });
  await english.waitForFunction(() => document.documentElement.clientWidth <= 1440);
  expect((await layout(english)).toolbarRows, 'English toolbar on one line beside the panels').toBe(1);

  // The same story on a phone, in both languages.
  for (const [language] of languages) {
    const phone = await phoneFor(newClient, reviewer, language);
    await expectNothingSideways(phone, `/review/${id}`);
  }
});
