import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { databaseUrl, demo, openAppDatabase, uniqueToken, uniqueUsername, uniquePassword } from './support/accounts';
import { expect, test } from './support/fixtures';
import { zh } from './support/messages';
import { HomePage } from './support/public-pages';
import { ReviewStoryPage } from './support/review-pages';
import { signIn } from './support/session';

// Adoption statistics as the newsroom reads them: a unit of its own with two
// correspondents and three stories, one of them published from the review
// desk as the headline with both correspondents on the byline; the figures
// on /stats, in both exports, in the annual report and on the desk, and the
// scoring rules changing the points.

type Person = { id: number; username: string; password: string; displayName: string };

// The fixture is made as the app makes it (lib/), which needs the database.
async function makeFixture(url: string) {
  await openAppDatabase(url);
  const [{ systemActor }, { createUser }, { createUnit }, { claimStory, createStory, listActiveColumns, rejectStory, submitStory }, { users }, { eq }, { getDb }] = await Promise.all([
    import('@/lib/actors'),
    import('@/lib/users'),
    import('@/lib/units'),
    import('@/lib/stories'),
    import('@/db/schema'),
    import('drizzle-orm'),
    import('@/db/client'),
  ]);
  const db = await getDb();
  const token = uniqueToken();
  const unit = await createUnit(systemActor, { name: `统计测试单位-${token}` });
  const person = async (name: string, role: 'correspondent' | 'editor'): Promise<Person> => {
    const username = uniqueUsername('st');
    const password = uniquePassword();
    const { user } = await createUser(systemActor, { username, displayName: `${name}${token.slice(-4)}`, role, unitId: role === 'correspondent' ? unit.id : undefined, password });
    await db.update(users).set({ mustChangePassword: false }).where(eq(users.id, user.id));
    return { id: user.id, username, password, displayName: user.displayName };
  };
  const a = await person('甲', 'correspondent');
  const b = await person('乙', 'correspondent');
  const editor = await person('编辑', 'editor');
  const viewer = (p: Person, role: 'correspondent' | 'editor') => ({ id: p.id, username: p.username, displayName: p.displayName, role, adminDuties: [], unitId: role === 'correspondent' ? unit.id : null, mustChangePassword: false });
  const [column] = await listActiveColumns(viewer(a, 'correspondent'));
  const file = async (p: Person, title: string) => {
    const draft = await createStory(viewer(p, 'correspondent'), { title, columnId: column!.id, bodyHtml: `<p>${title}：本网讯 近日，区司法局组织开展法律明白人专题培训，二百余人参加。</p>` });
    return submitStory(viewer(p, 'correspondent'), draft.id, draft.version);
  };
  const headline = await file(a, `统计头条稿件 ${token}`);
  await file(a, `统计待审稿件 ${token}`);
  const rejected = await file(b, `统计退稿 ${token}`);
  await claimStory(viewer(editor, 'editor'), rejected.id);
  await rejectStory(viewer(editor, 'editor'), rejected.id, rejected.version + 1, '不予采用');
  return { unit, a, b, editor, headline, columnName: column!.name };
}

// The correspondents table's row for a person, as the numbers in its cells.
async function figures(page: Page, testId: string, name: string): Promise<string[]> {
  const row = page.getByTestId(testId).locator('tbody tr').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  return row.locator('td').allInnerTexts();
}

