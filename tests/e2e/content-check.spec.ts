import { uniqueToken } from './support/accounts';
import { RECEIPT_NO, StoryPage } from './support/desk-pages';
import { expect, test } from './support/fixtures';
import { zh } from './support/messages';
import { ReviewQueuePage, ReviewStoryPage } from './support/review-pages';
import { signIn } from './support/session';

// Word checks by role: an administrator imports a list at /admin/words; a
// forbidden word blocks a correspondent's submit with a message naming it; a
// caution word asks for a confirmation, then the story goes in; a word made
// forbidden after the submit stops the editor's sign-off until a reason is
// given, and the printed review sheet shows that override. The words are
// invented for the test.

type WordsMessages = { createList: string; preview: string; import: string; addEntry: string };
const words = (zh.admin as unknown as { words: WordsMessages }).words;

const BODY = ['本报讯 近日，区人民法院组织干警走进社区开展普法宣传，现场解答群众法律咨询。', '活动共发放宣传资料一千余份。'];

test('word lists at submit and at sign-off', async ({ page, createAccount, newClient }) => {
  test.setTimeout(180_000);
  const token = uniqueToken().replace(/[^a-z0-9]/gi, '').slice(-5);
  const forbidden = `禁用测试词${token}`;
  const caution = `慎用测试词${token}`;
  const later = `后加禁用词${token}`;

  const admin = await createAccount({ role: 'admin' });
  const adminPage = await (await newClient()).newPage();
  await signIn(adminPage.context(), admin);

  const listId = await test.step('the administrator imports a forbidden list and adds a caution word', async () => {
    await adminPage.goto('/admin/words');
    const create = adminPage.getByTestId('word-list-create-form');
    await create.getByTestId('word-list-name').fill(`禁用词 ${token}`);
    await create.getByTestId('word-list-category').selectOption('forbidden');
    await create.getByRole('button', { name: words.createList }).click();
    await adminPage.getByTestId('word-lists').getByRole('link', { name: `禁用词 ${token}` }).click();
    await expect(adminPage).toHaveURL(/\/admin\/words\/\d+$/);
    const id = Number(new URL(adminPage.url()).pathname.split('/').pop());
    const form = adminPage.getByTestId('word-import-form');
    await form.getByTestId('word-import-file').setInputFiles({ name: 'words.txt', mimeType: 'text/plain', buffer: Buffer.from(`${forbidden}\n\n${forbidden}\n另一个禁用词${token}\n`) });
    await form.getByRole('button', { name: words.preview }).click();
    await expect(form.getByTestId('word-import-summary')).toContainText('新增 2 条，重复跳过 1 条');
    await form.getByTestId('word-import-file').setInputFiles({ name: 'words.txt', mimeType: 'text/plain', buffer: Buffer.from(`${forbidden}\n\n${forbidden}\n另一个禁用词${token}\n`) });
    await form.getByRole('button', { name: words.import }).click();
    await expect(form.getByText('已导入 2 条。')).toBeVisible();
    await expect(adminPage.getByTestId('word-entries').getByTestId('word-entry-row')).toHaveCount(2);

    await adminPage.goto('/admin/words');
    await create.getByTestId('word-list-name').fill(`慎用词 ${token}`);
    await create.getByTestId('word-list-category').selectOption('caution');
    await create.getByRole('button', { name: words.createList }).click();
    await adminPage.getByTestId('word-lists').getByRole('link', { name: `慎用词 ${token}` }).click();
    const add = adminPage.getByTestId('word-entry-add-form');
    await add.getByTestId('word-entry-word').fill(caution);
    await add.getByRole('button', { name: words.addEntry }).click();
    await expect(adminPage.getByTestId('word-entries')).toContainText(caution);
    return id;
  });

  const correspondent = await createAccount();
  await signIn(page.context(), correspondent);
  const story = new StoryPage(page);
  const title = `词库检查 ${token}`;

  await test.step('a forbidden word blocks the submit, named with its field', async () => {
    await story.gotoNew();
    await story.write({ title: `${title}${forbidden}`, paragraphs: BODY });
    await story.leaveEditor();
    story.acceptNextDialog(zh.story.submitConfirm);
    await story.submitButton.click();
    await expect(page.getByText(`标题中有禁用词“${forbidden}”。`, { exact: false })).toBeVisible();
    await expect(story.submitButton).toBeVisible();
  });

  await test.step('a caution word needs a confirmation, then the story is submitted', async () => {
    await story.title.fill(title);
    await story.typeParagraphs([`${caution}在这一段里，另有${later}一词。`]);
    await story.leaveEditor();
    story.acceptNextDialog(zh.story.submitConfirm);
    await story.submitButton.click();
    const dialog = page.getByTestId('caution-confirm-dialog');
    await expect(dialog.getByTestId('caution-words')).toContainText(`正文中有慎用词或个人信息“${caution}”`);
    await dialog.getByTestId('confirm-caution').click();
    await expect(story.receiptNo).toHaveText(RECEIPT_NO);
  });

  await test.step('a word made forbidden after the submit', async () => {
    await adminPage.goto(`/admin/words/${listId}`);
    const add = adminPage.getByTestId('word-entry-add-form');
    await add.getByTestId('word-entry-word').fill(later);
    await add.getByRole('button', { name: words.addEntry }).click();
    await expect(adminPage.getByTestId('word-entries')).toContainText(later);
  });

  const editor = await createAccount({ role: 'editor' });
  const editorPage = await (await newClient()).newPage();
  await signIn(editorPage.context(), editor);
  const reason = `引用原文，经领导同意 ${token}`;

  const id = await test.step('the editor signs off only with an override reason', async () => {
    const queue = new ReviewQueuePage(editorPage);
    await queue.goto();
    await queue.filter(title);
    const storyId = await queue.open(title);
    const review = new ReviewStoryPage(editorPage);
    await review.claim();
    await review.openPublish();
    await review.publishDialog.getByTestId('confirm-publish').click();
    const field = review.publishDialog.getByTestId('word-override-reason');
    await expect(field).toBeVisible();
    await expect(review.publishDialog).toContainText(`正文中有禁用词“${later}”`);
    await field.fill(reason);
    await review.confirmPublish();
    await review.expectStatus('published');
    return storyId;
  });

  await test.step('the printed review sheet shows the override', async () => {
    await editorPage.goto(`/review/${id}/sheet`);
    const override = editorPage.getByTestId('sheet-word-override');
    await expect(override).toContainText(reason);
    await expect(override).toContainText(`“${later}”`);
    await editorPage.emulateMedia({ media: 'print' });
    await expect(override).toBeVisible();
  });
});
