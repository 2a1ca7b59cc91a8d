import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jpeg } from '../fixtures/media/images';
import type { Page } from '@playwright/test';
import { uniqueToken, type Account, type AccountOptions } from './support/accounts';
import { DeskPage, StoryPage } from './support/desk-pages';
import { expect, test } from './support/fixtures';
import { zh } from './support/messages';
import { signIn } from './support/session';

// A correspondent writing: the editor's formatting and images, autosave,
// Word import, and two pages of one story saving over each other.

const DOCX_FIXTURE = fileURLToPath(new URL('../fixtures/story.docx', import.meta.url));

test('a story with formatting and an image autosaves and is all there after a reload', async ({ page, createAccount }) => {
  const account = await createAccount();
  await signIn(page.context(), account);
  const story = new StoryPage(page);
  const title = `法治进社区宣传活动 ${uniqueToken()}`;

  await story.gotoNew();
  await story.title.fill(title);
  const column = await story.chooseColumn();

  // A heading from the toolbar, a paragraph with a bold phrase (Ctrl+B), a list.
  await story.body.click();
  await story.tool(zh.editor.heading2).click();
  await page.keyboard.insertText('活动现场');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('本报讯 干警走进社区，开展');
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.insertText('法治进社区');
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.insertText('主题宣传活动。');
  await page.keyboard.press('Enter');
  await story.tool(zh.editor.bulletList).click();
  await page.keyboard.insertText('发放宣传资料 1200 余份');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('解答法律咨询 86 人次');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');

  // An image through the toolbar's button and its file chooser.
  const chooser = page.waitForEvent('filechooser');
  await story.tool(zh.editor.insertImage).click();
  await (await chooser).setFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await jpeg(320, 200) });
  const figure = story.body.locator('figure');
  await expect(figure.locator('img')).toHaveAttribute('src', /^\/media\/\d+\/large$/);
  await figure.locator('figcaption').click();
  await page.keyboard.insertText('活动现场照片');

  await story.expectSaved();
  const id = await story.storyId();

  await page.reload();
  await expect(story.body).toBeVisible();
  await expect(page).toHaveURL(`/desk/${id}`);
  await expect(story.title).toHaveValue(title);
  await expect(story.column.locator('option:checked')).toHaveText(column);
  await expect(story.body.locator('h2')).toHaveText('活动现场');
  await expect(story.body.locator('p strong')).toHaveText('法治进社区');
  await expect(story.body.locator('ul > li')).toHaveText(['发放宣传资料 1200 余份', '解答法律咨询 86 人次']);
  const image = story.body.locator('figure img');
  await expect(image).toHaveAttribute('src', /^\/media\/\d+\/large$/);
  // The image itself loads for its owner (a draft's image is private).
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
  await expect(story.body.locator('figure figcaption')).toHaveText('活动现场照片');
  // Nothing waits in the browser: no "restore the local copy" offer.
  await expect(page.getByRole('button', { name: zh.story.restore })).toHaveCount(0);
});

test('a Word file becomes the body, with its heading, table and image, and is autosaved', async ({ page, createAccount }) => {
  const account = await createAccount();
  await signIn(page.context(), account);
  const story = new StoryPage(page);

  await story.gotoNew();
  await story.importWord(DOCX_FIXTURE);

  // The document's title becomes the story's (the field was empty).
  await expect(story.title).toHaveValue('渝中区法院开展“法治进社区”宣传活动');
  await expect(story.body.locator('h2').filter({ hasText: '活动现场' })).toBeVisible();
  await expect(story.body.locator('h3').filter({ hasText: '数据一览' })).toBeVisible();
  await expect(story.body.locator('strong').filter({ hasText: '法治进社区' })).toBeVisible();
  await expect(story.body.locator('ul > li')).toHaveCount(3);
  const table = story.body.locator('table');
  await expect(table.locator('tr')).toHaveCount(2);
  await expect(table.locator('tr').first().locator('th, td')).toHaveText(['项目', '数量', '备注']);
  await expect(story.body.locator('figure img')).toHaveAttribute('src', /^\/media\/\d+\/large$/);

  await story.expectSaved();
  const id = await story.storyId();
  await story.goto(id);
  await expect(story.body.locator('table tr')).toHaveCount(2);
  await expect(story.body.locator('figure img')).toHaveAttribute('src', /^\/media\/\d+\/large$/);
  await expect(story.body.locator('h3')).toHaveText('数据一览');
});

