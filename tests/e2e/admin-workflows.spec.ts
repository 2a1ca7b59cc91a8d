import { expectNoViolations } from './support/accessibility';
import { demo, uniqueToken } from './support/accounts';
import { AdminColumnsPage } from './support/admin-columns-page';
import { AdminWorkflowsPage } from './support/admin-workflows-page';
import { expect, test } from './support/fixtures';
import { en, format, pattern } from './support/messages';
import { signIn, signedInPage } from './support/session';

// The administrator defines a review flow (三审) and gives it to a column.
// The flow and column are this test's own and are removed at its end, so the
// demo's columns keep the default flow other journeys submit under.

test('admin defines 初审 → 复审 → 终审 with named people, gives it to a column and sees it listed; the English page too', async ({ page, createAccount, baseURL }) => {
  const reviewer = await createAccount({ role: 'editor' });
  const chief = await createAccount({ role: 'editor' });
  await signIn(page.context(), demo.admin);
  const token = uniqueToken().toLowerCase();
  const flowName = `三审${token.slice(-6)}`;
  const column = { name: `审稿流程${token.slice(-4)}`, slug: `e2e-flow-${token}` };

  const columns = new AdminColumnsPage(page);
  await columns.goto();
  await columns.create(column);

  const admin = new AdminWorkflowsPage(page);
  await admin.goto();
  await admin.openNew();

  await test.step('a stage without a name and a named stage without people are refused beside their fields; what was typed stays', async () => {
    await admin.fill(flowName, [{ name: '' }, { name: '复审', holders: 'named' }, { name: '终审', holders: 'named', people: [chief.displayName] }]);
    await admin.save();
    await expect(admin.stage(0).getByText(admin.required, { exact: true })).toBeVisible();
    await expect(admin.stage(1).getByText(admin.t.errors.stage_people_required, { exact: true })).toBeVisible();
    await expect(admin.stage(0).getByLabel(admin.t.stageName, { exact: true })).toBeFocused();
    await expect(admin.form.getByLabel(admin.t.name, { exact: true })).toHaveValue(flowName);
    await expect(admin.stage(1).getByLabel(admin.t.stageName, { exact: true })).toHaveValue('复审');
    await expect(admin.stage(1).getByLabel(admin.t.stageHolders, { exact: true })).toHaveValue('named');
    await expect(admin.stage(2).getByTestId('stage-people').getByRole('checkbox', { name: new RegExp(chief.displayName) })).toBeChecked();
    // Only the last stage is labelled the sign-off.
    await expect(admin.stage(2).getByText(admin.t.signOff, { exact: true })).toBeVisible();
    await expect(admin.stage(1).getByText(admin.t.signOff, { exact: true })).toHaveCount(0);
    await expectNoViolations(page, 'the flow form with its errors');
  });

  await test.step('corrected and saved: listed with its chain and who acts at each stage', async () => {
    await admin.fill(flowName, [{ name: '初审' }, { name: '复审', holders: 'named', people: [reviewer.displayName] }, { name: '终审', holders: 'named', people: [chief.displayName] }]);
    await admin.save();
    await expect(page.getByRole('status').filter({ hasText: format(admin.t.created, { name: flowName }) })).toBeVisible();
    await expect(admin.form).toHaveCount(0);
    const card = admin.card(flowName);
    await expect(card).toBeVisible();
    expect(await admin.chain(flowName)).toEqual(['初审', '复审', '终审']);
    const stages = card.getByTestId('workflow-stages');
    await expect(stages).toContainText(reviewer.displayName);
    await expect(stages).toContainText(chief.displayName);
    await expect(stages).toContainText(admin.t.who.desk);
    await expectNoViolations(page, 'the review flows page');
  });

  await test.step('given to the column: the card names the column', async () => {
    await admin.setColumnFlow(column.name, flowName);
    await admin.goto();
    await expect(admin.card(flowName).getByTestId('workflow-columns-using')).toHaveText(column.name);
    const flowId = await admin.card(flowName).getAttribute('data-flow-id');
    await expect(admin.columnRow(column.name).getByTestId('column-flow-select')).toHaveValue(flowId!);
  });

  await test.step('the English page', async () => {
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
    const english = new AdminWorkflowsPage(page, en);
    await english.goto();
    await expect(english.card(flowName).getByText(english.t.signOff, { exact: true })).toBeVisible();
    await expect(english.card(flowName).getByTestId('workflow-stages')).toContainText(english.t.who.desk);
    await expect(page.getByRole('heading', { name: english.t.columnsHeading })).toBeVisible();
    await expect(english.columnRow(column.name).getByRole('option', { name: pattern(english.t.useDefault) })).toHaveCount(1);
    await page.context().clearCookies({ name: 'NEXT_LOCALE' });
  });

  await test.step('the column back on the default, the flow can be deleted', async () => {
    await admin.goto();
    await admin.setColumnFlow(column.name, null);
    await admin.goto();
    await admin.card(flowName).getByRole('button', { name: admin.t.delete, exact: true }).click();
    await expect(admin.card(flowName)).toHaveCount(0);
    await columns.goto();
    await columns.remove(column.slug);
  });
});

test('two administrators editing one flow at once: the first save wins, the second is told and keeps what it typed', async ({ page, newClient }) => {
  await signIn(page.context(), demo.admin);
  const first = new AdminWorkflowsPage(page);
  const second = new AdminWorkflowsPage(await signedInPage(newClient, demo.admin));
  const flowName = `两审${uniqueToken().slice(-6)}`;
  await first.goto();
  await first.create(flowName, [{ name: '初审' }, { name: '签发' }]);

  await second.goto();
  await second.openEdit(flowName);
  await first.openEdit(flowName);
  await first.fill(flowName, [{ name: '初审' }, { name: '复审' }, { name: '签发' }]);
  await first.save();
  await expect(page.getByRole('status').filter({ hasText: format(first.t.saved, { number: 2 }) })).toBeVisible();
  expect(await first.chain(flowName)).toEqual(['初审', '复审', '签发']);

  await second.fill(flowName, [{ name: '一审' }, { name: '终审' }]);
  await second.save();
  await expect(second.form.getByRole('alert').filter({ hasText: format(second.t.errors.flow_changed, { version: 2 }) })).toBeVisible();
  await expect(second.stage(0).getByLabel(second.t.stageName, { exact: true })).toHaveValue('一审');
  await second.goto();
  expect(await second.chain(flowName)).toEqual(['初审', '复审', '签发']);

  await second.card(flowName).getByRole('button', { name: second.t.delete, exact: true }).click();
  await expect(second.card(flowName)).toHaveCount(0);
});

test('editors and correspondents are refused the review flows page', async ({ newClient, createAccount }) => {
  const editor = await signedInPage(newClient, demo.editor);
  expect((await editor.goto('/admin/workflows'))?.status()).toBe(403);
  const correspondent = await signedInPage(newClient, await createAccount());
  expect((await correspondent.goto('/admin/workflows'))?.status()).toBe(403);
});
