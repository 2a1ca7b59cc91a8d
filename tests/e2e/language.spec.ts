import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { LoginPage } from './support/login-page';
import { en, zh } from './support/messages';
import { expectHome } from './support/portal';

// The language switch: Chinese by default, English on request, and the
// choice kept in a cookie across pages, page loads and signing in.

async function localeCookie(page: Page): Promise<string | undefined> {
  return (await page.context().cookies()).find((c) => c.name === 'NEXT_LOCALE')?.value;
}

test('the switch changes the UI to English and back, and the choice is remembered', async ({ page, createAccount }) => {
  const account = await createAccount();

  // Chinese by default, whatever the browser prefers.
  await page.goto('/login');
  await new LoginPage(page, zh).expectShown();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await page.getByTestId('language-switch').click();
  const loginEn = new LoginPage(page, en);
  await loginEn.expectShown();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await localeCookie(page)).toBe('en');

  // Remembered across navigation by link…
  await page.getByRole('link', { name: en.login.backToSite }).click();
  await expect(page).toHaveURL(/\/en$/);
  await expect(page.getByRole('navigation', { name: en.public.mainNav })).toBeVisible();
  await page.getByRole('link', { name: en.public.submit, exact: true }).first().click();
  await loginEn.expectShown();

  // …and a new page load.
  const second = await page.context().newPage();
  await second.goto('/login');
  const secondLogin = new LoginPage(second, en);
  await secondLogin.expectShown();

  // Signing in keeps it; the portal is in English too.
  await secondLogin.signIn(account.username, account.password);
  await expectHome(second, 'correspondent', en);
  await expect(second.getByRole('link', { name: en.portal.nav.desk, exact: true }).first()).toBeVisible();

  // The portal's own switch goes back to Chinese, also for the next load.
  await second.getByTestId('language-switch').click();
  await expectHome(second, 'correspondent', zh);
  await expect(second.locator('html')).toHaveAttribute('lang', 'zh-CN');
  expect(await localeCookie(second)).toBe('zh-CN');
  await second.reload();
  await expectHome(second, 'correspondent', zh);
  // The first tab, reloaded, is now signed in too, and in Chinese.
  await page.reload();
  await expectHome(page, 'correspondent', zh);
});