// Leaving a story right after typing, before autosave's pause is over: the
// text is saved first (an in-app link waits for it), or the browser asks.
// Lists pasted from Word and WPS: a bulleted list after a numbered one stays
// a list of its own, and numbers or bullets typed as text become list markers.
for (const source of ['word', 'wps'] as const) {
  test(`a numbered list then a bulleted one, pasted from ${source === 'word' ? 'Word' : 'WPS'}, stay two lists with no marker in the text`, async ({ page, createAccount }) => {
    const html = readFileSync(fileURLToPath(new URL(`../fixtures/paste/${source}-numbered-then-bulleted.html`, import.meta.url)), 'utf8');
    const account = await createAccount();
    await signIn(page.context(), account);
    const story = new StoryPage(page);
    await story.gotoNew();
    await story.body.click();
    await story.body.evaluate((el, pasted) => {
      const data = new DataTransfer();
      data.setData('text/html', pasted);
      data.setData('text/plain', '');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);
    await expect(story.body.locator('ol > li')).toHaveText(['完善律师执业权利保障机制；', source === 'word' ? '建立片区联席会议制度。' : '建立片区联席会议制度，增长1.5倍。']);
    await expect(story.body.locator('ul > li')).toHaveText(['市律师协会', '各区县司法局']);
    // Two lists side by side, neither inside the other.
    await expect(story.body.locator('ol ul, ul ol')).toHaveCount(0);
    await expect(story.body.locator(':scope > p').first()).toHaveText('会议明确了两项重点工作：');
  });
}

test.describe('leaving a new story at once keeps it', () => {
  // A new story with a title and one paragraph, typed just now: nothing saved yet.
  async function typeNewStory(page: Page, account: Account, title: string, paragraph: string): Promise<StoryPage> {
    await signIn(page.context(), account);
    const story = new StoryPage(page);
    await story.gotoNew();
    await story.title.fill(title);
    await story.typeParagraphs([paragraph]);
    return story;
  }

  test('a link to 我的稿件 right after typing saves the draft first, and it is listed', async ({ page, createAccount }) => {
    const title = `刚写完就离开 ${uniqueToken()}`;
    const story = await typeNewStory(page, await createAccount(), title, '本报讯 写完这一句立刻点了我的稿件。');
    await page.getByRole('navigation').getByRole('link', { name: zh.portal.nav.desk, exact: true }).click();

    const desk = new DeskPage(page);
    await expect(page).toHaveURL(/\/desk$/);
    await expect(desk.row(title)).toBeVisible();
    await desk.row(title).getByRole('link', { name: title, exact: true }).click();
    await expect(story.title).toHaveValue(title);
    await expect(story.body).toContainText('写完这一句立刻点了我的稿件。');
  });

  test('a reload right after typing asks first, and the text is there afterwards', async ({ page, createAccount }) => {
    const title = `刚写完就刷新 ${uniqueToken()}`;
    const story = await typeNewStory(page, await createAccount(), title, '本报讯 写完这一句立刻刷新了页面。');

    const asked = new Promise<string>((resolve) => {
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      });
    });
    await page.reload();
    expect(await asked).toBe('beforeunload');
    await expect(story.body).toBeVisible();
    // Saved while the browser asked (the reloaded page opens the story), or
    // kept in this browser and offered back.
    const restore = page.getByRole('button', { name: zh.story.restore });
    await expect(async () => {
      if (await restore.isVisible()) await restore.click();
      await expect(story.title).toHaveValue(title, { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(story.body).toContainText('写完这一句立刻刷新了页面。');
  });

  test('an imported Word file is saved at once: leaving straight away keeps it', async ({ page, createAccount }) => {
    const account = await createAccount();
    await signIn(page.context(), account);
    const story = new StoryPage(page);
    await story.gotoNew();
    await story.importWord(DOCX_FIXTURE);
    await page.getByRole('link', { name: zh.story.backToDesk }).click();

    const desk = new DeskPage(page);
    await expect(page).toHaveURL(/\/desk$/);
    await expect(desk.row('渝中区法院开展“法治进社区”宣传活动')).toHaveCount(1);
  });
});

test.describe('one draft open in two pages of the same browser', () => {
  const FIRST = '第一页补充的一段。';
  const SECOND = '第二页补充的一段。';

  // Both pages open the draft; the first saves an addition; the second,
  // still on the old version, adds its own and is refused: the conflict panel.
  async function makeConflict(page: Page, createAccount: (options?: AccountOptions) => Promise<Account>) {
    const account = await createAccount();
    await signIn(page.context(), account);
    const title = `两处同时修改 ${uniqueToken()}`;

    const first = new StoryPage(page);
    await first.gotoNew();
    await first.write({ title, paragraphs: ['最初的正文，两页都从这里开始。'] });
    await first.expectSaved();
    const id = await first.storyId();

    const second = new StoryPage(await page.context().newPage());
    await second.goto(id);
    await first.goto(id);

    await first.typeParagraphs([FIRST]);
    await first.expectSaved();

    await second.typeParagraphs([SECOND]);
    await second.leaveEditor();
    const conflict = second.page.getByTestId('conflict-panel');
    await expect(conflict).toBeVisible();
    await expect(conflict.getByRole('heading', { name: zh.story.conflictTitle })).toBeVisible();
    await expect(conflict).toContainText(SECOND);
    await expect(conflict).toContainText(FIRST);
    await expect(second.saveStatus).toHaveText(zh.story.conflictTitle);
    return { id, title, first, second, conflict };
  }

  test('the later save is refused and shows both texts; "keep mine" saves it', async ({ page, createAccount }) => {
    const { id, title, first, second, conflict } = await makeConflict(page, createAccount);

    await conflict.getByRole('button', { name: zh.story.keepMine, exact: true }).click();
    await expect(conflict).toHaveCount(0);
    await second.expectSaved();

    // What is stored now is the second page's text.
    await first.goto(id);
    await expect(first.body).toContainText(SECOND);
    await expect(first.body).not.toContainText(FIRST);
    await expect(first.title).toHaveValue(title);
  });

  test('"use the server copy" shows it and leaves nothing of the refused text waiting to be saved', async ({ page, createAccount }) => {
    const { id, first, second, conflict } = await makeConflict(page, createAccount);

    await conflict.getByRole('button', { name: zh.story.takeTheirs, exact: true }).click();
    await expect(conflict).toHaveCount(0);
    await expect(second.body).toContainText(FIRST);
    await expect(second.body).not.toContainText(SECOND);
    await expect(second.saveStatus.filter({ hasText: zh.story.unsaved })).toHaveCount(0);

    // Nothing is left to save: leaving the page neither asks "leave the
    // page?" nor stores the text the user turned down (autosave also flushes
    // when the page is hidden or the network comes back).
    const prompts: string[] = [];
    second.page.on('dialog', (dialog) => {
      prompts.push(dialog.type());
      void dialog.accept();
    });
    await second.page.reload();
    await expect(second.body).toContainText(FIRST);
    expect(prompts, 'prompts on leaving the page').toEqual([]);
    await first.goto(id);
    await expect(first.body).toContainText(FIRST);
    await expect(first.body).not.toContainText(SECOND);
  });
});
