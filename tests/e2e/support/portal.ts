import { expect, type Page } from '@playwright/test';
import { zh, type Messages } from './messages';

export type Role = 'admin' | 'editor' | 'correspondent';

// Each role's home after login, and its page heading.
export function homeOf(role: Role, t: Messages = zh): { path: string; heading: string } {
  switch (role) {
    case 'admin':
      return { path: '/admin/users', heading: t.admin.users.title };
    case 'editor':
      return { path: '/review', heading: t.review.title };
    case 'correspondent':
      return { path: '/desk', heading: t.desk.title };
  }
}

export async function expectHome(page: Page, role: Role, t: Messages = zh): Promise<void> {
  const home = homeOf(role, t);
  await expect(page).toHaveURL(new RegExp(`${home.path.replace(/\//g, '\\/')}(\\?|$)`));
  await expect(page.getByRole('heading', { level: 1, name: home.heading, exact: true })).toBeVisible();
}

// The header's user menu (a <details>) and what it holds.
export class UserMenu {
  constructor(
    readonly page: Page,
    readonly t: Messages = zh,
  ) {}

  async open(): Promise<void> {
    const summary = this.page.getByTestId('user-menu');
    await summary.click();
    await expect(this.page.getByTestId('logout')).toBeVisible();
  }

  async logout(): Promise<void> {
    await this.open();
    await this.page.getByTestId('logout').click();
  }
}
