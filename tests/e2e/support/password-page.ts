import { expect, type Locator, type Page } from '@playwright/test';
import { zh, type Messages } from './messages';

// /account/password: the first-login change and the ordinary one.
export class PasswordPage {
  readonly current: Locator;
  readonly next: Locator;
  readonly confirm: Locator;
  readonly save: Locator;

  constructor(
    readonly page: Page,
    readonly t: Messages = zh,
  ) {
    this.current = page.getByLabel(t.account.currentPassword, { exact: true });
    this.next = page.getByLabel(t.account.newPassword, { exact: true });
    this.confirm = page.getByLabel(t.account.confirmPassword, { exact: true });
    this.save = page.getByRole('button', { name: t.account.savePassword, exact: true });
  }

  // Where a user with a first password is sent from anywhere in the portal.
  async expectForcedChange(): Promise<void> {
    await expect(this.page).toHaveURL(/\/account\/password(\?|$)/);
    await expect(this.page.getByRole('heading', { level: 1, name: this.t.account.mustChangeTitle })).toBeVisible();
  }

  async change(current: string, next: string, confirm = next): Promise<void> {
    await this.current.fill(current);
    await this.next.fill(next);
    await this.confirm.fill(confirm);
    await this.save.click();
  }

  // The inline error shown under one field.
  fieldError(field: 'currentPassword' | 'newPassword' | 'confirmPassword'): Locator {
    return this.page.locator(`#${field}-error`);
  }

  async expectChanged(): Promise<void> {
    await expect(this.page).toHaveURL(/\/account\/password\?changed=1/);
    await expect(this.page.getByRole('status').filter({ hasText: this.t.account.passwordSaved })).toBeVisible();
  }
}
