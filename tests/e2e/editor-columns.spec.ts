import { databaseUrl, openAppDatabase, uniqueToken } from './support/accounts';
import { expect, test } from './support/fixtures';
import { zh } from './support/messages';
import { ReviewQueuePage } from './support/review-pages';
import { signedInPage, signIn } from './support/session';

// An administrator scopes an editor to columns on the account page; the
// editor's queue then holds those columns' stories only.
test('an editor scoped to a column sees only that column’s stories', async ({ page, createAccount, newClient }) => {
  const url = databaseUrl();
  if (!url) throw new Error('the column is written to the PostgreSQL database (E2E_DATABASE_URL)');
  const db = await openAppDatabase(url);
  const { siteColumns } = await import('@/db/schema');
  const token = uniqueToken().toLowerCase().replace(/[^a-z0-9]/g, '');
  const name = `编辑分管栏目 ${token}`;
  // Last in the list, and empty: no other test files under it.
  await db.insert(siteColumns).values({ slug: `scope-${token}`, name, sortOrder: 10_000 });
  const [admin, editor] = await Promise.all([createAccount({ role: 'admin' }), createAccount({ role: 'editor' })]);

  // Before: the whole queue.
  const before = new ReviewQueuePage(await signedInPage(newClient, editor));
  await before.goto();
  await expect(before.rows.first()).toBeVisible();

  await signIn(page.context(), admin);
  await page.goto(`/admin/users/${editor.id}`);
  const form = page.getByTestId('user-edit-form');
  await expect(form.getByTestId('column-scope')).toContainText(zh.admin.users.columnScope);
  await form.getByTestId('column-scope').getByLabel(name).check();
  await form.getByRole('button', { name: zh.admin.users.save, exact: true }).click();
  await expect(form.getByRole('alert').or(form.getByRole('status')).first()).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('column-scope').getByLabel(name)).toBeChecked();

  // After: the editor's next page already knows.
  await before.goto();
  await expect(before.rows).toHaveCount(0);
});
