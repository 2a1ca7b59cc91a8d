import type { BrowserContext, Page } from '@playwright/test';
import { databaseUrl, demo, openAppDatabase, uniqueToken, type Account } from './support/accounts';
import { AdminSettingsPage } from './support/admin-settings-page';
import { StoryPage } from './support/desk-pages';
import { expect, test } from './support/fixtures';
import { en, format, zh } from './support/messages';
import { ReviewStoryPage } from './support/review-pages';
import { signedInPage, signIn } from './support/session';

// 三审 in the browser: a correspondent files under a column whose flow is
// 单位审核 → 初审 → 复审 → 终审; the unit's approver, the first editor, the
// department head and the editor-in-chief each act in a browser of their
// own, at their stage only; the head sends it back once; the chief signs it
// off with the opinion the stage requires, and it is published.

type Stage = { name: string; holders: 'desk' | 'unit' | 'named'; userIds?: number[]; opinionRequired?: boolean };

// A column of its own with the flow (written as the admin page would), last
// in the list so no other test files under it.
async function columnWithFlow(stages: Stage[]): Promise<string> {
  const url = databaseUrl();
  if (!url) throw new Error('the flow is written to the PostgreSQL database (E2E_DATABASE_URL)');
  const db = await openAppDatabase(url);
  const { reviewFlows, reviewFlowVersions, siteColumns } = await import('@/db/schema');
  const token = uniqueToken().toLowerCase().replace(/[^a-z0-9]/g, '');
  const [flow] = await db.insert(reviewFlows).values({ name: `三审流程 ${token}` }).returning();
  await db
    .insert(reviewFlowVersions)
    .values({ flowId: flow!.id, number: 1, stages: stages.map((s) => ({ userIds: [], columnIds: null, opinionRequired: false, ...s })) });
  const name = `三审栏目 ${token}`;
  await db.insert(siteColumns).values({ slug: `stages-${token}`, name, sortOrder: 10_000, reviewFlowId: flow!.id });
  return name;
}

async function reviewer(newClient: () => Promise<BrowserContext>, account: Account, id: number): Promise<ReviewStoryPage> {
  const page = new ReviewStoryPage(await signedInPage(newClient, account));
  await page.goto(id);
  return page;
}

async function decide(review: ReviewStoryPage, act: 'approve' | 'send-back', opinion: string): Promise<void> {
  await review.page.getByTestId(`open-${act}`).click();
  const dialog = review.page.getByTestId(`${act}-dialog`);
  await dialog.locator(`#${act}-dialog-note`).fill(opinion);
  await dialog.locator('button[type="submit"]').click();
  await expect(dialog).toBeHidden();
}

function stageChip(page: Page, index: number) {
  return page.getByTestId('stage-progress').locator(`[data-stage="${index}"]`);
}

