import { demo } from './support/accounts';
import { expect, test } from './support/fixtures';
import { LoginPage } from './support/login-page';
import { zh } from './support/messages';
import { expectHome, UserMenu } from './support/portal';
import { SESSION_COOKIE, sessionCookie, signedInPage, signIn } from './support/session';

// Sessions as rows (lib/sessions): signing out ends the session itself, a
// person sees their signed-in devices and ends any of them, and an
// administrator signs an account out everywhere.

test('after signing out, a copy of the session cookie opens nothing', async ({ page, browser, baseURL, createAccount }) => {
  const account = await createAccount();
  await signIn(page.context(), account);
  const copied = (await sessionCookie(page.context()))!;
  await page.goto('/desk');
  await expectHome(page, 'correspondent');
  await new UserMenu(page).logout();
  await new LoginPage(page).expectShown();

  const thief = await browser.newContext({ baseURL });
  await thief.addCookies([{ name: SESSION_COOKIE, value: copied, url: baseURL! }]);
  const stolen = await thief.newPage();
  await stolen.goto('/desk');
  await new LoginPage(stolen).expectShown();
  expect(await (await thief.request.get('/api/auth/session')).json()).toBeNull();
  await thief.close();
});

test('my signed-in devices: both listed, this one marked; signing out the other ends it there', async ({ page, newClient, createAccount }) => {
  const account = await createAccount();
  await signIn(page.context(), account);
  const phone = await signedInPage(newClient, account);
  await phone.goto('/desk');
  await expectHome(phone, 'correspondent');

  await page.goto('/account/sessions');
  await expect(page.getByRole('heading', { level: 1, name: zh.account.sessionsTitle })).toBeVisible();
  const rows = page.getByTestId('session-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: zh.account.sessionCurrent })).toHaveCount(1);

  page.once('dialog', (dialog) => void dialog.accept());
  await rows.filter({ hasNotText: zh.account.sessionCurrent }).getByTestId('session-sign-out').click();
  await expect(rows).toHaveCount(1);
  await expect(page.getByText(zh.account.sessionsNone)).toBeVisible();

  await phone.goto('/desk');
  await new LoginPage(phone).expectShown();
  await page.goto('/desk');
  await expectHome(page, 'correspondent');
});

test('an administrator signs an account out on every device', async ({ page, newClient, createAccount }) => {
  const account = await createAccount({ role: 'editor' });
  const editor = await signedInPage(newClient, account);
  await editor.goto('/review');
  await expectHome(editor, 'editor');

  await signIn(page.context(), demo.admin);
  await page.goto(`/admin/users/${account.id}`);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('sign-out-everywhere').click();
  await expect(page.getByTestId('sign-out-everywhere')).toBeEnabled();

  await expect(async () => {
    await editor.goto('/review');
    await new LoginPage(editor).expectShown();
  }).toPass({ timeout: 10_000 });
});
