import { expect, type Locator, type Page } from '@playwright/test';
import { format, pattern, zh, type Messages, type ReviewTab } from './messages';

// The site's time zone as lib/settings defaults it: schedule times are typed
// in it, whatever the browser's own zone.
export const SITE_TIME_ZONE = 'Asia/Shanghai';

// How far ahead a schedule must lie when it is sent: the review desk refuses
// less than 30 s, and filling the dialog takes a moment.
const SCHEDULE_LEAD_MS = 40_000;

// A datetime-local value ("2026-03-15T09:30") for `at` in `timeZone`.
export function zonedInputValue(at: Date, timeZone = SITE_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

// The first whole minute the review desk will accept as a schedule from now
// on: the next one, or the one after when the next is too close.
export function nextScheduleMinute(now = Date.now()): Date {
  return new Date(Math.ceil((now + SCHEDULE_LEAD_MS) / 60_000) * 60_000);
}

// The comments of a story, on the review desk and on the correspondent's desk.
export class CommentThread {
  readonly root: Locator;
  readonly items: Locator;
  readonly body: Locator;
  readonly internal: Locator;
  readonly visible: Locator;
  readonly audience: Locator;
  readonly send: Locator;

  constructor(
    readonly page: Page,
    readonly t: Messages = zh,
  ) {
    this.root = page.getByTestId('comment-thread');
    this.items = this.root.getByTestId('comment');
    this.body = this.root.locator('#comment-body');
    this.internal = this.root.getByRole('radio', { name: t.comments.audienceDesk, exact: true });
    this.visible = this.root.getByRole('radio', { name: t.comments.audienceOwner, exact: true });
    this.audience = this.root.getByTestId('comment-audience');
    this.send = this.root.getByTestId('add-comment');
  }

  comment(text: string): Locator {
    return this.items.filter({ hasText: text });
  }

  // Writes a comment; `internal` chooses who reads it (a choice only editors
  // have; left out, the form's own default stands).
  async add(text: string, options: { internal?: boolean } = {}): Promise<void> {
    await this.body.fill(text);
    if (options.internal !== undefined) await (options.internal ? this.internal : this.visible).check();
    await this.send.click();
    await expect(this.comment(text)).toBeVisible();
    await expect(this.body).toHaveValue('');
  }
}

// /review: the queue and its tabs, filters and keyboard.
export class ReviewQueuePage {
  readonly rows: Locator;
  readonly search: Locator;

  constructor(
    readonly page: Page,
    readonly t: Messages = zh,
  ) {
    this.rows = page.locator('a[data-queue-row]');
    this.search = page.getByRole('textbox', { name: t.review.searchPlaceholder, exact: true });
  }

  async goto(tab: ReviewTab = 'queue'): Promise<void> {
    await this.page.goto(tab === 'queue' ? '/review' : `/review?tab=${tab}`);
    await expect(this.page.getByRole('heading', { level: 1, name: this.t.review.title, exact: true })).toBeVisible();
  }

  tab(tab: ReviewTab): Locator {
    return this.page.getByTestId(`tab-${tab}`);
  }

  // Searches titles, bodies and receipt numbers on the current tab.
  async filter(q: string): Promise<void> {
    await this.search.fill(q);
    await this.page.getByRole('button', { name: this.t.review.applyFilters, exact: true }).click();
    await expect(this.page).toHaveURL((url) => url.searchParams.get('q') === q);
  }

  row(title: string): Locator {
    return this.rows.filter({ hasText: title });
  }

  // Opens a story from the table; returns its id.
  async open(title: string): Promise<number> {
    await this.row(title).click();
    await expect(this.page).toHaveURL(/\/review\/\d+$/);
    return Number(new URL(this.page.url()).pathname.split('/').pop());
  }
}

type NoteAct = 'return' | 'reject' | 'unpublish';

// /review/<id>: one story on the review desk as an editor works it.
export class ReviewStoryPage {
  readonly header: Locator;
  readonly toolbar: Locator;
  readonly claimButton: Locator;
  readonly takeOverButton: Locator;
  readonly publishButton: Locator;
  readonly message: Locator;
  readonly holder: Locator;
  readonly claimedByOther: Locator;
  readonly receiptNo: Locator;
  readonly publicLink: Locator;
  readonly title: Locator;
  readonly body: Locator;
  readonly saveStatus: Locator;
  readonly conflictPanel: Locator;
  readonly publishDialog: Locator;
  readonly comments: CommentThread;

  constructor(
    readonly page: Page,
    readonly t: Messages = zh,
  ) {
    this.header = page.locator('main header');
    this.toolbar = page.getByRole('toolbar', { name: t.review.actions, exact: true });
    this.claimButton = page.getByTestId('claim-story');
    this.takeOverButton = page.getByTestId('take-over-story');
    this.publishButton = page.getByTestId('open-publish');
    this.message = page.getByTestId('review-message');
    this.holder = page.getByTestId('holder');
    this.claimedByOther = page.getByTestId('claimed-by-other');
    this.receiptNo = page.getByTestId('receipt-no');
    this.publicLink = page.getByTestId('public-link');
    this.title = page.locator('input[name="title"]');
    this.body = page.getByTestId('story-editor').locator('.ProseMirror');
    this.saveStatus = page.getByTestId('save-status');
    this.conflictPanel = page.getByTestId('conflict-panel');
    this.publishDialog = page.getByTestId('publish-dialog');
    this.comments = new CommentThread(page, t);
  }

  async goto(id: number): Promise<void> {
    await this.page.goto(`/review/${id}`);
    await expect(this.toolbar).toBeVisible();
  }

  // The status badge in the page header.
  async expectStatus(status: keyof Messages['status']): Promise<void> {
    await expect(this.header.getByText(this.t.status[status], { exact: true })).toBeVisible();
  }

  async expectHeldBy(name: string): Promise<void> {
    await expect(this.holder).toHaveText(format(this.t.review.heldBy, { name }));
  }

  // Claims the story; the text then opens for editing.
  async claim(): Promise<void> {
    await this.claimButton.click();
    await expect(this.claimButton).toHaveCount(0);
    await this.expectStatus('in_review');
    await expect(this.body).toBeVisible();
  }

  // Return, reject or unpublish: each asks for a note the correspondent reads.
  async actWithNote(act: NoteAct, note: string): Promise<void> {
    await this.page.getByTestId(`open-${act}`).click();
    const dialog = this.page.getByTestId(`${act}-dialog`);
    await expect(dialog).toBeVisible();
    await dialog.locator(`#${act}-dialog-note`).fill(note);
    await dialog.locator('button[type="submit"]').click();
    await expect(dialog).toBeHidden();
  }

  // The publish dialog's field by its form name.
  publishField(name: 'columnId' | 'source' | 'byline' | 'editorName' | 'publicId' | 'publishAt'): Locator {
    return this.publishDialog.locator(`[name="${name}"]`);
  }

  async openPublish(): Promise<void> {
    await this.publishButton.click();
    await expect(this.publishDialog).toBeVisible();
  }

  // In the open dialog: publish at a given minute instead of now.
  async chooseSchedule(at: Date): Promise<void> {
    await this.publishDialog.locator('input[name="when"][value="schedule"]').check();
    // The site's zone as people say it, not its IANA name.
    const zoneName = this.t === zh ? '北京时间' : 'Beijing time';
    await expect(this.publishDialog.getByText(format(this.t.review.publishAt, { timeZone: zoneName }), { exact: true })).toBeVisible();
    await this.publishField('publishAt').fill(zonedInputValue(at));
  }

  async confirmPublish(): Promise<void> {
    await this.publishDialog.getByTestId('confirm-publish').click();
    await expect(this.publishDialog).toBeHidden();
  }

  // Publishes now with what the dialog proposes.
  async publishNow(): Promise<void> {
    await this.openPublish();
    await this.confirmPublish();
    await this.expectStatus('published');
  }

  // Types paragraphs at the end of the body.
  async typeParagraphs(paragraphs: string[]): Promise<void> {
    await this.body.click();
    await this.page.keyboard.press('ControlOrMeta+End');
    for (const text of paragraphs) {
      await this.page.keyboard.press('Enter');
      await this.page.keyboard.insertText(text);
    }
  }

  // Replaces the text of the paragraph that holds `old`.
  async replaceParagraph(old: string, text: string): Promise<void> {
    await this.body.locator('p', { hasText: old }).click({ clickCount: 3 });
    await this.page.keyboard.insertText(text);
    await expect(this.body).not.toContainText(old);
  }

  // One side of the conflict panel: the text on screen, or the server's.
  conflictSide(side: 'mine' | 'theirs'): Locator {
    const label = side === 'mine' ? this.t.story.conflictMine : this.t.story.conflictTheirs;
    return this.conflictPanel.getByText(label, { exact: true }).locator('xpath=..');
  }

  // A published story's edits go out as an update (docs/live-articles.md):
  // marked minor, or with a correction note for readers.
  async publishUpdate(note?: string): Promise<void> {
    await this.page.getByTestId('open-publish-update').click();
    const dialog = this.page.getByTestId('publish-update-dialog');
    await expect(dialog).toBeVisible();
    if (note) await dialog.getByTestId('correction-note').fill(note);
    else await dialog.getByTestId('update-kind-minor').check();
    await dialog.getByTestId('confirm-publish-update').click();
    await expect(dialog).toBeHidden();
  }

  // Leaving the editor makes it report its text at once; autosave then
  // stores everything on screen ("已保存 hh:mm").
  async expectSaved(): Promise<void> {
    await this.title.focus();
    await expect(this.saveStatus).toHaveText(pattern(this.t.story.savedAt, { time: '\\d{2}:\\d{2}' }));
  }
}
