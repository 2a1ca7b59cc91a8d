import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { databaseUrl, demo, openAppDatabase, uniqueToken, uniqueUsername, uniquePassword } from './support/accounts';
import { expect, test } from './support/fixtures';
import { en, zh } from './support/messages';
import { signIn } from './support/session';

// The review stages' figures on /stats as an editor reads them, in both
// languages and on a phone, and their sheet in the Excel export. The history
// is written with times of its own (May 2024) in a column of its own, so the
// figures are exact:
//   flow 初审 → 终审; A: submit 0, 初审 approve 3 h 12 min, 终审 sign_off 1 h later;
//   B: submit 0, 初审 approve 1 h 12 min, 终审 sign_off 1 h 48 min later; C waits at 初审.
//   初审: median 2 h 12 min, P90 3 h; 终审: median 1 h 24 min.

const BASE = Date.UTC(2024, 4, 10, 2);
const at = (minutes: number) => new Date(BASE + minutes * 60_000);

async function makeFixture(url: string) {
  await openAppDatabase(url);
  const [{ systemActor }, { createUser }, { createUnit }, { createColumn }, { createReviewFlow, createStoryWithHistory }] = await Promise.all([
    import('@/lib/actors'),
    import('@/lib/users'),
    import('@/lib/units'),
    import('@/lib/columns'),
    import('../support/stage-history'),
  ]);
  const token = uniqueToken();
  const tail = token.slice(-5);
  const unit = await createUnit(systemActor, { name: `环节统计单位-${token}` });
  const person = async (name: string, role: 'correspondent' | 'editor') => {
    const username = uniqueUsername('ss');
    const { user } = await createUser(systemActor, { username, displayName: `${name}${tail}`, role, unitId: role === 'correspondent' ? unit.id : undefined, password: uniquePassword() });
    const unitId = role === 'correspondent' ? unit.id : null;
    return { id: user.id, unitId, displayName: user.displayName, viewer: { id: user.id, username, displayName: user.displayName, role, adminDuties: [], unitId, mustChangePassword: false } };
  };
  const author = await person('通讯员', 'correspondent');
  const first = await person('初审编辑', 'editor');
  const last = await person('终审编辑', 'editor');
  const column = await createColumn(systemActor, { name: `环节统计${tail}`, slug: `stage-stats-${token.toLowerCase()}` });
  const stageNames = [`初审${tail}`, `终审${tail}`];
  const flowVersionId = await createReviewFlow(`二审${token}`, stageNames);
  const bodyHtml = '<p>本网讯 近日，区司法局组织开展法律明白人专题培训，二百余人参加。</p>';
  const story = (moves: Parameters<typeof createStoryWithHistory>[1]['moves'], waitingAt?: number) =>
    createStoryWithHistory(author, { columnId: column.id, flowVersionId, stageNames, moves, waitingAt, bodyHtml });
  await story([
    { at: at(0), event: 'submit' },
    { at: at(192), stage: 0, decision: 'approve', by: first },
    { at: at(252), stage: 1, decision: 'sign_off', by: last },
  ]);
  await story([
    { at: at(0), event: 'submit' },
    { at: at(72), stage: 0, decision: 'approve', by: first },
    { at: at(180), stage: 1, decision: 'sign_off', by: last },
  ]);
  await story([{ at: at(300), event: 'submit' }], 0);
  return { columnId: column.id, stageNames, first, last };
}

type Fixture = Awaited<ReturnType<typeof makeFixture>>;

async function expectStages(page: Page, f: Fixture, text: { median: string; p90: string; lastMedian: string; waiting: RegExp }) {
  const section = page.getByTestId('stage-stats');
  const first = section.locator(`[data-stage="${f.stageNames[0]}"]`);
  await expect(first.getByTestId('stage-handled')).toHaveText('2');
  await expect(first.getByTestId('stage-median')).toHaveText(text.median);
  await expect(first.getByTestId('stage-p90')).toHaveText(text.p90);
  await expect(first.getByTestId('stage-waiting')).toHaveText(text.waiting);
  const reviewer = first.getByTestId('stage-reviewer');
  await expect(reviewer).toHaveCount(1);
  await expect(reviewer).toContainText(f.first.displayName);
  const last = section.locator(`[data-stage="${f.stageNames[1]}"]`);
  await expect(last.getByTestId('stage-median')).toHaveText(text.lastMedian);
  await expect(last.getByTestId('stage-reviewer')).toContainText(f.last.displayName);
}

// Nothing on the page is wider than the window, and nothing in the section scrolls sideways.
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    const inner = [...document.querySelectorAll('[data-testid="stage-stats"] *')].filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible');
    return { page: root.scrollWidth - root.clientWidth, inner: inner.length };
  });
  expect(overflow).toEqual({ page: 0, inner: 0 });
}

test('an editor reads the review stages’ figures on /stats in both languages and on a phone, and in the Excel export', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const url = databaseUrl();
  if (!url && process.env.CI) throw new Error('the stage statistics E2E needs E2E_DATABASE_URL (PostgreSQL) under CI');
  test.skip(!url, 'needs the PostgreSQL database (E2E_DATABASE_URL) to write its history');
  const f = await makeFixture(url!);
  const address = `/stats?from=2024-05-01&to=2024-05-31&column=${f.columnId}`;

  await signIn(page.context(), demo.editor);
  await test.step('in Chinese', async () => {
    await page.goto(address);
    await expect(page.getByTestId('stage-stats').getByRole('heading', { name: zh.stats.stages.title })).toBeVisible();
    await expectStages(page, f, { median: '2小时12分', p90: '3小时', lastMedian: '1小时24分', waiting: /^待审 1 篇，最久 \d+天(\d+小时)?$/ });
  });

  await test.step('the Excel export has the stages’ sheet with the same figures', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(zh.stats.stages.sheet);
    expect(sheet, 'the 审稿环节 sheet').toBeTruthy();
    const header = (sheet!.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 2)).toEqual([zh.stats.stages.exportStage, zh.stats.stages.exportReviewer]);
    const medianAt = header.indexOf(zh.stats.stages.exportMedianHours);
    const handledAt = header.indexOf(zh.stats.stages.handled);
    const rows: unknown[][] = [];
    sheet!.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1)));
    const stage = rows.find((r) => r[0] === f.stageNames[0] && r[1] === zh.stats.stages.exportAllReviewers);
    expect([stage?.[handledAt], stage?.[medianAt]]).toEqual([2, 2.2]);
    const reviewer = rows.find((r) => r[0] === f.stageNames[0] && r[1] === f.first.displayName);
    expect(reviewer?.[handledAt]).toBe(2);
  });

  await test.step('on a phone, nothing scrolls sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByTestId('stage-stats').locator(`[data-stage="${f.stageNames[0]}"]`).getByTestId('stage-reviewer')).toBeVisible();
    await expectNoSidewaysScroll(page);
  });

  await test.step('in English', async () => {
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(address);
    await expect(page.getByTestId('stage-stats').getByRole('heading', { name: en.stats.stages.title })).toBeVisible();
    await expectStages(page, f, { median: '2 h 12 min', p90: '3 h', lastMedian: '1 h 24 min', waiting: /^1 waiting, oldest \d+ d( \d+ h)?$/ });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expectNoSidewaysScroll(page);
  });
});
