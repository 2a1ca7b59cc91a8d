import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { databaseUrl, openAppDatabase, type Account } from './support/accounts';
import { expect, test } from './support/fixtures';
import { en, zh } from './support/messages';
import { signIn } from './support/session';

// 三员分立 in the browser: a system, a security and an audit administrator,
// each offered their own part of the administration and refused the others'
// pages and actions (lib/ refuses; the pages do not even offer them).

type Duty = 'system' | 'security' | 'audit';

async function administrator(createAccount: (o: { role: 'admin' }) => Promise<Account>, duty: Duty): Promise<Account> {
  const account = await createAccount({ role: 'admin' });
  const url = databaseUrl();
  if (!url) throw new Error('duties are set in the PostgreSQL database (E2E_DATABASE_URL)');
  const db = await openAppDatabase(url);
  const [{ users }, { eq }] = await Promise.all([import('@/db/schema'), import('drizzle-orm')]);
  await db.update(users).set({ adminDuties: [duty] }).where(eq(users.id, account.id));
  return account;
}

async function status(page: Page, path: string): Promise<number> {
  return (await page.request.get(path, { maxRedirects: 0 })).status();
}

// A server action of the build, called as its page would call it.
function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as { node: Record<string, { exportedName: string }> };
  const found = Object.entries(manifest.node).find(([, action]) => action.exportedName === name);
  if (!found) throw new Error(`no server action ${name} in the build`);
  return found[0];
}

async function callAction(page: Page, path: string, name: string, multipart: Record<string, string>, baseURL: string): Promise<string> {
  const response = await page.request.post(path, { multipart, headers: { 'Next-Action': actionId(name), Origin: new URL(baseURL).origin, Accept: 'text/x-component' }, maxRedirects: 0 });
  expect(response.status(), name).toBeLessThan(500);
  return response.text();
}

test('the system, security and audit administrators each work their own part and are refused the others’', async ({ browser, baseURL, createAccount }) => {
  test.setTimeout(120_000);
  const system = await administrator(createAccount, 'system');
  const security = await administrator(createAccount, 'security');
  const audit = await administrator(createAccount, 'audit');
  const open = async (account: Account) => {
    const context = await browser.newContext({ baseURL });
    await signIn(context, account);
    return context.newPage();
  };

  await test.step('system administrator: accounts and site settings; not the trail, not the security policy', async () => {
    const page = await open(system);
    await page.goto('/portal');
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByTestId('new-user')).toBeVisible();
    const nav = page.getByRole('navigation').first();
    await expect(nav.getByRole('link', { name: zh.portal.nav.audit })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: zh.portal.nav.security })).toHaveCount(0);
    expect(await status(page, '/admin/audit')).toBe(403);
    expect(await status(page, '/admin/security')).toBe(403);
    await page.goto('/admin/settings');
    await expect(page.locator('#site')).toBeVisible();
    await expect(page.locator('#security')).toHaveCount(0);
    // The security policy's action, called directly, is refused by lib/.
    const refused = await callAction(page, '/admin/security', 'setSecurityProfileAction', { '0': '["none"]' }, baseURL!);
    expect(refused).toContain(zh.errors.forbidden);
    await page.context().close();
  });

  await test.step('security administrator: the security page and policy, second factors; not accounts, not the trail', async () => {
    const page = await open(security);
    await page.goto('/portal');
    await expect(page).toHaveURL(/\/admin\/security$/);
    await expect(page.getByTestId('security-controls')).toBeVisible();
    await expect(page.getByTestId('security-profile-switch')).toBeVisible();
    expect(await status(page, '/admin/audit')).toBe(403);
    expect(await status(page, '/admin/users/new')).toBe(403);
    await page.goto('/admin/users');
    await expect(page.getByTestId('new-user')).toHaveCount(0);
    await page.goto(`/admin/users/${system.id}`);
    await expect(page.getByTestId('user-edit-form')).toHaveCount(0);
    await expect(page.getByTestId('sign-out-everywhere')).toBeVisible();
    await page.goto('/admin/settings');
    await expect(page.locator('#security')).toBeVisible();
    await expect(page.locator('#site')).toHaveCount(0);
    // The desk is the system administrator's: claiming a story, called directly, is refused by lib/.
    const refused = await callAction(page, '/review/1', 'claimAction', { '0': '[1]' }, baseURL!);
    expect(refused).toContain(zh.errors.forbidden);

    // The profile cannot go on while other administrators combine duties: the page says why.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.goto('/admin/security');
    await page.getByTestId('security-profile-switch').click();
    await expect(page.getByTestId('security-profile').getByRole('alert')).toContainText(zh.errors.fields.profile_blocked);
    await page.context().close();
  });

  await test.step('audit administrator: the trail and the controls (read-only); nothing else', async () => {
    const page = await open(audit);
    await page.goto('/portal');
    await expect(page).toHaveURL(/\/admin\/audit/);
    for (const path of ['/admin/users', '/admin/settings', '/admin/units', '/admin/columns', '/review', '/stats']) {
      expect(await status(page, path), path).toBe(403);
    }
    await page.goto('/admin/security');
    await expect(page.getByTestId('security-controls')).toBeVisible();
    await expect(page.getByTestId('security-profile-switch')).toHaveCount(0);
    await page.context().close();
  });
});

test('the security page in English', async ({ browser, baseURL, createAccount }) => {
  const security = await administrator(createAccount, 'security');
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
  await signIn(context, security);
  const page = await context.newPage();
  await page.goto('/admin/security');
  await expect(page.getByRole('heading', { level: 1, name: en.security.title })).toBeVisible();
  await context.close();
});
