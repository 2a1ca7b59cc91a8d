import { databaseUrl, demo, openAppDatabase } from './support/accounts';
import { AdminAuditPage } from './support/admin-audit-page';
import { expect, test } from './support/fixtures';
import { LoginPage } from './support/login-page';
import { zh } from './support/messages';
import { expectHome, UserMenu } from './support/portal';
import { postCredentials, SESSION_COOKIE, sessionCookie, signIn } from './support/session';
import { nextTotpCode, TwoFactorPage } from './support/two-factor-page';

// Two-factor sign-in as people use it: set up with an authenticator app,
// signing in with its code or a recovery code, the state after the password
// that is no session, an administrator's reset, and the site's requirement.

test('set up, sign out, sign in with a code, then with a recovery code (once)', async ({ page, createAccount, newClient }) => {
  const account = await createAccount({ role: 'editor' });
  await signIn(page.context(), account);
  const twoFactor = new TwoFactorPage(page);
  await page.goto('/review');
  await new UserMenu(page).open();
  await expect(page.getByRole('link', { name: zh.portal.twoFactor, exact: true })).toHaveAttribute('href', '/account/two-factor');
  await twoFactor.open();
  await twoFactor.expectStatus(false);
  const { secret, recoveryCodes } = await twoFactor.enrol();
  await page.getByTestId('recovery-codes-done').click();
  await twoFactor.expectStatus(true);

  await new UserMenu(page).logout();
  const login = new LoginPage(page);
  await login.expectShown();
  await login.signIn(account.username, account.password);
  await expect(login.codeStep).toBeVisible();

  // Between the steps nobody is signed in: no session cookie, the session
  // endpoint says so, and the portal sends this browser to the login page.
  expect(await sessionCookie(page.context())).toBeUndefined();
  expect(await (await page.context().request.get('/api/auth/session')).json()).toBeNull();
  const elsewhere = await page.context().newPage();
  await elsewhere.goto('/review');
  await new LoginPage(elsewhere).expectShown();
  await elsewhere.close();

  await login.enterCode('000000' === nextTotpCode(secret) ? '111111' : '000000');
  await expect(login.codeStep.getByRole('alert')).toHaveText(zh.login.invalid_code);
  await login.enterCode(nextTotpCode(secret));
  await expectHome(page, 'editor');

  await new UserMenu(page).logout();
  await login.expectShown();
  await login.signIn(account.username, account.password);
  await login.enterCode(recoveryCodes[0]!, { recovery: true });
  await expectHome(page, 'editor');

  // The recovery code is spent: elsewhere it opens nothing.
  const other = await (await newClient()).newPage();
  const otherLogin = new LoginPage(other);
  await otherLogin.goto();
  await otherLogin.signIn(account.username, account.password);
  await otherLogin.enterCode(recoveryCodes[0]!, { recovery: true });
  await expect(otherLogin.codeStep.getByRole('alert')).toHaveText(zh.login.invalid_code);
  await other.goto('/review');
  await otherLogin.expectShown();
});

test('a scripted sign-in with the password alone gets no session for an account with two-factor', async ({ page, createAccount, newClient }) => {
  const account = await createAccount({ role: 'correspondent' });
  await signIn(page.context(), account);
  await new TwoFactorPage(page).open();
  await new TwoFactorPage(page).enrol();

  const client = await newClient();
  const response = await postCredentials(client.request, account);
  expect(response.status()).toBe(302);
  expect(response.headers()['location']).toMatch(/^\/login\?error=CredentialsSignin&code=second_factor$/);
  expect((await client.cookies()).find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  expect(await (await client.request.get('/api/auth/session')).json()).toBeNull();
  const desk = await client.newPage();
  await desk.goto('/desk');
  await new LoginPage(desk).expectShown();
});

test('an administrator resets a second factor: the user is signed out everywhere and signs in with the password alone', async ({ page, createAccount, newClient }) => {
  const account = await createAccount({ role: 'editor' });
  const userContext = await newClient();
  await signIn(userContext, account);
  const userPage = await userContext.newPage();
  const twoFactor = new TwoFactorPage(userPage);
  await twoFactor.open();
  await twoFactor.enrol();

  await signIn(page.context(), demo.admin);
  await page.goto(`/admin/users/${account.id}`);
  await expect(page.getByTestId('user-two-factor')).toHaveText(zh.admin.users.twoFactorOn);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('reset-two-factor').click();
  await expect(page.getByTestId('user-two-factor')).toHaveText(zh.admin.users.twoFactorOff);

  await userPage.goto('/review');
  await new LoginPage(userPage).expectShown();
  const login = new LoginPage(userPage);
  await login.signIn(account.username, account.password);
  await expectHome(userPage, 'editor');

  const audit = new AdminAuditPage(page);
  await audit.open('?person=admin&action=two_factor.admin_reset');
  await expect(audit.rows.first()).toContainText(audit.actionLabel('two_factor.admin_reset'));
  await expect(audit.rows.first()).toContainText(account.username);
});

// The requirement is site-wide; it is set for this test only, through the
// database (the server reads settings at most five seconds old).
test('when the site requires it, an editor without it can reach only the set-up page and signing out until set up', async ({ page, createAccount }) => {
  const url = databaseUrl();
  test.skip(!url, 'sets a site setting through the database: PostgreSQL only');
  const db = await openAppDatabase(url!);
  const { writeSettingsGroup } = await import('@/lib/settings/internal/write');
  const account = await createAccount({ role: 'editor' });
  await writeSettingsGroup(db, 'security', { twoFactorRequiredFor: 'editors' }, null);
  try {
    await signIn(page.context(), account);
    const twoFactor = new TwoFactorPage(page);
    // Each try short: the server may hold the old settings for five seconds.
    await expect(async () => {
      await page.goto('/review');
      await expect(page).toHaveURL(/\/account\/two-factor$/, { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await twoFactor.expectShown();
    for (const path of ['/portal', '/account/profile', '/account/sessions', '/account/password', '/notifications']) {
      await page.goto(path);
      await twoFactor.expectShown();
    }
    await new UserMenu(page).open();
    await expect(page.getByRole('link', { name: zh.portal.profile })).toHaveCount(0);
    await expect(page.getByRole('link', { name: zh.portal.sessions })).toHaveCount(0);
    await expect(page.getByRole('link', { name: zh.portal.nav.review })).toHaveCount(0);

    await twoFactor.enrol();
    await page.getByTestId('recovery-codes-done').click();
    await expectHome(page, 'editor');
  } finally {
    await writeSettingsGroup(db, 'security', { twoFactorRequiredFor: 'nobody' }, null);
    // Until the server's copy of the settings is gone, the next test's
    // administrator would be sent to set up a second factor.
    await page.waitForTimeout(5_500);
  }
});
