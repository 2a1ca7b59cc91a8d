import type { Page } from '@playwright/test';
import { demo, uniqueToken } from './support/accounts';
import { AdminColumnsPage } from './support/admin-columns-page';
import { expect, test } from './support/fixtures';
import { HomePage } from './support/public-pages';
import { signIn, signedInPage } from './support/session';

// The administrator manages the site's columns, and the public navigation
// follows: cached public pages are refreshed when a column changes.

// The home page's navigation, re-read until it shows (or stops showing) the
// column: the cached page is dropped when the change is announced.
async function expectInNavigation(reader: Page, name: string, shown: boolean): Promise<void> {
  const home = new HomePage(reader);
  await expect(async () => {
    await home.goto();
    await expect(home.frame.columnLink(name)).toHaveCount(shown ? 1 : 0, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
}

test('admin adds, renames, moves and hides a column; the public navigation follows', async ({ page, newClient }) => {
  await signIn(page.context(), demo.admin);
  const admin = new AdminColumnsPage(page);
  const reader = await (await newClient()).newPage();
  const token = uniqueToken().toLowerCase();
  const column = { name: `专题报道${token.slice(-4)}`, slug: `e2e-${token}` };
  const renamed = { name: `专题聚焦${token.slice(-4)}`, slug: `e2e-zt-${token}`, description: '端到端测试栏目' };

  await admin.goto();

  await test.step('a slug the public address cannot carry is refused under its field; what was typed stays', async () => {
    await admin.submitNew({ name: column.name, slug: '专题 报道' });
    await expect(admin.createForm.getByText(admin.t.errors.column_slug_format, { exact: true })).toBeVisible();
    await expect(admin.createForm.getByLabel(admin.t.name, { exact: true })).toHaveValue(column.name);
    await expect(admin.createForm.getByLabel(admin.t.slug, { exact: true })).toHaveValue('专题 报道');
  });

  await test.step('added: last in the list, and in the public navigation', async () => {
    await admin.create(column);
    expect(await admin.position(column.slug)).toBe((await admin.rows.count()) - 1);
    await expectInNavigation(reader, column.name, true);
  });

  await test.step('a name another column has is refused with a field message', async () => {
    const taken = await admin.rows.first().getAttribute('data-column-name');
    await admin.submitNew({ name: taken!, slug: `${column.slug}-2` });
    await expect(admin.createForm.getByText(admin.t.errors.column_name_taken, { exact: true })).toBeVisible();
  });

  await test.step('renamed: the navigation shows the new name', async () => {
    await admin.rename(column.slug, renamed);
    await expect(admin.row(renamed.slug).getByLabel(admin.t.name, { exact: true })).toHaveValue(renamed.name);
    await expectInNavigation(reader, renamed.name, true);
    await expectInNavigation(reader, column.name, false);
  });

  await test.step('moved up one place, in the list and in the navigation', async () => {
    const passed = await admin.rows.nth((await admin.position(renamed.slug)) - 1).getAttribute('data-column-name');
    await admin.moveUp(renamed.slug, renamed.name);
    const home = new HomePage(reader);
    await expect(async () => {
      await home.goto();
      const names = (await home.frame.nav.getByRole('link').allTextContents()).map((n) => n.trim());
      expect(names, 'the navigation').toContain(passed);
      expect(names.indexOf(renamed.name), names.join(', ')).toBe(names.indexOf(passed!) - 1);
    }).toPass({ timeout: 15_000 });
  });

  await test.step('hidden: gone from the navigation, still listed for the administrator', async () => {
    await admin.hide(renamed.slug);
    await expectInNavigation(reader, renamed.name, false);
    await admin.goto();
    await expect(admin.row(renamed.slug)).toBeVisible();
  });

  await test.step('without stories it can be deleted', async () => {
    await admin.remove(renamed.slug);
  });
});

test('editors and correspondents are refused the columns page', async ({ newClient, createAccount }) => {
  const correspondent = await signedInPage(newClient, await createAccount());
  const response = await correspondent.goto('/admin/columns');
  expect(response?.status()).toBe(403);
  const editor = await signedInPage(newClient, demo.editor);
  expect((await editor.goto('/admin/columns'))?.status()).toBe(403);
});