test('statistics for a unit and a period match the stories, in the page, both exports, the report and the desk', async ({ page, newClient }) => {
  test.setTimeout(180_000);
  const url = databaseUrl();
  // The fixture is made through lib/, which needs the PostgreSQL database
  // (E2E_DATABASE_URL). CI always has one, and there its absence fails; a
  // local run on the embedded database skips this test and says why.
  if (!url && process.env.CI) throw new Error('the statistics E2E needs E2E_DATABASE_URL (PostgreSQL) under CI');
  test.skip(!url, 'needs the PostgreSQL database (E2E_DATABASE_URL) to make its fixture through lib/');
  const f = await makeFixture(url!);

  await test.step('the editor publishes a story as the headline, shared with a second correspondent', async () => {
    const editorPage = await (await newClient()).newPage();
    await signIn(editorPage.context(), f.editor);
    const review = new ReviewStoryPage(editorPage);
    await review.goto(f.headline.id);
    await review.claim();
    await review.openPublish();
    await review.publishDialog.locator('select[name="coCorrespondents"]').selectOption(String(f.b.id));
    await expect(review.publishDialog.getByTestId('co-correspondents')).toContainText(f.b.displayName);
    await review.publishDialog.getByTestId('publish-headline').check();
    await review.confirmPublish();
    await review.expectStatus('published');
  });

  await test.step('the home page leads with it', async () => {
    const home = new HomePage(await (await newClient()).newPage());
    await expect.poll(async () => {
      await home.goto();
      return home.headline.innerText();
    }, { timeout: 15_000 }).toBe(f.headline.title);
  });

  await signIn(page.context(), demo.admin);
  await test.step('the statistics page, filtered to the unit and this year', async () => {
    await page.goto('/stats');
    const filters = page.getByTestId('stats-filters');
    await filters.locator('select[name="range"]').selectOption('this-year');
    await filters.locator('select[name="unit"]').selectOption(String(f.unit.id));
    await filters.getByRole('button', { name: zh.stats.apply }).click();
    await expect(page).toHaveURL(new RegExp(`unit=${f.unit.id}`));
    await expect(page.getByTestId('monthly-chart')).toBeVisible();
    // Filed, adopted, returned, rejected, pending, rate, reads, reads per story, characters, points.
    const a = await figures(page, 'stats-correspondents', f.a.displayName);
    expect(a.slice(0, 6)).toEqual(['2', '1', '0', '0', '1', '50%']);
    // 10 points × weight 1 + 5 for the headline, split between two.
    expect(a[9]).toBe('7.5');
    const b = await figures(page, 'stats-correspondents', f.b.displayName);
    expect([b[0], b[1], b[3], b[9]]).toEqual(['1', '0', '1', '7.5']);
    const totals = await page.getByTestId('stats-correspondents-totals').locator('td').allInnerTexts();
    expect([totals[0], totals[1], totals[3], totals[4], totals[9]]).toEqual(['3', '1', '1', '1', '15']);
    await page.getByRole('link', { name: zh.stats.tabUnits }).click();
    const unit = await figures(page, 'stats-units', f.unit.name);
    expect([unit[0], unit[1], unit[9]]).toEqual(['3', '1', '15']);
  });

  await test.step('both exports carry the same figures', async () => {
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await xlsx.path())) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(zh.stats.tabCorrespondents)!;
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row) => rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1)));
    // Name, username, unit, filed, adopted, returned, rejected, pending, rate, …, points, shared.
    expect(rows.get(f.a.displayName)?.slice(3, 9)).toEqual([2, 1, 0, 0, 1, 0.5]);
    expect(rows.get(f.b.displayName)?.at(-2)).toBe(7.5);
    expect(rows.get(f.b.displayName)?.at(-1)).toBe(1);
    expect(rows.get(zh.stats.totals)?.[3]).toBe(3);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = await readFile(await csv.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n').map((line) => line.split(','));
    expect(lines[0]![0]).toBe(zh.stats.unitName);
    expect(lines.find((l) => l[0] === f.unit.name)?.slice(1, 3)).toEqual(['3', '1']);
    expect(lines.at(-1)?.[0]).toBe(zh.stats.totals);
  });

  await test.step('the annual report lists the adopted story with its points', async () => {
    await page.getByRole('link', { name: zh.stats.tabCorrespondents }).click();
    await page.getByTestId('stats-correspondents').locator('tbody tr').filter({ hasText: f.a.displayName }).getByRole('link', { name: zh.stats.report }).click();
    const report = page.getByTestId('annual-report');
    await expect(report).toContainText(f.headline.title);
    await expect(report).toContainText(f.columnName);
    await expect(page.getByTestId('report-totals')).toContainText('7.5');
  });

  await test.step('the administrator raises the headline bonus, and the points follow', async () => {
    await page.goto('/stats/scoring');
    const form = page.getByTestId('scoring-form');
    await form.locator('input[name="headlineBonus"]').fill('-3');
    await form.getByRole('button', { name: zh.stats.scoring.save }).click();
    await expect(form.getByText(zh.errors.fields.scoring_negative)).toBeVisible();
    await expect(form.locator('input[name="pointsPerStory"]')).toHaveValue('10');
    await form.locator('input[name="headlineBonus"]').fill('9');
    await form.getByRole('button', { name: zh.stats.scoring.save }).click();
    await expect(form.getByText(zh.stats.scoring.saved)).toBeVisible();
    await page.goto(`/stats?range=this-year&unit=${f.unit.id}`);
    expect((await figures(page, 'stats-correspondents', f.a.displayName))[9]).toBe('9.5');
    // Back as it was, for whatever runs next.
    await page.goto('/stats/scoring');
    await page.getByTestId('scoring-form').locator('input[name="headlineBonus"]').fill('5');
    await page.getByTestId('scoring-form').getByRole('button', { name: zh.stats.scoring.save }).click();
    await expect(page.getByTestId('scoring-form').getByText(zh.stats.scoring.saved)).toBeVisible();
  });

  await test.step('the correspondent sees their own figures on the desk, and not the statistics', async () => {
    const desk = await (await newClient()).newPage();
    await signIn(desk.context(), f.a);
    await desk.goto('/desk');
    await expect(desk.getByTestId('own-submitted')).toHaveText('2');
    await expect(desk.getByTestId('own-adopted')).toHaveText('1');
    await expect(desk.getByTestId('own-points')).toHaveText('7.5');
    const refused = await desk.goto('/stats');
    expect(refused?.status()).toBe(403);
    const exportRefused = await desk.request.get('/stats/export?format=csv', { maxRedirects: 0 });
    expect(exportRefused.status()).toBe(403);
  });
});

