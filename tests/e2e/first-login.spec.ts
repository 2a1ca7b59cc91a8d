import { uniquePassword } from './support/accounts';
import { expect, test } from './support/fixtures';
import { LoginPage } from './support/login-page';
import { zh } from './support/messages';
import { PasswordPage } from './support/password-page';
import { expectHome } from './support/portal';
import { signedInPage, signIn } from './support/session';

// A correspondent's first login: the password an administrator set must be
// replaced before anything else in the portal opens.

test('a first password must be changed before anything else, then the old one stops working', async ({ page, createAccount, newClient }) => {
  const account = await createAccount({ role: 'correspondent', mustChangePassword: true });
  const login = new LoginPage(page);
  const form = new PasswordPage(page);

  await login.goto();
  await login.signIn(account.username, account.password);
  await form.expectForcedChange();
  // Only the password form and logout are offered: no portal navigation.
  await expect(page.getByRole('link', { name: zh.portal.nav.desk })).toHaveCount(0);

  // Every portal address leads back to the password form.
  for (const path of ['/desk', '/portal', '/account/profile', '/review', '/admin/users']) {
    await page.goto(path);
    await form.expectForcedChange();
  }

  // Inline errors: too short, then a confirmation that does not match. Each
  // keeps what it did not object to.
  await form.change(account.password, 'short-1', 'short-1');
  await expect(form.fieldError('newPassword')).toHaveText(zh.errors.fields.password_too_short.replace('{min}', '10'));
  await form.expectForcedChange();
  await expect(form.current).toHaveValue(account.password);
  await expect(form.next).toHaveValue('');
  await expect(form.confirm).toHaveValue('');

  const newPassword = uniquePassword();
  await form.next.fill(newPassword);
  await form.confirm.fill(`${newPassword}-typo`);
  await form.save.click();
  await expect(form.fieldError('confirmPassword')).toHaveText(zh.errors.fields.password_mismatch);
  await expect(form.fieldError('newPassword')).toHaveCount(0);
  await form.expectForcedChange();
  await expect(form.current).toHaveValue(account.password);
  await expect(form.next).toHaveValue(newPassword);
  await expect(form.confirm).toHaveValue('');

  // Changed, the portal opens at the user's home.
  await form.confirm.fill(newPassword);
  await form.save.click();
  await expectHome(page, 'correspondent');

  // Elsewhere: the first password is refused, the new one works.
  const other = await (await newClient()).newPage();
  const otherLogin = new LoginPage(other);
  await otherLogin.goto();
  await otherLogin.signIn(account.username, account.password);
  await otherLogin.expectRefused(zh.login.invalid);
  await otherLogin.signIn(account.username, newPassword);
  await expectHome(other, 'correspondent');
});

// An action posted without the page (no JavaScript, or replayed) by someone
// who must still change the first password: sent to the password form, never
// an error page.
test('marking notifications read before the first password is changed leads to the password form', async ({ page, createAccount, newClient, baseURL }) => {
  const reader = await createAccount({ role: 'correspondent' });
  const readerPage = await signedInPage(newClient, reader);
  await readerPage.goto('/notifications');
  const form = readerPage.locator('form').filter({ has: readerPage.locator('input[name^="$ACTION_ID_"]') }).first();
  const actionField = await form.locator('input[name^="$ACTION_ID_"]').getAttribute('name');
  expect(actionField).toBeTruthy();

  const account = await createAccount({ role: 'correspondent', mustChangePassword: true });
  await signIn(page.context(), account);
  const response = await page.request.post('/notifications', { multipart: { [actionField!]: '' }, maxRedirects: 0, headers: { Origin: new URL(baseURL!).origin } });
  expect(response.status()).toBeLessThan(400);
  expect(response.headers()['location'] ?? response.headers()['x-action-redirect'] ?? '').toContain('/account/password');
});
