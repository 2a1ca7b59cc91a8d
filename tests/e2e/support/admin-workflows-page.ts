import { expect, type Locator, type Page } from '@playwright/test';
import { format, zh, type Messages } from './messages';

// The admin.workflows entries of a catalog (not part of the shared Catalog type).
export type WorkflowsMessages = Record<
  | 'title'
  | 'create'
  | 'name'
  | 'stageName'
  | 'stageHolders'
  | 'addStage'
  | 'save'
  | 'created'
  | 'signOff'
  | 'columnSaved'
  | 'columnsHeading'
  | 'columnSaveFor'
  | 'delete'
  | 'deleted'
  | 'defaultBadge'
  | 'columnsUsing'
  | 'useDefault'
  | 'edit'
  | 'saved',
  string
> & {
  holderOptions: Record<'desk' | 'unit' | 'named', string>;
  who: Record<'desk' | 'unit' | 'named', string>;
  errors: Record<'stage_people_required' | 'unit_stage_last' | 'flow_name_taken' | 'flow_changed', string>;
};

export function workflowsMessages(t: Messages): WorkflowsMessages {
  return (t as unknown as { admin: { workflows: WorkflowsMessages } }).admin.workflows;
}

export type StageFields = { name: string; holders?: 'desk' | 'unit' | 'named'; people?: string[] };

// /admin/workflows as an administrator uses it.
export class AdminWorkflowsPage {
  readonly t: WorkflowsMessages;
  readonly form: Locator;
  readonly cards: Locator;
  // errors.fields.required: what an empty required field says.
  readonly required: string;

  constructor(
    readonly page: Page,
    readonly messages: Messages = zh,
  ) {
    this.t = workflowsMessages(messages);
    this.required = (messages as unknown as { errors: { fields: { required: string } } }).errors.fields.required;
    this.form = page.getByTestId('workflow-form');
    this.cards = page.getByTestId('workflow-card');
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin/workflows');
    await expect(this.page.getByRole('heading', { level: 1, name: this.t.title })).toBeVisible();
  }

  async openNew(): Promise<void> {
    await this.page.getByRole('button', { name: this.t.create }).click();
    await expect(this.form).toBeVisible();
  }

  stage(index: number): Locator {
    return this.form.getByTestId('stage-editor').nth(index);
  }

  // Fills the open form: its name and, in order, each stage (added as needed).
  async fill(name: string, stages: StageFields[]): Promise<void> {
    await this.form.getByLabel(this.t.name, { exact: true }).fill(name);
    for (const [i, fields] of stages.entries()) {
      if ((await this.form.getByTestId('stage-editor').count()) <= i) await this.form.getByRole('button', { name: this.t.addStage }).click();
      const stage = this.stage(i);
      await stage.getByLabel(this.t.stageName, { exact: true }).fill(fields.name);
      await stage.getByLabel(this.t.stageHolders, { exact: true }).selectOption(fields.holders ?? 'desk');
      for (const person of fields.people ?? []) await stage.getByTestId('stage-people').getByRole('checkbox', { name: new RegExp(person) }).check();
    }
  }

  // Creates a flow through the form and waits for it to be listed.
  async create(name: string, stages: StageFields[]): Promise<void> {
    await this.openNew();
    await this.fill(name, stages);
    await this.save();
    await expect(this.card(name)).toBeVisible();
    await expect(this.form).toHaveCount(0);
  }

  async openEdit(name: string): Promise<void> {
    await this.card(name).getByRole('button', { name: this.t.edit, exact: true }).click();
    await expect(this.form).toBeVisible();
  }

  async save(): Promise<void> {
    await this.form.getByRole('button', { name: this.t.save, exact: true }).click();
  }

  card(name: string): Locator {
    return this.page.locator(`[data-testid="workflow-card"][data-flow-name="${name}"]`);
  }

  // The chain as the card shows it: stage names in order.
  async chain(name: string): Promise<string[]> {
    const items = this.card(name).getByTestId('workflow-chain').getByRole('listitem');
    return (await items.allInnerTexts()).map((text) => text.replace(/→/g, '').replace(this.t.signOff, '').trim());
  }

  columnRow(columnName: string): Locator {
    return this.page.locator(`[data-testid="workflow-column-row"][data-column-name="${columnName}"]`);
  }

  // Chooses a flow for a column ('' = the default) and saves that row.
  async setColumnFlow(columnName: string, flowName: string | null): Promise<void> {
    const row = this.columnRow(columnName);
    const select = row.getByTestId('column-flow-select');
    if (flowName === null) await select.selectOption('');
    else await select.selectOption({ label: flowName });
    await row.getByRole('button', { name: format(this.t.columnSaveFor, { name: columnName }) }).click();
    await expect(row.getByRole('status').filter({ hasText: this.t.columnSaved })).toBeVisible();
  }
}
