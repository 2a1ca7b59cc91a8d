import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expectNoViolations } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { en, format, zh } from './support/messages';
import { ReviewQueuePage } from './support/review-pages';
import { signIn } from './support/session';

// The 稿件审查单 in the browser: an editor opens the sheet of a demo story
// from its review page, records the unit leader's approval given by phone
// (代录), prints it without the portal around it, and exports the period's
// sheets as a spreadsheet; the sheet in English.

type SheetMessages = {
  title: string;
  link: string;
  print: string;
  exportLink: string;
  storyTitle: string;
  unit: string;
  leaderForm: Record<'submit' | 'done' | 'leaderName' | 'note', string>;
  leaderRecorded: string;
  columns: Record<'receiptNo' | 'title' | 'leaderName' | 'leaderRecordedBy' | 'leaderNote', string>;
  export: Record<'title' | 'submit', string> & { errors: Record<'range_reversed', string> };
};

const sheetZh = (zh.review as unknown as { sheet: SheetMessages }).sheet;
const sheetEn = (en.review as unknown as { sheet: SheetMessages }).sheet;
const required = (zh as unknown as { errors: { fields: { required: string } } }).errors.fields.required;

// The demo story waiting in the queue (lib/seed/demo.ts).
const DEMO = {
  title: '黔江区司法局开展冬季矛盾纠纷排查化解专项行动',
  column: '区县动态',
  unit: '黔江区司法局',
  correspondent: '方勇',
  body: '本网讯(通讯员 方勇)为切实维护冬季社会和谐稳定,黔江区司法局于11月起在全区开展矛盾纠纷排查化解专项行动。',
};

function siteDay(daysAgo = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - daysAgo * 86_400_000));
}

