import { databaseUrl, demo, openAppDatabase, uniquePassword, uniqueToken, uniqueUsername } from './support/accounts';
import { expect, test } from './support/fixtures';
import { zh } from './support/messages';
import { signIn } from './support/session';

// Unit quotas (任务指标) as a newsroom sets and follows them: a unit of its
// own with one adopted story; the administrator sets its monthly target from
// the units page, /stats shows the progress, and the unit's correspondent
// sees it on the desk.

async function makeFixture(url: string) {
  await openAppDatabase(url);
  const [{ systemActor }, { createUser }, { createUnit }, { claimStory, createStory, listActiveColumns, publishStory, submitStory }, { users }, { eq }, { getDb }] = await Promise.all([
    import('@/lib/actors'),
    import('@/lib/users'),
    import('@/lib/units'),
    import('@/lib/stories'),
    import('@/db/schema'),
    import('drizzle-orm'),
    import('@/db/client'),
  ]);
  const db = await getDb();
  const token = uniqueToken();
  const unit = await createUnit(systemActor, { name: `指标测试单位-${token}` });
  const person = async (role: 'correspondent' | 'editor') => {
    const username = uniqueUsername('qt');
    const password = uniquePassword();
    const { user } = await createUser(systemActor, { username, displayName: `指标${role === 'editor' ? '编辑' : '通讯员'}${token.slice(-4)}`, role, unitId: role === 'correspondent' ? unit.id : undefined, password });
    await db.update(users).set({ mustChangePassword: false }).where(eq(users.id, user.id));
    const viewer = { id: user.id, username, displayName: user.displayName, role, adminDuties: [], unitId: role === 'correspondent' ? unit.id : null, mustChangePassword: false };
    return { username, password, displayName: user.displayName, viewer };
  };
  const correspondent = await person('correspondent');
  const editor = await person('editor');
  const [column] = await listActiveColumns(correspondent.viewer);
  const draft = await createStory(correspondent.viewer, { title: `指标稿件 ${token}`, columnId: column!.id, bodyHtml: '<p>本网讯 近日，区司法局组织开展法律明白人专题培训，二百余人参加。</p>' });
  const filed = await submitStory(correspondent.viewer, draft.id, draft.version);
  const claimed = await claimStory(editor.viewer, filed.id);
  await publishStory(editor.viewer, filed.id, claimed.version, { columnId: column!.id, byline: '通讯员' });
  return { unit, correspondent };
}

test('an administrator sets a unit’s monthly target, /stats shows its progress, and its correspondent sees it on the desk', async ({ page, newClient }) => {
  test.setTimeout(120_000);
  const url = databaseUrl();
  // The fixture is made through lib/, which needs the PostgreSQL database.
  if (!url && process.env.CI) throw new Error('the unit quotas E2E needs E2E_DATABASE_URL (PostgreSQL) under CI');
  test.skip(!url, 'needs the PostgreSQL database (E2E_DATABASE_URL) to make its fixture through lib/');
  const f = await makeFixture(url!);

  await test.step('the correspondent’s desk shows nothing while the unit has no target', async () => {
    const desk = await (await newClient()).newPage();
    await signIn(desk.context(), f.correspondent);
    await desk.goto('/desk');
    await expect(desk.getByTestId('own-figures')).toBeVisible();
    await expect(desk.getByTestId('unit-progress')).toHaveCount(0);
  });

  await signIn(page.context(), demo.admin);
  await test.step('from the units page to this month’s targets; a bad number is refused where it was typed', async () => {
    await page.goto('/admin/units');
    await page.getByRole('link', { name: zh.quotas.manage }).click();
    await expect(page).toHaveURL(/\/stats\/quotas$/);
    await expect(page.getByTestId('quota-period-nav').getByRole('link', { name: zh.quotas.kind_month })).toHaveAttribute('aria-current', 'page');
    const row = page.getByTestId('quota-target-row').filter({ hasText: f.unit.name });
    const adopted = row.locator(`input[name="adopted-${f.unit.id}"]`);
    const points = row.locator(`input[name="points-${f.unit.id}"]`);
    await adopted.fill('四篇');
    await points.fill('40');
    await page.getByTestId('quota-targets-form').getByRole('button', { name: zh.quotas.save }).click();
    await expect(row.getByText(zh.errors.fields.quota_adopted_invalid)).toBeVisible();
    await expect(adopted).toHaveAttribute('aria-invalid', 'true');
    await expect(points).toHaveValue('40');
    await adopted.fill('4');
    await page.getByTestId('quota-targets-form').getByRole('button', { name: zh.quotas.save }).click();
    await expect(page.getByTestId('quota-targets-form').getByRole('status')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('quota-target-row').filter({ hasText: f.unit.name }).locator(`input[name="adopted-${f.unit.id}"]`)).toHaveValue('4');
  });

  await test.step('/stats shows the unit’s progress against it, with its correspondent', async () => {
    await page.goto('/stats');
    const card = page.getByTestId('quota-unit').filter({ has: page.getByRole('heading', { name: f.unit.name, exact: true }) });
    await expect(card.getByTestId('quota-adopted-figures')).toHaveText('1 / 4');
    await expect(card.getByTestId('quota-points-figures')).toHaveText(/ \/ 40$/);
    await expect(card.getByRole('progressbar', { name: zh.quotas.adopted })).toHaveAttribute('aria-valuenow', '1');
    await expect(card.getByTestId('quota-status')).toHaveAttribute('data-status', /^(on_track|behind)$/);
    // Open already when the unit is behind.
    if (!(await card.locator('details').evaluate((d) => (d as HTMLDetailsElement).open))) await card.locator('summary').click();
    await expect(card.getByTestId('quota-person').filter({ hasText: f.correspondent.displayName })).toContainText('1');
  });

  await test.step('the unit’s correspondent sees it on the desk', async () => {
    const desk = await (await newClient()).newPage();
    await signIn(desk.context(), f.correspondent);
    await desk.goto('/desk');
    const progress = desk.getByTestId('unit-progress');
    await expect(progress).toContainText(f.unit.name);
    await expect(progress.getByTestId('unit-progress-period')).toHaveCount(1);
    await expect(progress.getByTestId('quota-adopted-figures')).toHaveText('1 / 4');
    await expect(progress.getByTestId('quota-points-figures')).toHaveText(/ \/ 40$/);
  });
});
