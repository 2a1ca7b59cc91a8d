import type { APIRequestContext } from '@playwright/test';
import { uniqueToken } from './support/accounts';
import { DeskPage, StoryPage, submitStory } from './support/desk-pages';
import { expect, test } from './support/fixtures';
import { en, format, reviewTabs, zh } from './support/messages';
import { CommentThread, nextScheduleMinute, ReviewQueuePage, ReviewStoryPage } from './support/review-pages';
import { signedInPage, signIn } from './support/session';

// The review desk in the browser: editors (each in a browser of their own)
// claim, return, reject, edit, publish, schedule and unpublish what a
// correspondent submitted, and each side sees what the other did.

// What anyone (not signed in) gets for a public path.
async function publicStatus(request: APIRequestContext, path: string): Promise<number> {
  return (await request.get(path, { maxRedirects: 0 })).status();
}

test('an editor returns a story, the correspondent revises it, and the editor edits, publishes, unpublishes and republishes it', async ({
  page,
  request,
  createAccount,
  newClient,
}) => {
  test.setTimeout(180_000);
  const correspondent = await createAccount();
  const editorA = await createAccount({ role: 'editor' });
  const editorB = await createAccount({ role: 'editor' });
  await signIn(page.context(), correspondent);
  const token = uniqueToken();
  const title = `普法宣传活动 ${token}`;
  const publishedTitle = `区法院普法宣传走进社区 ${token}`;
  const note = '请补充活动的具体时间和参与人数。';

  const { id, receiptNo } = await submitStory(page, {
    title,
    paragraphs: ['本报讯 区人民法院组织干警走进社区开展普法宣传活动，现场解答群众法律咨询。', '当天天气晴朗，气氛热烈。'],
  });

  // Editor A finds it in the queue and claims it.
  const a = new ReviewStoryPage(await signedInPage(newClient, editorA));
  const queue = new ReviewQueuePage(a.page);
  await queue.goto();
  await queue.filter(token);
  await expect(queue.rows).toHaveCount(1);
  expect(await queue.open(title)).toBe(id);
  await expect(a.receiptNo).toHaveText(receiptNo);
  await a.expectStatus('submitted');
  await expect(a.holder).toHaveText(zh.review.unclaimed);
  await a.claim();
  await a.expectHeldBy(editorA.displayName);

  // Editor B sees it held by A: no claim, no editor, only taking it over.
  const b = new ReviewStoryPage(await signedInPage(newClient, editorB));
  await b.goto(id);
  await expect(b.claimedByOther).toHaveText(format(zh.review.claimedByOther, { name: editorA.displayName }));
  await b.expectHeldBy(editorA.displayName);
  await expect(b.claimButton).toHaveCount(0);
  await expect(b.takeOverButton).toBeVisible();
  await expect(b.body).toHaveCount(0);
  for (const act of ['open-return', 'open-reject', 'open-publish']) await expect(b.page.getByTestId(act)).toHaveCount(0);

  // A adds a line before returning it with a note.
  const editorsLine = '编辑补充：本次活动由区司法局协办。';
  await a.typeParagraphs([editorsLine]);
  await a.expectSaved();
  await a.actWithNote('return', note);
  await a.expectStatus('changes_requested');
  await expect(a.page.getByText(note, { exact: true }).first()).toBeVisible();
  // Nothing left to do: the action bar says why instead of standing empty, in both languages.
  const bar = a.page.getByRole('toolbar', { name: zh.review.actions, exact: true });
  await expect(bar.getByTestId('no-actions')).toHaveText(zh.review.noActions.changes_requested);
  await expect(bar.getByRole('button')).toHaveCount(0);
  await a.page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: new URL(a.page.url()).origin }]);
  await a.page.reload();
  await expect(a.page.getByTestId('no-actions')).toHaveText(en.review.noActions.changes_requested);
  await a.page.context().clearCookies({ name: 'NEXT_LOCALE' });
  await a.page.reload();

  // The correspondent's desk marks it, and the bell has the news.
  const desk = new DeskPage(page);
  await desk.goto();
  const row = desk.row(title);
  await expect(row.getByText(zh.status.changes_requested, { exact: true })).toBeVisible();
  await expect(row.getByText(zh.desk.hasNote, { exact: true })).toBeVisible();
  await expect(page.getByTestId('unread-count')).toHaveText('1');
  await page.goto('/notifications');
  // Opening the notification reads it: the story opens and the bell is quiet.
  await page.getByTestId('notification-list').getByRole('button', { name: format(zh.notifications.kinds.story_returned, { title }) }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/${id}$`));
  await expect(page.getByTestId('notification-bell')).toBeVisible();
  await expect(page.getByTestId('unread-count')).toHaveCount(0);

  // The note is on top of the story page, above the form.
  const story = new StoryPage(page);
  await story.goto(id);
  const shownNote = page.getByTestId('editor-note');
  await expect(shownNote).toHaveText(note);
  expect((await shownNote.boundingBox())!.y).toBeLessThan((await story.title.boundingBox())!.y);
  await expect(story.receiptNo).toHaveText(receiptNo);
  await expect(story.timelineEntry('return')).toContainText(note);
  // What the editor changed since the submission is shown, not merged in silently.
  const returnedChanges = page.getByTestId('returned-changes');
  await expect(returnedChanges.getByRole('heading')).toHaveText(zh.story.returnedChangesTitle);
  await expect(returnedChanges.locator('ins')).toContainText(editorsLine);

  // The correspondent answers the note and resubmits: same receipt number.
  await story.typeParagraphs(['活动于3月15日上午举行，共有120余名群众参加。']);
  expect(await story.submit()).toBe(receiptNo);
  await story.expectStatus('submitted');
  await expect(page.getByTestId('editor-note')).toHaveCount(0);
  const actions = [zh.story.events.create, zh.story.events.submit, zh.story.events.claim, zh.story.events.return, zh.story.events.resubmit];
  const entries = story.timeline.getByRole('listitem');
  await expect(entries).toHaveCount(actions.length);
  for (const [i, action] of actions.entries()) await expect(entries.nth(i)).toContainText(action);

  // A claims it again, drops a sentence, adds another and retitles it.
  await a.goto(id);
  await a.expectStatus('submitted');
  await expect(a.body).toHaveCount(0);
  await a.claim();
  await expect(a.body).toContainText('共有120余名群众参加');
  await a.replaceParagraph('当天天气晴朗', '现场发放资料一千余份。');
  await a.title.fill(publishedTitle);
  await a.expectSaved();

  // 编辑 on the public page defaults to A's name.
  await a.openPublish();
  await expect(a.publishField('editorName')).toHaveValue(editorA.displayName);
  await a.confirmPublish();
  await a.expectStatus('published');
  await expect(a.publicLink).toHaveText(`/articles/${id}`);

  // Anyone can read it, with A named as its editor.
  const visitor = await (await newClient()).newPage();
  const response = await visitor.goto(`/articles/${id}`);
  expect(response?.status()).toBe(200);
  await expect(visitor.getByRole('heading', { level: 1, name: publishedTitle })).toBeVisible();
  await expect(visitor.getByTestId('article-meta')).toContainText(`${zh.public.editor}: ${editorA.displayName}`);
  await expect(visitor.locator('article')).toContainText('现场发放资料一千余份。');
  await expect(visitor.locator('article')).toContainText('共有120余名群众参加');
  await expect(visitor.locator('article')).not.toContainText('天气晴朗');

  // The correspondent's page links to it and shows what the editor changed.
  await story.goto(id);
  await expect(page.getByRole('heading', { level: 1, name: publishedTitle })).toBeVisible();
  await story.expectStatus('published');
  await expect(page.getByRole('link', { name: `/articles/${id}` })).toHaveAttribute('href', `/articles/${id}`);
  await expect(story.timelineEntry('publish')).toHaveCount(1);
  const diff = page.getByTestId('story-diff');
  await expect(diff.getByRole('heading', { name: zh.story.changesTitle })).toBeVisible();
  const inserted = (await diff.locator('ins').allTextContents()).join('');
  const deleted = (await diff.locator('del').allTextContents()).join('');
  for (const text of ['资料一千余份', '区法院']) expect(inserted).toContain(text);
  for (const text of ['天气晴朗', '热烈']) expect(deleted).toContain(text);
  // Unchanged text is plain, neither inserted nor deleted.
  expect(inserted + deleted).not.toContain('组织干警走进社区');
  await expect(diff).toContainText('组织干警走进社区');

  // A unpublishes it with a reason: gone from the site.
  const reason = '活动时间有误，核实后再发。';
  await a.actWithNote('unpublish', reason);
  await a.expectStatus('unpublished');
  await expect(a.page.getByText(reason, { exact: true }).first()).toBeVisible();
  expect(await publicStatus(request, `/articles/${id}`)).toBe(404);

  // Republished, it is back.
  await expect(a.publishButton).toHaveText(zh.review.republish);
  await a.publishNow();
  await expect(a.publicLink).toHaveText(`/articles/${id}`);
  expect(await publicStatus(request, `/articles/${id}`)).toBe(200);
  await visitor.reload();
  await expect(visitor.getByRole('heading', { level: 1, name: publishedTitle })).toBeVisible();
});

test('a story scheduled for the next minute stays off the site until then, and goes out on its own', async ({ page, request, createAccount, newClient }) => {
  // One real wait in the suite: up to 100 s until the minute, plus the scheduler's tick.
  test.setTimeout(200_000);
  const correspondent = await createAccount();
  const editor = await createAccount({ role: 'editor' });
  await signIn(page.context(), correspondent);
  const token = uniqueToken();
  const title = `定时发布的稿件 ${token}`;
  const { id } = await submitStory(page, { title, paragraphs: ['本报讯 区司法局将于下周举办人民调解员培训班，全区调解员参加。'] });

  const a = new ReviewStoryPage(await signedInPage(newClient, editor));
  await a.goto(id);
  await a.claim();
  await a.openPublish();
  const at = nextScheduleMinute();
  await a.chooseSchedule(at);
  await expect(a.publishDialog.getByTestId('confirm-publish')).toHaveText(zh.review.confirmSchedule);
  await a.confirmPublish();
  await a.expectStatus('scheduled');
  await expect(a.publicLink).toHaveCount(0);

  // Not public before its time.
  expect(Date.now()).toBeLessThan(at.getTime());
  expect(await publicStatus(request, `/articles/${id}`)).toBe(404);

  // Listed under 定时发布; the correspondent sees it accepted and scheduled.
  const queue = new ReviewQueuePage(a.page);
  await queue.goto('scheduled');
  await queue.filter(token);
  await expect(queue.row(title)).toHaveCount(1);
  const story = new StoryPage(page);
  await story.goto(id);
  await story.expectStatus('scheduled');
  await expect(story.timelineEntry('schedule')).toHaveCount(1);

  // After its time the scheduler (every 5 s) puts it out.
  await expect
    .poll(() => publicStatus(request, `/articles/${id}`), { timeout: Math.max(at.getTime() - Date.now(), 0) + 30_000, intervals: [2_000] })
    .toBe(200);
  expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
  await story.goto(id);
  await story.expectStatus('published');
  await expect(story.timelineEntry('publish_due')).toHaveCount(1);
  await a.goto(id);
  await a.expectStatus('published');
});

test('a rejected story shows its reason; a claim from a stale page is refused with the holder named', async ({ page, createAccount, newClient }) => {
  const correspondent = await createAccount();
  const editorA = await createAccount({ role: 'editor' });
  const editorB = await createAccount({ role: 'editor' });
  await signIn(page.context(), correspondent);
  const title = `不予采用的稿件 ${uniqueToken()}`;
  const { id } = await submitStory(page, { title, paragraphs: ['本报讯 某单位召开年度工作会议，总结去年工作，部署今年任务。'] });

  // B opens it while nobody holds it; then A claims it.
  const b = new ReviewStoryPage(await signedInPage(newClient, editorB));
  await b.goto(id);
  await expect(b.claimButton).toBeVisible();
  const a = new ReviewStoryPage(await signedInPage(newClient, editorA));
  await a.goto(id);
  await a.claim();

  // B's claim, from the page as it was, is refused and names A.
  await b.claimButton.click();
  await expect(b.message).toHaveText(format(zh.errors.claimed, { name: editorA.displayName }));
  await b.page.reload();
  await expect(b.claimedByOther).toBeVisible();
  await b.expectHeldBy(editorA.displayName);
  await b.expectStatus('in_review');
  await expect(b.body).toHaveCount(0);

  // A rejects it with a reason.
  const reason = '内容属于内部工作安排，不适合公开发布。';
  await a.actWithNote('reject', reason);
  await a.expectStatus('rejected');
  await expect(a.page.getByText(reason, { exact: true }).first()).toBeVisible();
  await expect(a.publishButton).toHaveCount(0);

  // The correspondent reads the reason and can no longer edit or resubmit.
  const story = new StoryPage(page);
  await story.goto(id);
  await story.expectStatus('rejected');
  await expect(page.getByText(zh.story.rejectedReason, { exact: true })).toBeVisible();
  await expect(page.getByText(reason, { exact: true }).first()).toBeVisible();
  await expect(story.submitButton).toHaveCount(0);
  await expect(story.body).toHaveCount(0);
  await expect(story.timelineEntry('reject')).toContainText(reason);
});

test('internal comments stay among editors; the correspondent sees and answers the visible ones', async ({ page, createAccount, newClient }) => {
  const correspondent = await createAccount();
  const editor = await createAccount({ role: 'editor' });
  await signIn(page.context(), correspondent);
  const token = uniqueToken();
  const { id } = await submitStory(page, { title: `需要沟通的稿件 ${token}`, paragraphs: ['本报讯 区法律援助中心开展法律援助进乡村活动，为村民提供免费法律服务。'] });

  const internalText = `内部：这篇可以考虑放到头条 ${token}`;
  const visibleText = `请提供两张活动现场照片 ${token}`;
  const replyText = `照片已经补充到正文里了 ${token}`;

  const a = new ReviewStoryPage(await signedInPage(newClient, editor));
  await a.goto(id);
  // Internal is the default on the review desk, and the form says who reads it.
  await expect(a.comments.internal).toBeChecked();
  await expect(a.comments.audience).toHaveText(zh.comments.readByDesk);
  await expect(a.comments.send).toHaveText(zh.comments.sendInternal);
  // A visible comment is a choice made for that one comment...
  await a.comments.body.fill(visibleText);
  await a.comments.visible.check();
  await expect(a.comments.audience).toHaveText(zh.comments.readByOwner);
  await expect(a.comments.send).toHaveText(zh.comments.sendToOwner);
  await a.comments.send.click();
  await expect(a.comments.comment(visibleText)).toContainText(zh.comments.visible);
  // ...after which the form is back to editors only: the next note stays internal.
  await expect(a.comments.internal).toBeChecked();
  await expect(a.comments.audience).toHaveText(zh.comments.readByDesk);
  await a.comments.add(internalText);
  await expect(a.comments.comment(internalText)).toContainText(zh.comments.internal);

  // The correspondent sees only the visible one, and answers it.
  const story = new StoryPage(page);
  await story.goto(id);
  const thread = new CommentThread(page);
  await expect(thread.items).toHaveCount(1);
  await expect(thread.comment(visibleText)).toContainText(editor.displayName);
  await expect(thread.root).not.toContainText(internalText);
  await expect(thread.internal).toHaveCount(0);
  await thread.add(replyText);
  await expect(thread.items).toHaveCount(2);
  await expect(thread.root).not.toContainText(internalText);

  // The editor sees the answer, from the correspondent.
  await a.page.reload();
  await expect(a.comments.items).toHaveCount(3);
  await expect(a.comments.comment(replyText)).toContainText(correspondent.displayName);
  await expect(a.comments.comment(replyText)).toContainText(zh.comments.visible);
});

test('the queue: tab counts, filters that narrow it, and j/k with Enter to open a story', async ({ page, createAccount, newClient }) => {
  const correspondent = await createAccount();
  const editor = await createAccount({ role: 'editor' });
  await signIn(page.context(), correspondent);
  const token = uniqueToken();
  const first = { title: `调解工作简报 ${token} 甲`, paragraphs: ['本报讯 街道人民调解委员会本月成功调解邻里纠纷十二起。'] };
  const second = { title: `调解工作简报 ${token} 乙`, paragraphs: ['本报讯 村人民调解委员会化解一起土地承包纠纷，双方握手言和。'] };
  const one = await submitStory(page, first);
  const two = await submitStory(page, second);

  const queue = new ReviewQueuePage(await signedInPage(newClient, editor));
  await queue.goto();
  for (const tab of reviewTabs) await expect(queue.tab(tab)).toHaveText(new RegExp(`^${zh.review.tab[tab]}\\s*\\d+$`));
  await expect(queue.tab('queue')).toHaveAttribute('aria-current', 'page');

  // A title token finds both; a receipt number only its story.
  await queue.filter(token);
  await expect(queue.rows).toHaveCount(2);
  await expect(queue.row(first.title)).toHaveCount(1);
  await expect(queue.row(second.title)).toHaveCount(1);
  await queue.filter(two.receiptNo);
  await expect(queue.rows).toHaveCount(1);
  await expect(queue.row(second.title)).toHaveCount(1);
  await expect(queue.page.getByTestId('review-table')).toContainText(two.receiptNo);
  await queue.filter(`${token} 不存在`);
  await expect(queue.rows).toHaveCount(0);
  await expect(queue.page.getByTestId('queue-empty')).toBeVisible();

  // j and k move through the rows (not while typing in a field); Enter opens one.
  await queue.filter(token);
  await expect(queue.rows).toHaveCount(2);
  await queue.search.focus();
  await queue.page.keyboard.press('End');
  await queue.page.keyboard.press('j');
  await expect(queue.search).toHaveValue(`${token}j`);
  await expect(queue.rows.first()).not.toBeFocused();
  await queue.page.getByRole('heading', { level: 1 }).click();
  await queue.page.keyboard.press('j');
  await expect(queue.rows.nth(0)).toBeFocused();
  await queue.page.keyboard.press('j');
  await expect(queue.rows.nth(1)).toBeFocused();
  await queue.page.keyboard.press('j');
  await expect(queue.rows.nth(1)).toBeFocused();
  await queue.page.keyboard.press('k');
  await expect(queue.rows.nth(0)).toBeFocused();
  const target = (await queue.rows.nth(0).textContent())?.includes(first.title) ? one : two;
  await queue.page.keyboard.press('Enter');
  await expect(queue.page).toHaveURL(`/review/${target.id}`);
  await expect(new ReviewStoryPage(queue.page).receiptNo).toHaveText(target.receiptNo);
});

test('two editors editing a published story: the later save meets the conflict panel, and neither text is lost', async ({ page, createAccount, newClient }) => {
  const correspondent = await createAccount();
  const editorA = await createAccount({ role: 'editor' });
  const editorB = await createAccount({ role: 'editor' });
  await signIn(page.context(), correspondent);
  const { id } = await submitStory(page, { title: `两位编辑同时修改 ${uniqueToken()}`, paragraphs: ['本报讯 区公安分局开展反诈宣传进校园活动，提醒师生警惕电信诈骗。'] });

  const a = new ReviewStoryPage(await signedInPage(newClient, editorA));
  await a.goto(id);
  await a.claim();
  await a.publishNow();

  // Both open it for editing; published stories are any editor's to correct.
  const b = new ReviewStoryPage(await signedInPage(newClient, editorB));
  await b.goto(id);
  await expect(a.body).toBeVisible();
  await expect(b.body).toBeVisible();

  const fromA = '活动共发放宣传册八百余份。';
  const fromB = '现场还演示了常见诈骗手法。';
  await a.typeParagraphs([fromA]);
  await a.expectSaved();

  await b.typeParagraphs([fromB]);
  await b.title.focus();
  await expect(b.conflictPanel).toBeVisible();
  await expect(b.saveStatus).toHaveText(zh.story.conflictTitle);
  const mine = b.conflictSide('mine');
  const theirs = b.conflictSide('theirs');
  await expect(mine).toContainText(fromB);
  await expect(mine).not.toContainText(fromA);
  await expect(theirs).toContainText(fromA);
  await expect(theirs).not.toContainText(fromB);
  // B's text is still in the editor; A's is on the server.
  await expect(b.body).toContainText(fromB);
  await a.page.reload();
  await expect(a.body).toContainText(fromA);
  await expect(a.body).not.toContainText(fromB);
});

test('the queue marks both stories of a near-duplicate pair (查重), and an unrelated one not', async ({ page, createAccount, newClient }) => {
  const correspondent = await createAccount();
  const editor = await createAccount({ role: 'editor' });
  await signIn(page.context(), correspondent);
  const token = uniqueToken();
  const paragraphs = [`本报讯 ${token} 区农业农村委组织技术人员深入田间地头，指导农户做好秋冬种和冬季农田管理工作。`, '技术人员现场讲解了小麦播种、油菜移栽和病虫害防治的要点，发放技术资料三百余份。'];
  const original = { title: `秋冬种技术指导 ${token}`, paragraphs };
  const copy = { title: `田间地头的技术课 ${token}`, paragraphs: [...paragraphs, '农户们纷纷表示很受用。'] };
  const unrelated = { title: `社区图书角开放 ${token}`, paragraphs: [`本报讯 ${token} 某社区图书角正式对居民开放，藏书两千余册，每天下午开放。`] };
  for (const story of [original, copy, unrelated]) await submitStory(page, story);

  const queue = new ReviewQueuePage(await signedInPage(newClient, editor));
  await queue.goto();
  await queue.filter(token);
  await expect(queue.rows).toHaveCount(3);
  const marker = (title: string) => queue.page.getByTestId('review-table').locator('tr', { hasText: title }).getByTestId('duplicate-marker');
  for (const story of [original, copy]) await expect(marker(story.title)).toHaveText(/^疑似重复 \d{2,3}%$/);
  await expect(marker(unrelated.title)).toHaveCount(0);
});
