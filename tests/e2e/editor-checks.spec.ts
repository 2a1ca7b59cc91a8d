import { StoryPage } from './support/desk-pages';
import { expect, test } from './support/fixtures';
import { en, zh } from './support/messages';
import { signIn } from './support/session';
import { addWordList, expectCheckedWord, uniqueWord } from './support/word-lists';

// The word check (文字检查) as a correspondent writes: marks in the body, the
// panel beside the editor, one-click corrections. The demo's list of common
// 错别字 holds 既使 → 即使; forbidden words are added per test.

const WRONG = '既使';
const RIGHT = '即使';

function format(message: string, values: Record<string, string>): string {
  return message.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

test('a wrong word is marked and listed with its correction, replaced in one click, and the corrected text is saved', async ({ page, createAccount }) => {
  const account = await createAccount();
  await signIn(page.context(), account);
  const story = new StoryPage(page);
  await story.gotoNew();
  await story.title.fill('社区普法宣传活动');
  await story.chooseColumn();
  await story.body.click();
  await page.keyboard.insertText(`本报讯 ${WRONG}天气炎热，群众依然踊跃参与。`);

  const mark = story.body.locator('.text-check-correction');
  await expect(mark).toHaveText(WRONG);
  await expect(mark).toHaveAttribute('aria-description', new RegExp(RIGHT));
  const panel = page.getByTestId('text-check-panel');
  await expect(panel.getByRole('heading', { name: zh.textCheck.title })).toBeVisible();
  const row = panel.getByTestId('text-check-hit').filter({ hasText: WRONG });
  await expect(row).toHaveAttribute('data-category', 'correction');
  await expect(row).toContainText(zh.textCheck.fields.body);
  await expect(page.getByTestId('text-check-status')).toContainText(format(zh.textCheck.statusHits, { count: '1' }));

  // Jump to it: the editor gets the focus with the word selected.
  await row.getByRole('button').first().click();
  await expect(story.body).toBeFocused();
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(WRONG);

  await row.getByRole('button', { name: format(zh.textCheck.replaceWith, { suggestion: RIGHT }) }).click();
  await expect(story.body).toContainText(`本报讯 ${RIGHT}天气炎热`);
  await expect(story.body).not.toContainText(WRONG);
  await expect(panel.getByTestId('text-check-empty')).toHaveText(zh.textCheck.empty);
  await expect(mark).toHaveCount(0);

  await story.expectSaved();
  const id = await story.storyId();
  await page.reload();
  await expect(page).toHaveURL(`/desk/${id}`);
  await expect(story.body).toContainText(`本报讯 ${RIGHT}天气炎热`);
  await expect(panel.getByTestId('text-check-empty')).toHaveText(zh.textCheck.empty);
});

test('a forbidden word typed in the title is listed, and its row leads to the title', async ({ page, browser, baseURL, createAccount }) => {
  const forbidden = uniqueWord('禁');
  await addWordList(browser, baseURL!, 'forbidden', [{ word: forbidden }]);
  const account = await createAccount();
  await signIn(page.context(), account);
  await expectCheckedWord(page.request, forbidden);

  const story = new StoryPage(page);
  await story.gotoNew();
  await story.title.click();
  await page.keyboard.insertText(`关于${forbidden}的报道`);

  const panel = page.getByTestId('text-check-panel');
  const row = panel.getByTestId('text-check-hit').filter({ hasText: forbidden });
  await expect(row).toHaveAttribute('data-category', 'forbidden');
  await expect(row).toContainText(zh.textCheck.fields.title);
  await expect(panel.getByRole('heading', { level: 3, name: new RegExp(zh.textCheck.categories.forbidden) })).toBeVisible();
  // The title itself is marked, and says why to a screen reader.
  await expect(story.title).toHaveAttribute('data-text-check', 'forbidden');
  await expect(story.title).toHaveAttribute('aria-description', new RegExp(`${forbidden}: ${zh.textCheck.categories.forbidden}`));
  // Not a correction: nothing to replace it with.
  await expect(row.getByTestId('text-check-replace')).toHaveCount(0);

  await story.body.click();
  await row.getByRole('button').first().click();
  await expect(story.title).toBeFocused();
  expect(await story.title.evaluate((input: HTMLInputElement) => input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0))).toBe(forbidden);
});

test('on a phone, in English, the panel sits below the editor and its correction works', async ({ newClient, createAccount, baseURL }) => {
  const account = await createAccount();
  const context = await newClient({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
  await signIn(context, account);
  const page = await context.newPage();
  const story = new StoryPage(page, en);
  await story.gotoNew();
  await story.body.click();
  await page.keyboard.insertText(`他说，${WRONG}下雨也要去。`);

  const panel = page.getByTestId('text-check-panel');
  await expect(panel.getByRole('heading', { name: en.textCheck.title })).toBeVisible();
  const row = panel.getByTestId('text-check-hit').filter({ hasText: WRONG });
  await expect(row).toContainText(en.textCheck.fields.body);
  const editorBox = await page.getByTestId('story-editor').boundingBox();
  const panelBox = await panel.boundingBox();
  expect(panelBox!.y).toBeGreaterThanOrEqual(editorBox!.y + editorBox!.height);
  expect(panelBox!.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Collapsed and opened again from its heading.
  await panel.getByTestId('text-check-toggle').click();
  await expect(row).toBeHidden();
  await panel.getByTestId('text-check-toggle').click();
  await row.getByRole('button', { name: format(en.textCheck.replaceWith, { suggestion: RIGHT }) }).click();
  await expect(story.body).toContainText(`他说，${RIGHT}下雨也要去。`);
  await expect(panel.getByTestId('text-check-empty')).toHaveText(en.textCheck.empty);
});
