import { expect, type Locator, type Page } from '@playwright/test';
import { format, zh, type Messages } from './messages';
import type { Role } from './portal';

export type NewAccountForm = { username: string; displayName: string; role: Role; unit?: string; password?: string };

// /admin/users, /admin/users/new and /admin/users/[id] as an administrator uses them.
export class AdminUsersPage {
  constructor(
    readonly page: Page,
    readonly t: Messages = zh,
  ) {}

  // Fills and sends the create form; returns the first password (the typed
  // one, or the generated one read from the page) and the account's id.
  async create(form: NewAccountForm): Promise<{ id: number; password: string }> {
    const t = this.t.admin.users;
    await this.page.goto('/admin/users/new');
    await expect(this.page.getByRole('heading', { level: 1, name: t.createTitle })).toBeVisible();
    await this.page.getByLabel(t.username, { exact: true }).fill(form.username);
    await this.page.getByLabel(t.displayName, { exact: true }).fill(form.displayName);
    await this.page.getByLabel(t.role, { exact: true }).selectOption({ label: this.t.roles[form.role] });
    if (form.unit) await this.page.getByLabel(t.unit, { exact: true }).selectOption({ label: form.unit });
    await this.page.getByLabel(t.password, { exact: true }).fill(form.password ?? '');
    await this.page.getByRole('button', { name: t.create, exact: true }).click();

    const created = this.page.getByTestId('user-created');
    // (The generated password is an <output>, which is a status too.)
    await expect(created.getByRole('status').filter({ hasText: format(t.created, { username: form.username }) })).toBeVisible();
    let password = form.password ?? '';
    if (!password) {
      password = (await created.getByTestId('generated-password').textContent())?.trim() ?? '';
      expect(password.length, 'generated first password').toBeGreaterThanOrEqual(10);
    }
    const manage = await created.getByRole('link', { name: t.manageCreated, exact: true }).getAttribute('href');
    const id = Number(manage?.split('/').pop());
    expect(Number.isInteger(id) && id > 0, `account id from ${manage}`).toBe(true);
    return { id, password };
  }

  // Finds an account through the list's search and opens its page.
  async open(username: string): Promise<void> {
    const t = this.t.admin.users;
    await this.page.goto('/admin/users');
    await this.page.getByRole('searchbox', { name: t.searchLabel }).fill(username);
    await this.page.getByRole('button', { name: t.apply, exact: true }).click();
    await expect(this.page).toHaveURL(/[?&]q=/);
    await this.row(username).getByRole('link').click();
    await expect(this.page).toHaveURL(/\/admin\/users\/\d+$/);
    await expect(this.page.getByTestId('user-summary')).toContainText(username);
  }

  row(username: string): Locator {
    return this.page.locator(`[data-testid="user-row"][data-username="${username}"]`);
  }

  // Both ask first: the dialog of a form's confirmed button.
  confirmation(testId: 'disable-account' | 'reset-password'): Locator {
    return this.page.getByTestId(`${testId}-dialog`);
  }

  async disable(): Promise<void> {
    const form = this.page.getByTestId('user-status-form');
    await form.getByRole('button', { name: this.t.admin.users.disable, exact: true }).click();
    await this.confirmation('disable-account').getByTestId('disable-account-confirm').click();
    await expect(form.getByRole('status').filter({ hasText: this.t.admin.users.disabled })).toBeVisible();
  }

  // Resets to a generated password and returns it.
  async resetPassword(): Promise<string> {
    const form = this.page.getByTestId('user-reset-password-form');
    await form.getByRole('button', { name: this.t.admin.users.resetPassword, exact: true }).click();
    await this.confirmation('reset-password').getByTestId('reset-password-confirm').click();
    await expect(form.getByRole('status').filter({ hasText: this.t.admin.users.resetDone })).toBeVisible();
    const password = (await form.getByTestId('generated-password').textContent())?.trim() ?? '';
    expect(password.length, 'generated password').toBeGreaterThanOrEqual(10);
    return password;
  }
}
