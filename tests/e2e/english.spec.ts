import { expect, test } from './support/fixtures';
import { en } from './support/messages';
import { StoryPage } from './support/desk-pages';
import { signedInPage, signIn } from './support/session';
import { uniqueToken } from './support/accounts';

// The English interface reads as English: 栏目 is a section (never confused
// with a table's columns), reports punctuate in English, and Latin text is
// not justified into gaps on a phone.

const FULL_WIDTH = /[：（），。；]/;

test('English: the story field is the section, a report punctuates in English, a phone shows no justified text', async ({ createAccount, newClient, baseURL }) => {
  const correspondent = await createAccount();
  const context = await newClient();
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
  await signIn(context, correspondent);
  const writer = await context.newPage();
  await writer.setViewportSize({ width: 390, height: 844 });
  await writer.goto('/desk/new');
  await expect(writer.getByLabel(en.story.column, { exact: true })).toBeVisible();
  expect(en.story.column).toBe('Section');
  expect(en.editor.addColumn).toBe('Add column');

  // A filed story read back on the phone: its paragraphs are not justified.
  await writer.close();
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  const story = new StoryPage(phone, en);
  await story.gotoNew();
  await story.write({ title: `English check ${uniqueToken()}`, paragraphs: ['The county held a legal aid day for residents, answering questions on contracts, family matters and labour disputes.'] });
  await story.submit();
  const id = await story.storyId();
  await phone.goto(`/desk/${id}`);
  const paragraph = phone.locator('.prose-zh p').first();
  await expect(paragraph).toBeVisible();
  expect(await paragraph.evaluate((p) => getComputedStyle(p).textAlign)).not.toBe('justify');

  // The editor's yearly report of that correspondent.
  const editor = await createAccount({ role: 'editor' });
  const editorPage = await signedInPage(newClient, editor);
  await editorPage.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
  await editorPage.goto(`/stats/report/correspondent/${correspondent.id}`);
  const subject = editorPage.getByRole('main').locator('header p').first();
  await expect(subject).toContainText(`${en.stats.reportCorrespondent}: ${correspondent.displayName}`);
  expect(await subject.textContent()).not.toMatch(FULL_WIDTH);
});
