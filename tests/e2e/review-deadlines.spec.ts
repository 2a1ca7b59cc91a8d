import { databaseUrl, DEMO_UNIT, openAppDatabase, uniquePassword, uniqueToken, uniqueUsername } from './support/accounts';
import { AdminWorkflowsPage } from './support/admin-workflows-page';
import { expect, test } from './support/fixtures';
import { format, zh } from './support/messages';
import { ReviewQueuePage, ReviewStoryPage } from './support/review-pages';
import { signedInPage, signIn } from './support/session';

// Review deadlines and assignment as the desk meets them: an administrator
// gives a stage of a new flow a time limit at /admin/workflows; a story filed
// under it has been waiting longer than that, so the queue and its page mark
// it overdue with its due time; an editor assigns it to a colleague, whose
// queue then lists it first as 指派给我.

const t = zh.reviewDeadlines;

// A column of its own, last in the list so no other test files under it.
async function createColumn(url: string): Promise<string> {
  const db = await openAppDatabase(url);
  const { siteColumns } = await import('@/db/schema');
  const token = uniqueToken().toLowerCase().replace(/[^a-z0-9]/g, '');
  const name = `时限栏目 ${token}`;
  await db.insert(siteColumns).values({ slug: `deadline-${token}`, name, sortOrder: 10_000 });
  return name;
}

// A correspondent's story filed under the column through lib/, as the desk
// form does; its stay at the first stage then moved back by `hoursAgo`.
async function fileOverdueStory(url: string, columnName: string, hoursAgo: number): Promise<{ id: number; title: string }> {
  const db = await openAppDatabase(url);
  const [{ systemActor }, { createUser }, { findUnitByName }, { createStory, submitStory }, schema, { and, eq, isNull }] = await Promise.all([
    import('@/lib/actors'),
    import('@/lib/users'),
    import('@/lib/units'),
    import('@/lib/stories'),
    import('@/db/schema'),
    import('drizzle-orm'),
  ]);
  const unit = await findUnitByName(DEMO_UNIT);
  const username = uniqueUsername('dl');
  const { user } = await createUser(systemActor, { username, displayName: `时限通讯员${username.slice(-4)}`, role: 'correspondent', unitId: unit!.id, password: uniquePassword() });
  const viewer = { id: user.id, username, displayName: user.displayName, role: 'correspondent' as const, adminDuties: [], unitId: unit!.id, mustChangePassword: false };
  const [column] = await db.select({ id: schema.siteColumns.id }).from(schema.siteColumns).where(eq(schema.siteColumns.name, columnName));
  const title = `超时稿件 ${uniqueToken()}`;
  const draft = await createStory(viewer, { title, columnId: column!.id, bodyHtml: '<p>本网讯 区司法局开展社区矫正对象集中教育，四十余名社区矫正对象参加。</p>' });
  const story = await submitStory(viewer, draft.id, draft.version);
  const [stay] = await db
    .select()
    .from(schema.stageVisits)
    .where(and(eq(schema.stageVisits.storyId, story.id), isNull(schema.stageVisits.leftAt)));
  const limitMs = stay!.dueAt!.getTime() - stay!.enteredAt.getTime();
  const enteredAt = new Date(Date.now() - hoursAgo * 3_600_000);
  await db
    .update(schema.stageVisits)
    .set({ enteredAt, dueAt: new Date(enteredAt.getTime() + limitMs), dueSoonAt: new Date(enteredAt.getTime() + limitMs * 0.8) })
    .where(eq(schema.stageVisits.id, stay!.id));
  return { id: story.id, title };
}

