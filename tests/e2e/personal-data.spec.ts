import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { demo } from './support/accounts';
import { AdminAuditPage } from './support/admin-audit-page';
import { AdminSettingsPage, settingsText } from './support/admin-settings-page';
import { expect, test } from './support/fixtures';
import { signIn, signedInPage } from './support/session';

// Personal data where the site masks it: the account list shows a phone
// number masked, the administrator reveals it with a click, the audit trail
// names whose was revealed; its owner sees it in full on their profile, and
// the account page keeps what it showed masked.

type Catalog = {
  account: Record<'email' | 'phone' | 'saveProfile' | 'profileSaved', string>;
  admin: { users: Record<'reveal' | 'save' | 'saved' | 'displayName', string> };
};
const zh = JSON.parse(readFileSync(fileURLToPath(new URL('../../lib/i18n/messages/zh-CN.json', import.meta.url)), 'utf8')) as Catalog;

const PHONE = '13812345678';
const MASKED = '138****5678';

async function setMasking(page: Page, on: boolean): Promise<void> {
  const settings = new AdminSettingsPage(page);
  await settings.goto();
  // Named by its label and the hint beneath it.
  const box = settings.form('privacy').getByRole('checkbox', { name: settingsText.zh.privacy.maskPersonalData });
  if ((await box.isChecked()) === on) return;
  await box.setChecked(on);
  await settings.save('privacy');
  await settings.expectSaved('privacy');
}

test.describe.configure({ mode: 'serial' });

test.afterEach(async ({ newClient }) => {
  // Other specs expect contact details shown in full, as by default.
  const page = await signedInPage(newClient, demo.admin);
  await setMasking(page, false);
});

test('masked in the account list, revealed by an audited click; in full on the owner’s own profile', async ({ page, createAccount, newClient }) => {
  const correspondent = await createAccount({ role: 'correspondent' });
  const own = await signedInPage(newClient, correspondent);
  await own.goto('/account/profile');
  await own.getByLabel(zh.account.phone, { exact: true }).fill(PHONE);
  await own.getByLabel(zh.account.email, { exact: true }).fill(`${correspondent.username}@example.cn`);
  await own.getByRole('button', { name: zh.account.saveProfile, exact: true }).click();
  await expect(own.getByRole('status')).toHaveText(zh.account.profileSaved);

  await signIn(page.context(), demo.admin);
  await setMasking(page, true);
  await page.goto(`/admin/users?q=${correspondent.username}`);
  const row = page.getByTestId('user-row').filter({ hasText: correspondent.username });
  await expect(row.getByTestId('user-phone-masked')).toHaveText(MASKED);
  await expect(row.getByTestId('user-email-masked')).toHaveText(`${correspondent.username[0]}***@example.cn`);
  await expect(row).not.toContainText(PHONE);
  await expect(page.getByTestId('contact-masked-note')).toBeVisible();

  await row.getByTestId('user-phone-reveal').click();
  await expect(row.getByTestId('user-phone-value')).toHaveText(PHONE);
  // Only what was clicked: the e-mail stays masked.
  await expect(row.getByTestId('user-email-masked')).toBeVisible();

  const audit = new AdminAuditPage(page);
  await audit.open('?action=personal_data.reveal');
  const reveal = audit.rows.filter({ hasText: correspondent.displayName }).first();
  await expect(reveal).toHaveAttribute('data-action', 'personal_data.reveal');
  await expect(reveal).toContainText(audit.actionLabel('personal_data.reveal'));
  await expect(reveal).toContainText(demo.admin.username);
  await expect(reveal).toContainText('电话');
  await expect(reveal).not.toContainText(PHONE);

  // The owner, masking or not, sees their own in full.
  await own.reload();
  await expect(own.getByLabel(zh.account.phone, { exact: true })).toHaveValue(PHONE);
});

test('the account page shows them masked and keeps them when saved unrevealed', async ({ page, createAccount, newClient }) => {
  const correspondent = await createAccount({ role: 'correspondent' });
  const own = await signedInPage(newClient, correspondent);
  await own.goto('/account/profile');
  await own.getByLabel(zh.account.phone, { exact: true }).fill(PHONE);
  await own.getByRole('button', { name: zh.account.saveProfile, exact: true }).click();
  await expect(own.getByRole('status')).toHaveText(zh.account.profileSaved);

  await signIn(page.context(), demo.admin);
  await setMasking(page, true);
  await page.goto(`/admin/users/${correspondent.id}`);
  const form = page.getByTestId('user-edit-form');
  await expect(form.getByTestId('phone-masked')).toHaveValue(MASKED);
  await expect(form.getByTestId('phone-masked')).toBeDisabled();
  await form.getByLabel(zh.admin.users.displayName, { exact: true }).fill(`${correspondent.displayName}改`);
  await form.getByRole('button', { name: zh.admin.users.save, exact: true }).click();
  await expect(form.getByRole('status')).toHaveText(zh.admin.users.saved);

  await page.reload();
  await form.getByTestId('phone-reveal').click();
  await expect(form.getByTestId('phone-revealed')).toHaveValue(PHONE);
  await own.reload();
  await expect(own.getByLabel(zh.account.phone, { exact: true })).toHaveValue(PHONE);
});
