import { uniqueToken } from './support/accounts';
import { DeskPage, RECEIPT_NO, StoryPage } from './support/desk-pages';
import { expect, test } from './support/fixtures';
import { zh } from './support/messages';
import { signIn } from './support/session';

// Submitting a story for review, taking it back, and deleting a draft.

const BODY = ['本报讯 近日，区人民法院组织干警走进社区开展普法宣传，现场解答群众法律咨询。', '活动共发放宣传资料一千余份。'];

test('submit gives a receipt number, lists the story as 待审 and cannot be done twice', async ({ page, createAccount }) => {
  const account = await createAccount();
  await signIn(page.context(), account);
  const story = new StoryPage(page);
  const title = `普法宣传进社区 ${uniqueToken()}`;

  await story.gotoNew();
  await story.write({ title, paragraphs: BODY });
  // Submitting saves what is on screen first: no need to wait for autosave.
  const receiptNo = await story.submit();
  expect(receiptNo).toMatch(RECEIPT_NO);
  const id = await story.storyId();

  // Read-only now: no form, no submit, no delete; the timeline says submitted.
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(story.title).toHaveCount(0);
  await expect(page.getByTestId('delete-draft')).toHaveCount(0);
  await expect(story.timelineEntry('submit')).toHaveCount(1);
  await expect(page.getByTestId('withdraw-story')).toBeVisible();

  // And so it stays on a fresh load.
  await story.goto(id);
  await expect(story.receiptNo).toHaveText(receiptNo);
  await expect(story.submitButton).toHaveCount(0);
  await story.expectStatus('submitted');

  const desk = new DeskPage(page);
  await desk.goto();
  const row = desk.row(title);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(receiptNo);
  await expect(row.getByText(zh.status.submitted, { exact: true })).toBeVisible();
  // The receipt number finds it too.
  await desk.goto(receiptNo);
  await expect(desk.row(title)).toHaveCount(1);
});

test('a story that cannot go yet is told why before any confirm; the heading follows its creation; the receipt shows what was filed', async ({ page, createAccount }) => {
  const account = await createAccount();
  await signIn(page.context(), account);
  const story = new StoryPage(page);
  const title = `社区义诊 ${uniqueToken()}`;
  const heading = page.getByRole('heading', { level: 1 });

  await story.gotoNew();
  await expect(heading).toHaveText(zh.story.newStory);
  await story.title.fill(title);
  await story.subtitle.fill('区医院专家进社区');
  const column = await story.chooseColumn();
  await story.typeParagraphs(['太短了。']);
  await story.expectSaved();
  // Autosave created the story and gave the page its address: it is no longer new.
  await story.storyId();
  await expect(heading).toHaveText(zh.story.editTitle);
  await expect(page).toHaveTitle(new RegExp(zh.story.editTitle));

  // Too short: said at the body at once, with no 确认提交 first.
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await story.submitButton.click();
  await expect(page.getByText(zh.errors.fields.body_too_short)).toBeVisible();
  expect(dialogs).toEqual([]);
  page.removeAllListeners('dialog');

  await story.typeParagraphs(BODY);
  await story.submit();
  // The receipt view: subtitle, column and byline, in the body's column.
  const view = page.getByTestId('story-read-view');
  await expect(view).toContainText('区医院专家进社区');
  await expect(view).toContainText(column);
  await expect(view).toContainText(`通讯员 ${account.displayName}`);
  const subtitleBox = (await view.getByText('区医院专家进社区').boundingBox())!;
  const bodyBox = (await view.locator('.prose-zh').boundingBox())!;
  expect(Math.abs(subtitleBox.x - bodyBox.x), 'subtitle aligned with the body column').toBeLessThanOrEqual(1);
});

test('withdrawing an unclaimed story makes it an editable draft again, with its receipt number', async ({ page, createAccount }) => {
  const account = await createAccount();
  await signIn(page.context(), account);
  const story = new StoryPage(page);
  const title = `撤回后再改 ${uniqueToken()}`;

  await story.gotoNew();
  await story.write({ title, paragraphs: BODY });
  const receiptNo = await story.submit();
  const id = await story.storyId();

  await story.withdraw();
  await expect(story.title).toHaveValue(title);
  await expect(story.submitButton).toBeVisible();
  await expect(story.receiptNo).toHaveText(receiptNo);
  await story.expectStatus('draft');
  await expect(story.timelineEntry('withdraw')).toHaveCount(1);
  // A story that once had a number is never deleted.
  await expect(page.getByTestId('delete-draft')).toHaveCount(0);

  // Editable again: a change autosaves and survives a reload.
  await story.typeParagraphs(['撤回后补充的一段。']);
  await story.expectSaved();
  await story.goto(id);
  await expect(story.body).toContainText('撤回后补充的一段。');
  await expect(story.receiptNo).toHaveText(receiptNo);

  const desk = new DeskPage(page);
  await desk.goto();
  await expect(desk.row(title)).toContainText(receiptNo);
  await expect(desk.row(title).getByText(zh.status.draft, { exact: true })).toBeVisible();
});

test('a draft that was never submitted can be deleted, after confirming', async ({ page, createAccount }) => {
  const account = await createAccount();
  await signIn(page.context(), account);
  const story = new StoryPage(page);
  const title = `将被删除的草稿 ${uniqueToken()}`;

  await story.gotoNew();
  await story.write({ title, paragraphs: ['一篇写了一半的草稿。'] });
  await story.expectSaved();
  const id = await story.storyId();

  const desk = new DeskPage(page);
  await desk.goto();
  await expect(desk.row(title)).toHaveCount(1);
  await desk.row(title).getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(`/desk/${id}`);

  // Cancelling the confirmation deletes nothing.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByTestId('delete-draft').click();
  await story.goto(id);
  await expect(story.title).toHaveValue(title);

  await story.deleteDraft();
  await expect(page.getByRole('status').filter({ hasText: zh.story.deleted })).toBeVisible();
  await expect(desk.row(title)).toHaveCount(0);
  const gone = await page.goto(`/desk/${id}`);
  expect(gone?.status()).toBe(404);
});