test('a story passes 单位审核, 初审, 复审 (sent back once) and 终审, each by its own people, and is signed off', async ({ page, createAccount, newClient }) => {
  test.setTimeout(240_000);
  const [correspondent, approver, first, head, chief] = await Promise.all([
    createAccount(),
    createAccount({ role: 'unit_approver' }),
    createAccount({ role: 'editor' }),
    createAccount({ role: 'editor' }),
    createAccount({ role: 'editor' }),
  ]);
  const column = await columnWithFlow([
    { name: '单位审核', holders: 'unit' },
    { name: '初审', holders: 'desk' },
    { name: '复审', holders: 'named', userIds: [head.id] },
    { name: '终审', holders: 'named', userIds: [chief.id], opinionRequired: true },
  ]);
  const title = `三审稿件 ${uniqueToken()}`;
  let articlePath = '';

  await signIn(page.context(), correspondent);
  const story = new StoryPage(page);
  await story.gotoNew();
  await story.write({ title, column, paragraphs: ['本报讯 区司法局组织开展“八五”普法中期检查，对全区二十个部门的普法责任清单逐项核查。'] });
  await story.submit();
  const id = await story.storyId();
  // Before any decision it may still be withdrawn.
  await expect(page.getByTestId('withdraw-story')).toBeVisible();

  await test.step('单位审核: the unit approver finds it under its stage and approves; the desk cannot act yet', async () => {
    const desk = await reviewer(newClient, first, id);
    await expect(stageChip(desk.page, 0)).toHaveAttribute('aria-current', 'step');
    await expect(desk.claimButton).toHaveCount(0);

    const unit = new ReviewStoryPage(await signedInPage(newClient, approver));
    await unit.page.goto('/portal');
    await expect(unit.page).toHaveURL(/\/review$/);
    await unit.page.getByTestId('stage-tabs').getByRole('link', { name: new RegExp(format(zh.review.stages.waitingAt, { stage: '单位审核' })) }).click();
    await unit.page.getByRole('link', { name: title }).click();
    // A unit approver claims to decide; the text is not theirs to edit.
    await unit.claimButton.click();
    await unit.expectStatus('in_review');
    await expect(unit.body).toHaveCount(0);
    await expect(unit.page.getByTestId('open-publish')).toHaveCount(0);
    await decide(unit, 'approve', '经单位领导审核，同意报送。');
    await expect(stageChip(unit.page, 1)).toHaveAttribute('aria-current', 'step');
    await desk.page.reload();
    await expect(desk.claimButton).toBeVisible();
    // A decision was taken: the correspondent can no longer withdraw it.
    await page.goto(`/desk/${id}`);
    await expect(page.getByTestId('withdraw-story')).toHaveCount(0);
  });

  const desk = await reviewer(newClient, first, id);
  await test.step('初审: any editor claims and approves to 复审; no publishing from here', async () => {
    await desk.claim();
    await expect(desk.page.getByTestId('open-publish')).toHaveCount(0);
    await expect(desk.page.getByTestId('open-approve')).toHaveText(format(zh.review.stages.approveTo, { stage: '复审' }));
    await decide(desk, 'approve', '事实清楚，同意报复审。');
  });

  await test.step('复审: only the department head may act; they send it back once, then approve', async () => {
    const outsider = await reviewer(newClient, chief, id);
    await expect(outsider.claimButton).toHaveCount(0);
    const deptHead = await reviewer(newClient, head, id);
    await deptHead.claim();
    await decide(deptHead, 'send-back', '请核实检查的部门数量。');
    await desk.page.reload();
    await desk.claim();
    await decide(desk, 'approve', '已核实：二十个部门。');
    await deptHead.page.reload();
    await deptHead.claim();
    await decide(deptHead, 'approve', '同意。');
  });

  await test.step('终审: the chief must give an opinion to sign off, and it is published with the 初审 editor as 编辑', async () => {
    const signer = await reviewer(newClient, chief, id);
    await signer.claim();
    await signer.openPublish();
    await signer.publishDialog.getByTestId('confirm-publish').click();
    await expect(signer.publishDialog.locator('#opinion-error, [role="alert"]').first()).toBeVisible();
    await signer.publishDialog.getByTestId('sign-off-opinion').fill('同意签发。');
    // The editor-in-chief signed by phone; the signer records it in his name (代录).
    await signer.publishDialog.getByTestId('signed-for-name').fill('王总编');
    await signer.confirmPublish();
    await signer.expectStatus('published');
    const decisions = signer.page.getByTestId('stage-decisions');
    await expect(decisions.locator('[data-decision]')).toHaveCount(6);
    await expect(decisions).toContainText('请核实检查的部门数量。');
    const article = signer.page.getByTestId('public-link');
    articlePath = (await article.getAttribute('href'))!;

    // The 审查单, printed: every stage with its opinions and people.
    await signer.page.getByTestId('review-sheet-link').click();
    await signer.page.emulateMedia({ media: 'print' });
    const sheet = signer.page.getByTestId('review-sheet');
    for (const text of ['单位审核', '初审', '复审', '终审', '经单位领导审核，同意报送。', '事实清楚，同意报复审。', '请核实检查的部门数量。', '同意签发。', '王总编', chief.displayName, head.displayName]) {
      await expect(sheet).toContainText(text);
    }
    await signer.page.emulateMedia({ media: 'screen' });

    await signer.page.goto(articlePath);
    await expect(signer.page.locator('main')).toContainText(first.displayName);
  });

  await test.step('the correspondent sees each stage passed, and none of the opinions', async () => {
    await page.goto(`/desk/${id}`);
    const timeline = page.getByTestId('story-timeline');
    for (const stage of ['单位审核', '初审', '复审']) await expect(timeline).toContainText(format(zh.story.stageEvents.approve, { stage }));
    await expect(timeline).not.toContainText('同意报复审');
    await expect(timeline).not.toContainText('请核实');
  });

  await test.step('the administrator has the meta line name 审核 and 签发 too; readers see them in both languages', async () => {
    const admin = new AdminSettingsPage(await signedInPage(newClient, demo.admin));
    const meta = (reader: Page) => reader.getByTestId('article-meta');
    const tick = async (on: boolean) => {
      await admin.goto();
      for (const name of ['articleShowsReviewers', 'articleShowsSigner']) await admin.checkbox('review', name).setChecked(on);
      await admin.save('review');
      await admin.expectSaved('review');
    };
    await tick(true);
    // The change reaches the cached page within a moment.
    await expect(async () => {
      await page.goto(articlePath);
      await expect(meta(page)).toContainText(`${zh.public.reviewers}: ${head.displayName}`, { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(meta(page).locator('[data-name]')).toHaveText([
      `${zh.public.editor}: ${first.displayName}`,
      `${zh.public.reviewers}: ${head.displayName}`,
      `${zh.public.signer}: 王总编`,
    ]);
    await page.goto(`/en${articlePath}`);
    await expect(meta(page).locator('[data-name]')).toHaveText([`${en.public.editor}: ${first.displayName}`, `${en.public.reviewers}: ${head.displayName}`, `${en.public.signer}: 王总编`]);

    // Back to 编辑 alone, the default, for the rest of the suite.
    await tick(false);
    await expect(async () => {
      await page.goto(articlePath);
      await expect(meta(page).locator('[data-name]')).toHaveText([`${zh.public.editor}: ${first.displayName}`], { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
  });

  await test.step('the review record in English', async () => {
    const context = await newClient();
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: new URL(page.url()).origin }]);
    await signIn(context, first);
    const english = await context.newPage();
    await english.goto(`/review/${id}`);
    await expect(english.getByTestId('stage-decisions').getByRole('heading', { name: en.review.stages.decisionsTitle })).toBeVisible();
    await expect(english.getByTestId('stage-decisions')).toContainText(en.review.stages.decision.sign_off);
  });
});
