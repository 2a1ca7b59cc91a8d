import { expect, type Locator, type Page } from '@playwright/test';
import { pattern, zh, type Messages } from './messages';

export type StoryDraft = {
  title: string;
  // 副题, when the story has one.
  subtitle?: string;
  // Body paragraphs, typed one after the other.
  paragraphs: string[];
  // The column to file under, by name; the first one offered otherwise.
  column?: string;
};

// A receipt number (稿件编号) as the desk shows it: year, dash, six or more digits.
export const RECEIPT_NO = /^\d{4}-\d{6,}$/;

// /desk/new and /desk/<id>: the story form, its editor, and the actions a
// correspondent takes on the story page.
export class StoryPage {
  readonly title: Locator;
  readonly subtitle: Locator;
  readonly column: Locator;
  readonly body: Locator;
  readonly toolbar: Locator;
  readonly saveStatus: Locator;
  readonly submitButton: Locator;
  readonly receiptNo: Locator;
  readonly timeline: Locator;

  constructor(
    readonly page: Page,
    readonly t: Messages = zh,
  ) {
    this.title = page.locator('input[name="title"]');
    this.subtitle = page.locator('input[name="subtitle"]');
    this.column = page.locator('select[name="columnId"]');
    this.body = page.getByTestId('story-editor').locator('.ProseMirror');
    this.toolbar = page.getByRole('toolbar', { name: t.editor.toolbar, exact: true });
    this.saveStatus = page.getByTestId('save-status');
    this.submitButton = page.getByTestId('submit-story');
    this.receiptNo = page.getByTestId('receipt-no');
    this.timeline = page.getByTestId('story-timeline');
  }

  async gotoNew(): Promise<void> {
    await this.page.goto('/desk/new');
    await expect(this.body).toBeVisible();
  }

  async goto(id: number): Promise<void> {
    await this.page.goto(`/desk/${id}`);
    await expect(this.timeline).toBeVisible();
  }

  // The story's id, once its first save has given the page its address.
  async storyId(): Promise<number> {
    await expect(this.page).toHaveURL(/\/desk\/\d+$/);
    return Number(new URL(this.page.url()).pathname.split('/').pop());
  }

  tool(label: string): Locator {
    return this.toolbar.getByRole('button', { name: label, exact: true });
  }

  // Chooses the first column offered; returns its name.
  async chooseColumn(): Promise<string> {
    const first = this.column.locator('option:not([value=""])').first();
    const name = (await first.textContent())?.trim() ?? '';
    expect(name, 'a column to file under').not.toBe('');
    await this.column.selectOption({ label: name });
    return name;
  }

  // Imports a Word file into the body and waits for the form to say so.
  async importWord(file: string): Promise<void> {
    await this.page.getByTestId('docx-input').setInputFiles(file);
    await expect(this.page.getByRole('status').filter({ hasText: this.t.story.importDone })).toBeVisible();
  }

  // Types paragraphs at the end of the body.
  async typeParagraphs(paragraphs: string[]): Promise<void> {
    await this.body.click();
    await this.page.keyboard.press('ControlOrMeta+End');
    for (const [i, text] of paragraphs.entries()) {
      if (i > 0 || (await this.bodyText()).trim()) await this.page.keyboard.press('Enter');
      await this.page.keyboard.insertText(text);
    }
  }

  async bodyText(): Promise<string> {
    return (await this.body.textContent()) ?? '';
  }

  // Title, 副题, column and body of a new story.
  async write(draft: StoryDraft): Promise<void> {
    await this.title.fill(draft.title);
    if (draft.subtitle) await this.subtitle.fill(draft.subtitle);
    if (draft.column) await this.column.selectOption({ label: draft.column });
    else await this.chooseColumn();
    await this.typeParagraphs(draft.paragraphs);
  }

  // The editor reports its text after a short pause, or at once when it
  // loses focus: leaving it makes everything typed count as changed now.
  async leaveEditor(): Promise<void> {
    await this.title.focus();
  }

  // Autosave has stored everything on screen ("已保存 hh:mm").
  async expectSaved(): Promise<void> {
    await this.leaveEditor();
    await expect(this.saveStatus).toHaveText(pattern(this.t.story.savedAt, { time: '\\d{2}:\\d{2}' }));
  }

  // Accepts the next confirmation dialog, checking it asks what we expect.
  acceptNextDialog(message: string): void {
    this.page.once('dialog', (dialog) => {
      expect(dialog.message()).toBe(message);
      void dialog.accept();
    });
  }

  // Submits (confirming) and returns the receipt number the page then shows.
  async submit(): Promise<string> {
    // Leave the editor first: the save status line appears when the editor
    // reports its text, and a click that itself blurs the editor would see
    // the button move down between mouse down and mouse up.
    await this.leaveEditor();
    this.acceptNextDialog(this.t.story.submitConfirm);
    await this.submitButton.click();
    await expect(this.receiptNo).toHaveText(RECEIPT_NO);
    await expect(this.submitButton).toHaveCount(0);
    return (await this.receiptNo.textContent())!.trim();
  }

  async withdraw(): Promise<void> {
    this.acceptNextDialog(this.t.story.withdrawConfirm);
    await this.page.getByTestId('withdraw-story').click();
    await expect(this.page.getByTestId('withdraw-story')).toHaveCount(0);
  }

  async deleteDraft(): Promise<void> {
    this.acceptNextDialog(this.t.story.deleteConfirm);
    await this.page.getByTestId('delete-draft').click();
    await expect(this.page).toHaveURL(/\/desk\?deleted=1$/);
  }

  // The status badge in the page header.
  async expectStatus(status: keyof Messages['status']): Promise<void> {
    await expect(this.page.locator('main').getByText(this.t.status[status], { exact: true }).first()).toBeVisible();
  }

  // One entry of the timeline, by its action.
  timelineEntry(action: keyof Messages['story']['events']): Locator {
    return this.timeline.getByRole('listitem').filter({ has: this.page.getByText(this.t.story.events[action], { exact: true }) });
  }
}

// /desk: the correspondent's list of stories.
export class DeskPage {
  constructor(
    readonly page: Page,
    readonly t: Messages = zh,
  ) {}

  async goto(search?: string): Promise<void> {
    await this.page.goto(search ? `/desk?q=${encodeURIComponent(search)}` : '/desk');
    await expect(this.page.getByRole('heading', { level: 1, name: this.t.desk.title, exact: true })).toBeVisible();
  }

  row(title: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
  }
}

// Writes and submits a story on the correspondent's desk.
export async function submitStory(page: Page, draft: StoryDraft): Promise<{ id: number; receiptNo: string }> {
  const story = new StoryPage(page);
  await story.gotoNew();
  await story.write(draft);
  const receiptNo = await story.submit();
  return { id: await story.storyId(), receiptNo };
}
