import { expect, type Locator, type Page } from '@playwright/test';
import { zh, type Messages } from './messages';

// The admin.columns entries of a catalog (not part of the shared Catalog type).
export type ColumnsMessages = Record<
  | 'title'
  | 'name'
  | 'slug'
  | 'description'
  | 'add'
  | 'save'
  | 'hide'
  | 'show'
  | 'delete'
  | 'created'
  | 'saved'
  | 'hiddenDone'
  | 'shownDone'
  | 'hiddenBadge'
  | 'moveUp'
  | 'moveDown',
  string
> & { errors: Record<'column_slug_format' | 'column_name_taken' | 'column_slug_taken' | 'column_has_stories', string> };

export function columnsMessages(t: Messages): ColumnsMessages {
  return (t as unknown as { admin: { columns: ColumnsMessages } }).admin.columns;
}

export type ColumnFields = { name: string; slug: string; description?: string };

// /admin/columns as an administrator uses it.
export class AdminColumnsPage {
  readonly t: ColumnsMessages;
  readonly createForm: Locator;
  readonly rows: Locator;

  constructor(
    readonly page: Page,
    messages: Messages = zh,
  ) {
    this.t = columnsMessages(messages);
    this.createForm = page.getByTestId('column-create-form');
    this.rows = page.getByTestId('column-row');
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin/columns');
    await expect(this.page.getByRole('heading', { level: 1, name: this.t.title })).toBeVisible();
  }

  // Fills the add form and sends it; the caller checks the answer.
  async submitNew(fields: ColumnFields): Promise<void> {
    await this.createForm.getByLabel(this.t.name, { exact: true }).fill(fields.name);
    await this.createForm.getByLabel(this.t.slug, { exact: true }).fill(fields.slug);
    await this.createForm.getByLabel(this.t.description, { exact: true }).fill(fields.description ?? '');
    await this.createForm.getByRole('button', { name: this.t.add, exact: true }).click();
  }

  async create(fields: ColumnFields): Promise<void> {
    await this.submitNew(fields);
    await expect(this.createForm.getByRole('status').filter({ hasText: this.t.created })).toBeVisible();
    await expect(this.row(fields.slug)).toBeVisible();
  }

  row(slug: string): Locator {
    return this.page.locator(`[data-testid="column-row"][data-column-slug="${slug}"]`);
  }

  // Where the column stands in the list, from 0.
  async position(slug: string): Promise<number> {
    const slugs = await this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-column-slug')));
    return slugs.indexOf(slug);
  }

  async rename(slug: string, fields: ColumnFields): Promise<void> {
    const row = this.row(slug);
    await row.getByLabel(this.t.name, { exact: true }).fill(fields.name);
    await row.getByLabel(this.t.slug, { exact: true }).fill(fields.slug);
    if (fields.description !== undefined) await row.getByLabel(this.t.description, { exact: true }).fill(fields.description);
    await row.getByRole('button', { name: this.t.save, exact: true }).click();
    await expect(this.row(fields.slug).getByRole('status').filter({ hasText: this.t.saved })).toBeVisible();
  }

  async moveUp(slug: string, name: string): Promise<void> {
    const before = await this.position(slug);
    await this.row(slug).getByRole('button', { name: this.t.moveUp.replace('{name}', name), exact: true }).click();
    await expect.poll(() => this.position(slug)).toBe(before - 1);
  }

  async hide(slug: string): Promise<void> {
    const row = this.row(slug);
    await row.getByRole('button', { name: this.t.hide, exact: true }).click();
    await expect(row.getByRole('status').filter({ hasText: this.t.hiddenDone })).toBeVisible();
    await expect(row.getByText(this.t.hiddenBadge, { exact: true })).toBeVisible();
    await expect(row.getByRole('button', { name: this.t.show, exact: true })).toBeVisible();
  }

  async remove(slug: string): Promise<void> {
    await this.row(slug).getByRole('button', { name: this.t.delete, exact: true }).click();
    await expect(this.row(slug)).toHaveCount(0);
  }
}
