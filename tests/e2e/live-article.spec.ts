import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext } from '@playwright/test';
import { uniqueToken } from './support/accounts';
import { submitStory } from './support/desk-pages';
import { expect, test } from './support/fixtures';
import { format, zh } from './support/messages';
import { nextScheduleMinute, ReviewStoryPage, zonedInputValue } from './support/review-pages';
import { signedInPage, signIn } from './support/session';

// Published articles change only on purpose (docs/live-articles.md): an
// editor's edit of a live article waits as a pending revision while readers
// (a browser of their own) keep the published text; the update goes out with
// a correction note shown at the end of the article; an earlier revision is
// restored and published again; and an expiry a minute ahead takes the
// article down through the real job.

type Strings = Record<string, string>;
// This part's strings, from the app's own catalog.
const strings = JSON.parse(readFileSync(fileURLToPath(new URL('../../lib/i18n/messages/zh-CN.json', import.meta.url)), 'utf8')) as {
  liveArticles: { review: Strings; restore: Strings; public: Strings };
  revisionKinds: Strings;
  errors: { fields: Strings };
  story: { events: Strings };
};

async function publicStatus(request: APIRequestContext, path: string): Promise<number> {
  return (await request.get(path, { maxRedirects: 0 })).status();
}

test('a live article is edited, read unchanged, updated with a correction note, restored and published again; an expiry takes it down', async ({
  page,
  request,
  createAccount,
  newClient,
}) => {
  // One real wait: up to 100 s until the expiry's minute, plus the job's tick.
  test.setTimeout(300_000);
  const correspondent = await createAccount();
  const editorAccount = await createAccount({ role: 'editor' });
  await signIn(page.context(), correspondent);
  const token = uniqueToken();
  const title = `区司法局开展法律明白人培训 ${token}`;
  const { id } = await submitStory(page, { title, paragraphs: ['本报讯 近日，区司法局组织开展法律明白人专题培训。', '全区三百余人参加培训。'] });

  // The editor claims and publishes it.
  const editor = new ReviewStoryPage(await signedInPage(newClient, editorAccount));
  await editor.goto(id);
  await editor.claim();
  await editor.publishNow();

  // A reader, in a browser of their own, reads it.
  const reader = await (await newClient()).newPage();
  await reader.goto(`/articles/${id}`);
  const article = reader.locator('#article-body');
  await expect(article).toContainText('全区三百余人参加培训。');
  await expect(reader.getByTestId('article-corrections')).toHaveCount(0);

  // The editor corrects the figure: saved, but only as the pending revision.
  await editor.goto(id);
  await editor.replaceParagraph('全区三百余人', '全区二百余人参加培训。');
  await editor.expectSaved();
  await reader.reload();
  await expect(article).toContainText('全区三百余人参加培训。');
  await expect(article).not.toContainText('二百余人');
  await expect(reader.getByTestId('updated-at')).toHaveCount(0);

  // The review page shows live and pending side by side.
  await editor.goto(id);
  const live = editor.page.getByTestId('live-comparison');
  await expect(live.getByTestId('live-version')).toContainText('三百余人');
  await expect(live.getByTestId('pending-version')).toContainText('二百余人');
  await expect(live.getByTestId('pending-by')).toContainText(editorAccount.displayName);

  // Published as an update with a correction note.
  const note = '本文第二段中“三百余人”应为“二百余人”，已更正。';
  await editor.page.getByTestId('open-publish-update').click();
  const dialog = editor.page.getByTestId('publish-update-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('confirm-publish-update').click();
  // A correction without its note is refused, and nothing is lost.
  await expect(dialog.getByText(strings.errors.fields.required!)).toBeVisible();
  await dialog.getByTestId('correction-note').fill(note);
  await dialog.getByTestId('confirm-publish-update').click();
  await expect(dialog).toBeHidden();
  await expect(editor.message).toHaveText(strings.liveArticles.review.updatePublishedOk!);
  await expect(live.getByTestId('no-pending')).toBeVisible();

  // The reader sees the new text, 更新时间, and the note at the end.
  await reader.reload();
  await expect(article).toContainText('全区二百余人参加培训。');
  await expect(reader.getByTestId('updated-at')).toBeVisible();
  const corrections = reader.getByTestId('article-corrections');
  await expect(corrections.getByRole('heading', { name: strings.liveArticles.public.correctionHeading })).toBeVisible();
  await expect(corrections.getByTestId('article-correction')).toHaveCount(1);
  await expect(corrections.getByTestId('article-correction')).toContainText(note);

  // The editor restores the revision first published, after confirming: it
  // becomes the pending revision; the reader still sees the update.
  await editor.goto(id);
  const history = editor.page.locator('#history');
  const firstPublished = history.getByRole('row').filter({ hasText: strings.revisionKinds.publish! }).last();
  await firstPublished.getByRole('button', { name: strings.liveArticles.restore.button }).click();
  const restoreDialog = editor.page.getByTestId('restore-dialog');
  await expect(restoreDialog).toContainText(strings.liveArticles.restore.confirmLive!);
  await restoreDialog.getByTestId('confirm-restore').click();
  await expect(restoreDialog).toBeHidden();
  await expect(editor.body).toContainText('全区三百余人参加培训。');
  await expect(live.getByTestId('pending-version')).toContainText('三百余人');
  await reader.reload();
  await expect(article).toContainText('二百余人');

  // Published again, as a minor change: the text is back, the one note stays.
  await editor.page.getByTestId('open-publish-update').click();
  await dialog.getByTestId('update-kind-minor').check();
  await expect(dialog.getByTestId('correction-note')).toHaveCount(0);
  await dialog.getByTestId('confirm-publish-update').click();
  await expect(dialog).toBeHidden();
  await reader.reload();
  await expect(article).toContainText('全区三百余人参加培训。');
  await expect(corrections.getByTestId('article-correction')).toHaveCount(1);

  // An expiry in the past is refused with a clear message; one a minute
  // ahead takes the article down through the job.
  await editor.page.getByTestId('open-expiry').click();
  const expiry = editor.page.getByTestId('expiry-dialog');
  await expiry.getByTestId('expiry-input').fill(zonedInputValue(new Date(Date.now() - 3600_000)));
  await expiry.getByTestId('confirm-expiry').click();
  await expect(expiry.getByText(strings.errors.fields.unpublish_at_past!)).toBeVisible();
  const at = nextScheduleMinute();
  await expiry.getByTestId('expiry-input').fill(zonedInputValue(at));
  await expiry.getByTestId('confirm-expiry').click();
  await expect(expiry).toBeHidden();
  await expect(editor.page.getByTestId('expiry-label')).toBeVisible();
  expect(await publicStatus(request, `/articles/${id}`)).toBe(200);
  await expect
    .poll(() => publicStatus(request, `/articles/${id}`), { timeout: Math.max(at.getTime() - Date.now(), 0) + 30_000, intervals: [2_000] })
    .toBe(404);
  expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
  await editor.goto(id);
  await editor.expectStatus('unpublished');
  await expect(editor.page.getByTestId('story-timeline')).toContainText(strings.story.events.unpublish_due!);
  // Its correspondent is told.
  await page.goto('/notifications');
  await expect(page.getByTestId('notification-list').getByRole('button', { name: format(zh.notifications.kinds.story_unpublished, { title }) })).toBeVisible();
});