// The first and last day of the month `offset` months from now, in the site's zone.
function monthBounds(offset: number): { from: string; to: string } {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 + offset, 1));
  const last = new Date(Date.UTC(y, m + offset, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

test('a named period sets the dates, and the page and both exports follow it; typing a date makes it custom', async ({ page }) => {
  await signIn(page.context(), demo.admin);
  await page.goto('/stats');
  const filters = page.getByTestId('stats-filters');
  const range = filters.locator('select[name="range"]');
  const from = filters.locator('input[name="from"]');
  const to = filters.locator('input[name="to"]');
  const thisMonth = monthBounds(0);
  await expect(from).toHaveValue(thisMonth.from);

  const lastMonth = monthBounds(-1);
  await range.selectOption('last-month');
  await expect(from).toHaveValue(lastMonth.from);
  await expect(to).toHaveValue(lastMonth.to);
  await filters.getByRole('button', { name: zh.stats.apply }).click();
  await expect(page).toHaveURL(/[?&]range=last-month/);
  await expect(page.getByTestId('stats-period')).toContainText(lastMonth.from);
  await expect(page.getByTestId('stats-period')).toContainText(lastMonth.to);
  await expect(range).toHaveValue('last-month');
  for (const id of ['export-xlsx', 'export-csv']) await expect(page.getByTestId(id)).toHaveAttribute('href', /[?&]range=last-month(&|$)/);

  const year = thisMonth.from.slice(0, 4);
  await range.selectOption('last-year');
  await expect(from).toHaveValue(`${Number(year) - 1}-01-01`);
  await range.selectOption('this-year');
  await expect(to).toHaveValue(`${year}-12-31`);
  await filters.getByRole('button', { name: zh.stats.apply }).click();
  await expect(page).toHaveURL(/[?&]range=this-year/);
  await expect(page.getByTestId('stats-period')).toContainText(`${year}-01-01`);

  // A date typed by hand: the menu says custom, and that period is what is shown.
  await from.fill(`${year}-02-01`);
  await expect(range).toHaveValue('custom');
  await to.fill(`${year}-02-10`);
  await filters.getByRole('button', { name: zh.stats.apply }).click();
  await expect(page.getByTestId('stats-period')).toContainText(`${year}-02-01`);
  await expect(page.getByTestId('stats-period')).toContainText(`${year}-02-10`);
  await expect(page.getByTestId('export-csv')).toHaveAttribute('href', new RegExp(`from=${year}-02-01&to=${year}-02-10`));
});
