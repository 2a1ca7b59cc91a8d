import { spawnSync } from 'node:child_process';
import type { Browser, Page } from '@playwright/test';
import postgres from 'postgres';
import { databaseUrl, demo, DEMO_PASSWORD, uniqueToken } from './support/accounts';
import { expect, test } from './support/fixtures';
import { en, zh } from './support/messages';
import { PasswordPage } from './support/password-page';
import { startSecondInstance, type SecondInstance } from './support/second-instance';
import { signIn, type Credentials } from './support/session';
import { TwoFactorPage } from './support/two-factor-page';

// The 等保三级 profile switched on and off in the browser, on a site of its
// own (an instance on a database of its own: the profile asks every editor
// and administrator for a second factor, which the rest of the suite's
// accounts do not have). The site gets ready as an operator would make it:
// one administrator per duty. Then the security administrator switches the
// profile on, and each recommended value is in force where people meet it.

const ADMIN_PASSWORD = 'Separate-duties-2026';

let site: SecondInstance;
let admins: Record<'security' | 'audit', Credentials & { id: number }>;
let dropDatabase: () => Promise<void>;

function run(args: string[], env: Record<string, string>): string {
  const done = spawnSync('npx', args, { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
  if (done.status !== 0) throw new Error(`${args.join(' ')} failed:\n${done.stdout}${done.stderr}`);
  return done.stdout;
}

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  const suiteUrl = databaseUrl();
  if (!suiteUrl) throw new Error('the profile site needs PostgreSQL (E2E_DATABASE_URL)');
  const name = `profile_${uniqueToken().toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  const admin = postgres(suiteUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(suiteUrl);
  url.pathname = `/${name}`;
  dropDatabase = async () => {
    const sql = postgres(suiteUrl, { max: 1, onnotice: () => {} });
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
    await sql.end();
  };
  const env = { DATABASE_URL: url.toString() };
  run(['tsx', '--import', './scripts/server-only-hook.mjs', 'scripts/db-seed.ts', '--demo'], env);
  const out = run(['tsx', '--import', './scripts/server-only-hook.mjs', 'tests/e2e/support/separate-duties.ts', ADMIN_PASSWORD], env);
  admins = JSON.parse(out.trim().split('\n').at(-1)!) as typeof admins;
  site = await startSecondInstance(Number(new URL(baseURL!).port) + 61, { ...env, AUTH_SECRET: 'e2e-only-secret-never-use-in-production-0001' });
});

test.afterAll(async () => {
  await site?.stop();
  await dropDatabase?.();
});

async function open(browser: Browser, who: Credentials, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ baseURL: site.baseURL });
  if (locale === 'en') await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: site.baseURL }]);
  await signIn(context, who);
  return context.newPage();
}

function control(page: Page, id: string) {
  return page.getByTestId('security-controls').locator(`[data-control="${id}"]`);
}

test('the security administrator switches the level 3 profile on: second factors, password rules, one duty each and short idle limits are in force, and off again', async ({ browser }) => {
  test.setTimeout(180_000);
  const security = await open(browser, admins.security);

  await test.step('before: the profile is off and what it would raise is off', async () => {
    await security.goto('/admin/security');
    await expect(security.getByTestId('security-profile')).toContainText(zh.security.off);
    for (const id of ['separated-duties', 'two-factor', 'password-complexity', 'staff-idle-timeout', 'dormant-accounts', 'personal-data-masking']) {
      await expect(control(security, id).getByText(zh.security.off, { exact: true }), id).toBeVisible();
    }
    // Controls that hold with or without it.
    for (const id of ['audit.append-only', 'audit.hash-chain', 'personal-data-encryption']) {
      await expect(control(security, id).getByText(zh.security.on, { exact: true }), id).toBeVisible();
    }
  });

  await test.step('switched on (each duty has an administrator of its own): the security administrator must set up a second factor at once', async () => {
    security.once('dialog', (dialog) => void dialog.accept());
    await security.getByTestId('security-profile-switch').click();
    const twoFactor = new TwoFactorPage(security);
    await twoFactor.expectShown();
    await security.goto('/admin/security');
    await twoFactor.expectShown();
    await twoFactor.enrol();
  });

  await test.step('every control the profile raises is on, with its value', async () => {
    await security.goto('/admin/security');
    await expect(security.getByTestId('security-profile')).toContainText(zh.security.on);
    for (const id of ['separated-duties', 'two-factor', 'password-complexity', 'password-expiry', 'password-history', 'staff-idle-timeout', 'dormant-accounts', 'personal-data-masking']) {
      await expect(control(security, id).getByText(zh.security.on, { exact: true }), id).toBeVisible();
    }
    await expect(control(security, 'password-complexity')).toContainText('10 / 3');
    await expect(control(security, 'staff-idle-timeout')).toContainText('30 / 30');
    await security.goto('/admin/settings');
    // The note stands in the group's card, under its heading (#security).
    await expect(security.locator('#security').locator('xpath=..')).toContainText(zh.admin.settings.security.profileOnNote);
  });

  await test.step('an editor is sent to set up a second factor; the session list shows the 30-minute idle limit', async () => {
    const editor = await open(browser, demo.editor);
    await editor.goto('/review');
    await new TwoFactorPage(editor).expectShown();
    await editor.context().close();
  });

  await test.step('a correspondent’s new password needs three kinds of character and ten characters', async () => {
    const correspondent = await open(browser, demo.correspondent);
    await correspondent.goto('/account/password');
    const form = new PasswordPage(correspondent);
    await form.change(DEMO_PASSWORD, 'onlylowercaseletters');
    await expect(form.fieldError('newPassword')).toHaveText(zh.errors.fields.password_too_few_classes.replace('{classes}', '3'));
    await form.change(DEMO_PASSWORD, 'Short-1');
    await expect(form.fieldError('newPassword')).toHaveText(zh.errors.fields.password_too_short.replace('{min}', '10'));
    await form.change(DEMO_PASSWORD, 'Three-kinds-2026');
    await form.expectChanged();
    await correspondent.context().close();
  });

  await test.step('the system administrator cannot give one account two duties', async () => {
    const system = await open(browser, demo.admin);
    await system.goto('/admin/security');
    await new TwoFactorPage(system).expectShown();
    await new TwoFactorPage(system).enrol();
    await system.goto(`/admin/users/${admins.audit.id}`);
    const form = system.getByTestId('user-edit-form');
    await form.getByRole('checkbox', { name: zh.admin.users.duty.security }).check();
    await form.getByRole('button', { name: zh.admin.users.save, exact: true }).click();
    await expect(form.locator('#adminDuties-error')).toHaveText(zh.errors.fields.duties_separated);
    await system.context().close();
  });

  await test.step('the auditor finds the switch on the trail with its old and new value, in English too', async () => {
    const audit = await open(browser, admins.audit, 'en');
    await audit.goto('/admin/security');
    await new TwoFactorPage(audit, en).expectShown();
    await new TwoFactorPage(audit, en).enrol();
    await audit.goto('/admin/audit?action=settings.update');
    const { profile, profileOptions } = en.admin.settings.security;
    await expect(audit.getByText(`${profile}: ${profileOptions.none} → ${profileOptions.dengbao3}`).first()).toBeVisible();
    await audit.goto('/admin/security');
    await expect(audit.getByRole('heading', { level: 3, name: en.security.areas.identity })).toBeVisible();
    await expect(audit.getByTestId('security-profile-switch')).toHaveCount(0);
    await audit.context().close();
  });

  await test.step('switched off: the settings’ own values again', async () => {
    await security.goto('/admin/security');
    security.once('dialog', (dialog) => void dialog.accept());
    await security.getByTestId('security-profile-switch').click();
    await expect(security.getByTestId('security-profile')).toContainText(zh.security.off);
    await security.reload();
    await expect(control(security, 'password-complexity').getByText(zh.security.off, { exact: true })).toBeVisible();
    await expect(control(security, 'separated-duties').getByText(zh.security.off, { exact: true })).toBeVisible();
    // A second factor set up stays; nobody is asked for one any more.
    const editor = await open(browser, demo.editor);
    await editor.goto('/review');
    await expect(editor).toHaveURL(/\/review$/);
    await editor.context().close();
  });
  await security.context().close();
});
