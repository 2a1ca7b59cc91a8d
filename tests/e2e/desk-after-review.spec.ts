import { uniqueToken } from './support/accounts';
import { DeskPage, StoryPage } from './support/desk-pages';
import { canActAsEditor, publishStory, returnStory } from './support/editor-acts';
import { expect, test } from './support/fixtures';
import { zh } from './support/messages';
import { signIn } from './support/session';

// What the correspondent sees after an editor has acted on a submitted story:
// a return with a note (edit and resubmit), and publication (the public link
// and what the editor changed). The editor's side is simulated in the
// database until the review desk exists (support/editor-acts.ts).

test.skip(!canActAsEditor(), 'needs E2E_DATABASE_URL: the editor acts are written to the database directly');

test('a returned story shows the editor note on top; edited and resubmitted it keeps its receipt number', async ({ page, createAccount }) => {
  const account = await createAccount();
  await signIn(page.context(), account);
  const story = new StoryPage(page);
  const title = `退回修改的稿件 ${uniqueToken()}`;
  const note = '请补充活动的具体时间和参与人数。';

  await story.gotoNew();
  await story.write({ title, paragraphs: ['本报讯 区人民法院组织干警走进社区开展普法宣传活动，现场解答群众法律咨询。'] });
  const receiptNo = await story.submit();
  const id = await story.storyId();

  await returnStory(id, note);

  // The desk marks it: returned, with a note; the bell has one unread.
  const desk = new DeskPage(page);
  await desk.goto();
  const row = desk.row(title);
  await expect(row.getByText(zh.status.changes_requested, { exact: true })).toBeVisible();
  await expect(row.getByText(zh.desk.hasNote, { exact: true })).toBeVisible();
  await expect(page.getByTestId('unread-count')).toHaveText('1');

  await row.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(`/desk/${id}`);
  const shownNote = page.getByTestId('editor-note');
  await expect(shownNote).toHaveText(note);
  // At the top: above the form.
  const noteBox = (await shownNote.boundingBox())!;
  const titleBox = (await story.title.boundingBox())!;
  expect(noteBox.y).toBeLessThan(titleBox.y);
  await expect(story.receiptNo).toHaveText(receiptNo);
  await expect(story.timelineEntry('return')).toContainText(note);

  // Editable again: the correspondent answers the note and resubmits.
  await story.typeParagraphs(['活动于3月15日上午举行，共有120余名群众参加。']);
  expect(await story.submit()).toBe(receiptNo);
  await story.expectStatus('submitted');
  await expect(page.getByTestId('editor-note')).toHaveCount(0);
  await expect(page.locator('main')).toContainText('共有120余名群众参加');

  // The timeline tells the whole story, in order.
  const actions = [zh.story.events.create, zh.story.events.submit, zh.story.events.claim, zh.story.events.return, zh.story.events.resubmit];
  const entries = story.timeline.getByRole('listitem');
  await expect(entries).toHaveCount(actions.length);
  for (const [i, action] of actions.entries()) await expect(entries.nth(i)).toContainText(action);

  await desk.goto();
  await expect(desk.row(title)).toContainText(receiptNo);
  await expect(desk.row(title).getByText(zh.status.submitted, { exact: true })).toBeVisible();
  await expect(desk.row(title).getByText(zh.desk.hasNote, { exact: true })).toHaveCount(0);
});

test('once published, the story page links to the article and shows what the editor changed', async ({ page, createAccount, newClient }) => {
  const account = await createAccount();
  await signIn(page.context(), account);
  const story = new StoryPage(page);
  const token = uniqueToken();
  const title = `普法宣传活动 ${token}`;
  const publishedTitle = `区法院普法宣传走进社区 ${token}`;

  await story.gotoNew();
  await story.write({ title, paragraphs: ['本报讯 区人民法院组织干警走进社区开展普法宣传活动。', '当天天气晴朗，气氛热烈。'] });
  await story.submit();
  const id = await story.storyId();

  // The editor drops a sentence, adds another and retitles the story.
  await publishStory(id, {
    title: publishedTitle,
    body: (html) => html.replace('<p>当天天气晴朗，气氛热烈。</p>', '<p>现场发放资料一千余份。</p>'),
  });

  await story.goto(id);
  await expect(page.getByRole('heading', { level: 1, name: publishedTitle })).toBeVisible();
  await story.expectStatus('published');
  await expect(page.getByRole('link', { name: `/articles/${id}` })).toHaveAttribute('href', `/articles/${id}`);
  await expect(story.timelineEntry('publish')).toHaveCount(1);

  const diff = page.getByTestId('story-diff');
  await expect(diff.getByRole('heading', { name: zh.story.changesTitle })).toBeVisible();
  const inserted = (await diff.locator('ins').allTextContents()).join('');
  const deleted = (await diff.locator('del').allTextContents()).join('');
  for (const text of ['资料一千余份']) expect(inserted).toContain(text);
  for (const text of ['天气晴朗', '热烈']) expect(deleted).toContain(text);
  // Unchanged text is plain, neither inserted nor deleted.
  expect(inserted + deleted).not.toContain('组织干警走进社区');
  await expect(diff).toContainText('组织干警走进社区');

  // The public link opens the article, for anyone.
  await page.getByRole('link', { name: `/articles/${id}` }).click();
  await expect(page).toHaveURL(`/articles/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: publishedTitle })).toBeVisible();
  const visitor = await (await newClient()).newPage();
  const response = await visitor.goto(`/articles/${id}`);
  expect(response?.status()).toBe(200);
  await expect(visitor.getByRole('heading', { level: 1, name: publishedTitle })).toBeVisible();
  await expect(visitor.locator('article')).toContainText('现场发放资料一千余份。');
  await expect(visitor.locator('article')).not.toContainText('天气晴朗');
});