test('an editor opens a story’s review sheet, records the leader’s approval, prints it and exports the period', async ({ page, createAccount, baseURL }) => {
  test.setTimeout(150_000);
  const editor = await createAccount({ role: 'editor' });
  await signIn(page.context(), editor);

  const queue = new ReviewQueuePage(page);
  await queue.goto();
  await queue.filter('冬季矛盾纠纷');
  const id = await queue.open(DEMO.title);
  await page.getByTestId('review-sheet-link').click();
  await expect(page).toHaveURL(`/review/${id}/sheet`);

  const sheet = page.getByTestId('review-sheet');
  await test.step('the sheet carries the story’s particulars', async () => {
    await expect(sheet.getByRole('heading', { level: 1, name: sheetZh.title })).toBeVisible();
    await expect(sheet.getByTestId('sheet-site')).toHaveText('重庆长安网');
    await expect(sheet.getByTestId('sheet-receipt-no')).toHaveText(/^\d{4}-\d{6,}$/);
    await expect(sheet.getByTestId('sheet-title')).toHaveText(DEMO.title);
    await expect(sheet.getByTestId('sheet-column')).toHaveText(DEMO.column);
    await expect(sheet.getByTestId('sheet-unit')).toHaveText(DEMO.unit);
    await expect(sheet.getByTestId('sheet-correspondent')).toHaveText(DEMO.correspondent);
    await expect(sheet.getByTestId('sheet-byline')).toHaveText(`通讯员 ${DEMO.correspondent}`);
    await expect(sheet.getByTestId('sheet-characters')).toHaveText(String([...DEMO.body].length));
    await expect(sheet.getByTestId('sheet-images')).toHaveText('0');
    // The demo's one-stage flow: its stage is the sign-off.
    await expect(sheet.getByTestId('sheet-stage')).toHaveCount(1);
    await expect(sheet.getByTestId('sheet-stage').getByRole('rowheader')).toHaveText(/（签发）$/);
    await expect(sheet.getByRole('img', { name: /二维码/ })).toBeVisible();
    await expectNoViolations(page, 'the review sheet');
  });

  await test.step('代录: the leader’s approval given by phone, with field errors first', async () => {
    const form = page.getByTestId('leader-approval');
    const leaderName = form.getByLabel(sheetZh.leaderForm.leaderName);
    const note = form.getByLabel(sheetZh.leaderForm.note);
    await leaderName.fill('');
    await note.fill('');
    await form.getByRole('button', { name: sheetZh.leaderForm.submit }).click();
    await expect(form.locator('#leader-name-error')).toHaveText(required);
    await expect(form.locator('#leader-note-error')).toHaveText(required);

    await leaderName.fill('黄明华');
    await note.fill('12月1日电话确认同意发布');
    await form.getByRole('button', { name: sheetZh.leaderForm.submit }).click();
    await expect(form.getByRole('status')).toHaveText(format(sheetZh.leaderForm.done, { name: '黄明华' }));
    await expect(sheet.getByTestId('sheet-leader')).toHaveText('黄明华');
    await expect(sheet.getByTestId('sheet-leader-recorded')).toHaveText(format(sheetZh.leaderRecorded, { name: editor.displayName }));
    await expect(sheet.getByTestId('sheet-leader-note')).toContainText('12月1日电话确认同意发布');
  });

  await test.step('printed: the sheet alone, without the portal around it', async () => {
    await page.emulateMedia({ media: 'print' });
    await expect(sheet).toBeVisible();
    await expect(page.getByTestId('user-menu')).toBeHidden();
    await expect(page.getByRole('button', { name: sheetZh.print })).toBeHidden();
    await expect(page.getByTestId('leader-approval')).toBeHidden();
    await expect(page.getByTestId('sheet-export-link')).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    await expect(page.getByTestId('user-menu')).toBeVisible();
    await expect(page.getByRole('button', { name: sheetZh.print })).toBeVisible();
  });

  await test.step('the period’s sheets as a spreadsheet', async () => {
    await page.getByTestId('sheet-export-link').click();
    await expect(page.getByRole('heading', { level: 1, name: sheetZh.export.title })).toBeVisible();
    const form = page.getByTestId('sheet-export');
    // A reversed period comes back with the dates as typed and why.
    await form.locator('#sheet-export-from').fill(siteDay());
    await form.locator('#sheet-export-to').fill(siteDay(3));
    await form.getByTestId('sheet-export-xlsx').click();
    await expect(form.getByRole('alert')).toHaveText(sheetZh.export.errors.range_reversed);
    await expect(form.locator('#sheet-export-to')).toHaveValue(siteDay(3));
    await expectNoViolations(page, 'the review sheet export');

    await form.locator('#sheet-export-from').fill(siteDay(3));
    await form.locator('#sheet-export-to').fill(siteDay());
    const [download] = await Promise.all([page.waitForEvent('download'), form.getByTestId('sheet-export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 2)).toEqual([sheetZh.columns.receiptNo, sheetZh.columns.title]);
    const rows: Record<string, unknown>[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
    });
    const mine = rows.find((r) => r[sheetZh.columns.title] === DEMO.title);
    expect(mine).toMatchObject({
      [sheetZh.columns.leaderName]: '黄明华',
      [sheetZh.columns.leaderRecordedBy]: editor.displayName,
      [sheetZh.columns.leaderNote]: '12月1日电话确认同意发布',
    });
  });

  await test.step('in English', async () => {
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
    await page.goto(`/review/${id}/sheet`);
    await expect(sheet.getByRole('heading', { level: 1, name: sheetEn.title })).toBeVisible();
    await expect(sheet.getByRole('rowheader', { name: sheetEn.unit })).toBeVisible();
    await expect(sheet.getByTestId('sheet-leader-recorded')).toHaveText(format(sheetEn.leaderRecorded, { name: editor.displayName }));
    await expect(page.getByRole('button', { name: sheetEn.print })).toBeVisible();
  });
});

test('the correspondent has no review sheet, and no export', async ({ page, createAccount }) => {
  const correspondent = await createAccount();
  await signIn(page.context(), correspondent);
  const response = await page.goto('/review/1/sheet');
  expect(response?.status()).toBe(403);
  const exported = await page.request.get(`/review/sheets/export?from=${siteDay(3)}&to=${siteDay()}`, { maxRedirects: 0 });
  expect(exported.status()).toBe(403);
});
