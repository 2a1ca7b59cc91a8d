import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_UNIT, demo, uniqueUsername, type Account, type AccountOptions } from './support/accounts';
import { AdminUsersPage } from './support/admin-users-page';
import { expect, test } from './support/fixtures';
import { LoginPage } from './support/login-page';
import { zh } from './support/messages';
import { PasswordPage } from './support/password-page';
import { expectHome } from './support/portal';
import { signIn } from './support/session';

// The administrator assigns accounts, and what they change reaches the
// account's owner at once.


// A correspondent signed in on `page`, and the administrator, in a browser of
// their own, on that account's page.
async function signedInWithAdmin(page: Page, createAccount: (options?: AccountOptions) => Promise<Account>, newClient: () => Promise<BrowserContext>) {
  const account = await createAccount();
  await signIn(page.context(), account);
  await page.goto('/desk');
  await expectHome(page, 'correspondent');
  const adminPage = await (await newClient()).newPage();
  await signIn(adminPage.context(), demo.admin);
  const admin = new AdminUsersPage(adminPage);
  await admin.open(account.username);
  return { account, admin, adminPage };
}

test('admin creates a correspondent who then signs in, changes the first password and lands on the desk', async ({ page, newClient }) => {
  await signIn(page.context(), demo.admin);
  const admin = new AdminUsersPage(page);
  const username = uniqueUsername();
  const displayName = `新通讯员${username.slice(-4)}`;
  // No password typed: one is generated and shown once.
  const { password } = await admin.create({ username, displayName, role: 'correspondent', unit: DEMO_UNIT });

  // The list shows the new account, waiting for its first password change.
  await page.goto(`/admin/users?q=${username}`);
  const row = admin.row(username);
  await expect(row).toContainText(displayName);
  await expect(row).toContainText(DEMO_UNIT);
  await expect(row).toContainText(zh.admin.users.mustChange);

  const person = await (await newClient()).newPage();
  const login = new LoginPage(person);
  await login.goto();
  await login.signIn(username, password);
  const form = new PasswordPage(person);
  await form.expectForcedChange();
  await form.change(password, `${password}-mine`);
  await expectHome(person, 'correspondent');
  await expect(person.getByTestId('user-menu')).toContainText(displayName);
});

test('a user disabled by the admin is out on the next click', async ({ page, createAccount, newClient }) => {
  const { account, admin } = await signedInWithAdmin(page, createAccount, newClient);
  await admin.disable();

  await page.getByRole('link', { name: zh.portal.nav.desk, exact: true }).first().click();
  const login = new LoginPage(page);
  await login.expectShown();

  // And cannot come back: told so, and whom to ask, only with the right password.
  await login.signIn(account.username, 'not-the-password');
  await login.expectRefused(zh.login.invalid);
  await login.signIn(account.username, account.password);
  await login.expectRefused(zh.login.disabled);
  await page.goto('/desk');
  await login.expectShown();
});

test('停用账号 and 重置密码 ask first; cancelled, the user stays signed in with the same password', async ({ page, createAccount, newClient }) => {
  const { admin, adminPage } = await signedInWithAdmin(page, createAccount, newClient);
  for (const [form, testId, label] of [
    ['user-status-form', 'disable-account', zh.admin.users.disable],
    ['user-reset-password-form', 'reset-password', zh.admin.users.resetPassword],
  ] as const) {
    await adminPage.getByTestId(form).getByRole('button', { name: label, exact: true }).click();
    const dialog = admin.confirmation(testId);
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: zh.admin.users.cancel, exact: true }).click();
    await expect(dialog).toBeHidden();
  }
  await adminPage.reload();
  await expect(adminPage.getByTestId('user-status-form').getByRole('button', { name: zh.admin.users.disable, exact: true })).toBeVisible();

  // Nothing happened to the user.
  await page.getByRole('link', { name: zh.portal.nav.desk, exact: true }).first().click();
  await expectHome(page, 'correspondent');
});

test('a password reset by the admin ends the session; the new first password must be changed', async ({ page, createAccount, newClient }) => {
  const { account, admin } = await signedInWithAdmin(page, createAccount, newClient);
  const firstPassword = await admin.resetPassword();

  await page.getByRole('link', { name: zh.portal.nav.desk, exact: true }).first().click();
  const login = new LoginPage(page);
  await login.expectShown();

  await login.signIn(account.username, account.password);
  await login.expectRefused(zh.login.invalid);
  await login.signIn(account.username, firstPassword);
  await new PasswordPage(page).expectForcedChange();
});
