import { demo } from './support/accounts';
import { expect, test } from './support/fixtures';
import { LoginPage } from './support/login-page';
import { zh } from './support/messages';
import { signIn } from './support/session';

// What a correspondent, and a visitor who is not signed in, may not open.

test.describe('a correspondent', () => {
  for (const path of ['/admin/users', '/admin/users/new', '/admin/units', '/review']) {
    test(`is refused ${path} with the 403 page and no data`, async ({ page, createAccount }) => {
      const account = await createAccount({ role: 'correspondent' });
      await signIn(page.context(), account);
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page).toHaveURL(path);
      await expect(page.getByRole('heading', { level: 1, name: zh.pages.forbiddenTitle })).toBeVisible();
      await expect(page.getByText(zh.pages.forbiddenBody)).toBeVisible();
      // Nothing of what the page would have listed: other accounts, other
      // units, stories in the queue. (Names only the data has: 系统管理员, the
      // demo administrator's name, is also a duty the portal's own words name.)
      const html = await response!.text();
      for (const leak of ['万先觉', demo.editor.username, 'zhoulin', '市第四中级人民法院', '法官助理', 'users-table', 'user-row']) {
        expect(html, `403 page for ${path} mentions ${leak}`).not.toContain(leak);
      }
    });
  }

  test('is refused an account page by id', async ({ page, createAccount }) => {
    const account = await createAccount({ role: 'correspondent' });
    const other = await createAccount({ role: 'editor' });
    await signIn(page.context(), account);
    const response = await page.goto(`/admin/users/${other.id}`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1, name: zh.pages.forbiddenTitle })).toBeVisible();
    expect(await response!.text()).not.toContain(other.username);
  });
});

test.describe('a signed-out visitor', () => {
  for (const path of ['/desk', '/review', '/admin/users', '/admin/units', '/account/password', '/portal']) {
    test(`is sent from ${path} to the login page`, async ({ page }) => {
      await page.goto(path);
      const login = new LoginPage(page);
      await login.expectShown();
      expect(new URL(page.url()).searchParams.get('next')).toBe(path);
    });
  }

  test('is taken back to the page asked for after signing in', async ({ page, createAccount }) => {
    const account = await createAccount({ role: 'correspondent' });
    await page.goto('/account/profile');
    const login = new LoginPage(page);
    await login.expectShown();
    await login.signIn(account.username, account.password);
    await expect(page).toHaveURL(/\/account\/profile$/);
    await expect(page.getByRole('heading', { level: 1, name: zh.account.profileTitle })).toBeVisible();
  });
});

// Forms work without JavaScript too (the form posts, the server action
// answers the page): a save goes through and is shown, never an error page.
test('the profile form saves without JavaScript', async ({ browser, baseURL, createAccount }) => {
  const account = await createAccount({ role: 'correspondent' });
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  await signIn(context, account);
  const page = await context.newPage();
  await page.goto('/account/profile');
  const name = `无脚本${Date.now() % 100000}`;
  await page.locator('input[name="displayName"]').fill(name);
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: zh.account.saveProfile }).click()]);
  expect(response.status()).toBe(200);
  await page.goto('/account/profile');
  await expect(page.locator('input[name="displayName"]')).toHaveValue(name);
  await context.close();
});
