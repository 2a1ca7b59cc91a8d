import { demo, uniqueUsername } from './support/accounts';
import { expect, test } from './support/fixtures';
import { LoginPage } from './support/login-page';
import { zh } from './support/messages';
import { expectHome, UserMenu, type Role } from './support/portal';
import { postCredentials, SESSION_COOKIE, sessionCookie, signIn } from './support/session';

// Signing in and out, for every role, through the form and as a script.

test.describe('sign-in form', () => {
  for (const role of ['admin', 'editor', 'correspondent'] as const satisfies readonly Role[]) {
    test(`${role} (${demo[role].username}) signs in and lands on the role's home`, async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.signIn(demo[role].username, demo[role].password);
      await expectHome(page, role);
      await expect(page.getByTestId('user-menu')).toContainText(zh.roles[role]);
    });
  }

  test('five wrong passwords lock the account; the right one is then refused too', async ({ page, createAccount }) => {
    const account = await createAccount();
    const login = new LoginPage(page);
    await login.goto();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await login.signIn(account.username, `wrong-password-${attempt}`);
      await login.expectRefused(zh.login.invalid);
    }
    // The fifth failure is the one that locks.
    await login.signIn(account.username, 'wrong-password-5');
    await login.expectRefused(zh.login.account_locked);
    await login.signIn(account.username, account.password);
    await login.expectRefused(zh.login.account_locked);
    expect(await sessionCookie(page.context())).toBeUndefined();
    await page.goto('/desk');
    await login.expectShown();
  });

  test('an unknown username gets the same answer as a wrong password', async ({ page, createAccount }) => {
    const account = await createAccount();
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(account.username, 'not-the-password');
    await login.expectRefused(zh.login.invalid);
    const wrongPassword = await login.error.textContent();
    await login.signIn(uniqueUsername('nobody'), 'not-the-password');
    await login.expectRefused(zh.login.invalid);
    expect(await login.error.textContent()).toBe(wrongPassword);
  });

  test('logout from the user menu ends the session', async ({ page, createAccount }) => {
    const account = await createAccount();
    await signIn(page.context(), account);
    await page.goto('/desk');
    await expectHome(page, 'correspondent');

    await new UserMenu(page).logout();
    const login = new LoginPage(page);
    await login.expectShown();
    expect(await sessionCookie(page.context())).toBeUndefined();

    await page.goBack();
    await login.expectShown();
    await page.goto('/desk');
    await login.expectShown();
  });
});

test.describe('scripted sign-in', () => {
  test('csrf token + credentials post give a session cookie that opens the portal', async ({ request, page, createAccount }) => {
    const account = await createAccount();
    const response = await postCredentials(request, account);
    expect(response.status()).toBe(302);
    expect(response.headers()['location']).not.toMatch(/error=/);
    const cookie = (await request.storageState()).cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');

    // The same cookie in a browser opens the correspondent's home.
    await page.context().addCookies([cookie!]);
    await page.goto('/portal');
    await expectHome(page, 'correspondent');

    // And in the scripted client itself.
    const portal = await request.get('/portal');
    expect(portal.status()).toBe(200);
    expect(new URL(portal.url()).pathname).toBe('/desk');
  });

  test('a wrong password gives no session', async ({ request, createAccount }) => {
    const account = await createAccount();
    const response = await postCredentials(request, { username: account.username, password: 'not-the-password' });
    expect(response.status()).toBe(302);
    expect(response.headers()['location']).toMatch(/\/login\?.*error=/);
    expect((await request.storageState()).cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  });

  // Auth.js builds redirects from the request URL; a script following them
  // must stay on the site it asked, not go to the server's bind address.
  test('the credentials endpoint redirects back to the address the client used', async ({ request, baseURL, createAccount }) => {
    const account = await createAccount();
    const origin = new URL(baseURL!).origin;
    const refused = await postCredentials(request, { username: account.username, password: 'not-the-password' });
    expect(new URL(refused.headers()['location'] ?? '', baseURL).origin).toBe(origin);
    const accepted = await postCredentials(request, account);
    expect(new URL(accepted.headers()['location'] ?? '', baseURL).origin).toBe(origin);
  });

  test('a cross-site post to the credentials endpoint is refused with 403', async ({ request, createAccount }) => {
    const account = await createAccount();
    const response = await postCredentials(request, account, { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' });
    expect(response.status()).toBe(403);
    expect((await request.storageState()).cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  });
});