test('an administrator limits a stage; the overdue story is marked in the queue and on its page; an editor assigns it and the colleague sees it first', async ({ page, createAccount, newClient }) => {
  test.setTimeout(180_000);
  const url = databaseUrl();
  if (!url && process.env.CI) throw new Error('the review deadlines E2E needs E2E_DATABASE_URL (PostgreSQL) under CI');
  test.skip(!url, 'the story is filed and its clock moved back in the PostgreSQL database (E2E_DATABASE_URL)');
  const [admin, editor, colleague] = await Promise.all([createAccount({ role: 'admin' }), createAccount({ role: 'editor' }), createAccount({ role: 'editor' })]);
  const column = await createColumn(url!);
  const flowName = `时限流程 ${uniqueToken()}`;

  await test.step('the administrator gives 初审 a limit of 2 hours and the editor as its supervisor, and chooses the flow for the column', async () => {
    await signIn(page.context(), admin);
    const workflows = new AdminWorkflowsPage(page);
    await workflows.goto();
    await workflows.openNew();
    await workflows.fill(flowName, [{ name: '初审' }, { name: '终审' }]);
    await workflows.stage(0).getByLabel(t.workflow.limit, { exact: true }).fill('2');
    // Named, so the overdue notice goes to the editor, not to every system administrator.
    await workflows.stage(0).getByTestId('stage-supervisors').getByRole('checkbox', { name: new RegExp(editor.displayName) }).check();
    await workflows.save();
    await expect(workflows.card(flowName)).toBeVisible();
    await expect(workflows.card(flowName).getByTestId('stage-deadline-summary').first()).toContainText(format(t.workflow.limitSummary, { hours: 2 }));
    await expect(workflows.card(flowName).getByTestId('stage-deadline-summary').first()).toContainText(editor.displayName);
    await workflows.setColumnFlow(column, flowName);
  });

  // Filed three hours ago: an hour past its due time.
  const story = await fileOverdueStory(url!, column, 3);

  await test.step('the queue and the story page mark it overdue, with the due time in Beijing time', async () => {
    const desk = await signedInPage(newClient, editor);
    const queue = new ReviewQueuePage(desk);
    await queue.goto();
    await queue.filter(story.title);
    const row = desk.getByTestId('review-table').locator('tr', { has: queue.row(story.title) });
    const marker = row.getByTestId('deadline-badge');
    await expect(marker).toHaveAttribute('data-deadline', 'overdue');
    await expect(marker).toContainText(t.badge.overdue);
    // The due time, in the site's zone (named in full where the column is narrow: the tooltip).
    await expect(marker).toHaveAttribute('title', /北京时间/);

    const review = new ReviewStoryPage(desk);
    await review.goto(story.id);
    await expect(review.header.getByTestId('deadline-badge')).toHaveAttribute('data-deadline', 'overdue');
    await expect(review.header.getByTestId('deadline-badge')).toContainText(/北京时间/);
    const clock = desk.getByTestId('stage-clock');
    await expect(clock).toContainText(format(zh.reviewDeadlines.panel.title, { stage: '初审' }));

    await test.step('the editor assigns it to a colleague', async () => {
      await clock.getByLabel(t.assignment.colleague, { exact: true }).selectOption({ label: colleague.displayName });
      await clock.getByRole('button', { name: t.assignment.assign, exact: true }).click();
      await expect(clock.getByText(t.assignment.assigned, { exact: true })).toBeVisible();
      await expect(clock.getByTestId('stage-assignee')).toContainText(colleague.displayName);
      await expect(review.header.getByTestId('assignee-badge')).toContainText(format(t.assignment.to, { name: colleague.displayName }));
    });
  });

  await test.step('the colleague finds it first in the queue, as 指派给我, and under that filter', async () => {
    const desk = await signedInPage(newClient, colleague);
    const queue = new ReviewQueuePage(desk);
    await queue.goto();
    await expect(queue.rows.first()).toHaveText(story.title);
    const row = desk.getByTestId('review-table').locator('tr', { has: queue.row(story.title) });
    await expect(row.getByTestId('assignee-badge')).toHaveText(t.assignment.toMe);
    await expect(row.getByTestId('deadline-badge')).toHaveAttribute('data-deadline', 'overdue');
    await desk.locator('select[name="assignee"]').selectOption({ label: t.assignment.filter });
    await desk.getByRole('button', { name: zh.review.applyFilters, exact: true }).click();
    await expect(desk).toHaveURL((u) => u.searchParams.get('assignee') === 'assigned');
    await expect(queue.rows).toHaveCount(1);
    await expect(queue.rows.first()).toHaveText(story.title);
  });
});
