import { expect, type Locator, type Page } from '@playwright/test';
import { format, zh, type Messages } from './messages';

// The admin.audit entries of a catalog (not part of the shared Catalog type).
export type AuditMessages = Record<'title' | 'filterPerson' | 'filterAction' | 'apply' | 'newer' | 'older' | 'unknownAccount' | 'system', string> & {
  actions: Record<string, string>;
  issues: Record<string, string>;
};

export function auditMessages(t: Messages): AuditMessages {
  return (t as unknown as { admin: { audit: AuditMessages } }).admin.audit;
}

// /admin/audit as an administrator reads it.
export class AdminAuditPage {
  readonly t: AuditMessages;

  constructor(
    readonly page: Page,
    messages: Messages = zh,
  ) {
    this.t = auditMessages(messages);
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`/admin/audit${query}`);
    await expect(this.page.getByRole('heading', { level: 1, name: this.t.title })).toBeVisible();
  }

  get rows(): Locator {
    return this.page.getByTestId('audit-row');
  }

  // The label the page shows for an action such as `login.success`.
  actionLabel(action: string): string {
    return this.t.actions[action.replace('.', '_')]!;
  }

  async filter(fields: { person?: string; action?: string }): Promise<void> {
    const form = this.page.getByTestId('audit-filters');
    if (fields.person !== undefined) await form.getByLabel(this.t.filterPerson, { exact: true }).fill(fields.person);
    if (fields.action !== undefined) await form.getByLabel(this.t.filterAction, { exact: true }).selectOption({ label: this.actionLabel(fields.action) });
    await form.getByRole('button', { name: this.t.apply, exact: true }).click();
  }

  async keys(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key') ?? ''));
  }

  async actions(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action') ?? ''));
  }

  async older(): Promise<void> {
    await this.page.getByRole('link', { name: this.t.older, exact: true }).click();
    await expect(this.page).toHaveURL(/[?&]before=/);
  }

  async newer(): Promise<void> {
    await this.page.getByRole('link', { name: this.t.newer, exact: true }).click();
    await expect(this.page).toHaveURL(/[?&]after=/);
  }

  issue(key: string, values: Record<string, string>): Locator {
    return this.page.getByTestId('audit-issues').getByText(format(this.t.issues[key]!, values));
  }
}
