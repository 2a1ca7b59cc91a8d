import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { demo, uniqueIp } from './support/accounts';
import { AdminAuditPage } from './support/admin-audit-page';
import { expect, test } from './support/fixtures';
import { LoginPage } from './support/login-page';
import { en, zh } from './support/messages';
import { UserMenu } from './support/portal';
import { signIn } from './support/session';

// The audit reader verifies the trail's hash chains and takes a period of it
// away as a spreadsheet; both are recorded. Someone without the audit
// permission gets neither the button nor the file, and is recorded trying.

type IntegrityMessages = { title: string; verify: string; tables: Record<string, string> };
type ExportMessages = { title: string; from: string; to: string; xlsx: string; csv: string; columns: Record<string, string>; outcomes: Record<string, string> };
const auditCatalog = (messages: typeof zh) => (messages as unknown as { admin: { audit: { integrity: IntegrityMessages; export: ExportMessages } } }).admin.audit;

// Today in the site's zone, as the date inputs take it.
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

test('the audit reader verifies the trail and exports a period as Excel and CSV', async ({ page, clientIp }) => {
  const t = auditCatalog(zh);
  await signIn(page.context(), demo.admin);
  const audit = new AdminAuditPage(page);
  await audit.open();

  await page.getByRole('button', { name: t.integrity.verify, exact: true }).click();
  const result = page.getByTestId('audit-verify-result');
  await expect(result).toHaveAttribute('data-result', 'intact');

  const form = page.getByTestId('audit-export');
  await form.getByLabel(t.export.from, { exact: true }).fill(today());
  await form.getByLabel(t.export.to, { exact: true }).fill(today());
  const [xlsx] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: t.export.xlsx, exact: true }).click()]);
  expect(xlsx.suggestedFilename()).toBe(`审计日志-${today()}_${today()}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await xlsx.path())!)) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header).toContain(t.export.columns.outcomeLabel);
  expect(header).toContain(t.export.columns.hash);
  // This sign-in is in it, with the account, the address and the outcome.
  const mine = sheet.getRows(2, sheet.rowCount - 1)!.map((row) => (row.values as unknown[]).slice(1).map(String)).filter((cells) => cells.includes('login.success') && cells.includes(clientIp));
  expect(mine.length).toBeGreaterThan(0);
  expect(mine[0]).toContain(demo.admin.username);
  expect(mine[0]).toContain(t.export.outcomes.success);

  const [csv] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: t.export.csv, exact: true }).click()]);
  const text = await readFile((await csv.path())!, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text).toContain('login.success');
  // The page stayed where it was.
  await expect(page).toHaveURL(/\/admin\/audit$/);

  // The verification and both exports are on the trail.
  await audit.open('?action=audit');
  const actions = await audit.actions();
  expect(actions).toContain('audit.verify');
  expect(actions.filter((a) => a === 'audit.export').length).toBeGreaterThanOrEqual(2);
});

test('the page works in English too, and a bad period is refused with a message', async ({ page, baseURL }) => {
  const t = auditCatalog(en);
  await signIn(page.context(), demo.admin);
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
  const audit = new AdminAuditPage(page, en);
  await audit.open();
  await expect(page.getByRole('heading', { name: t.integrity.title })).toBeVisible();
  await expect(page.getByRole('heading', { name: t.export.title })).toBeVisible();

  const refused = await page.request.get(`/admin/audit/export?from=${today()}&to=2000-01-01&format=csv`);
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toBe('The last day is before the first.');
});

test('someone without the audit permission gets no button and no file, and is recorded trying', async ({ page, newClient, createAccount }) => {
  const editor = await createAccount({ role: 'editor' });
  const context = await newClient();
  await signIn(context, editor);
  const editorPage = await context.newPage();

  const response = await editorPage.goto('/admin/audit');
  expect(response?.status()).toBe(403);
  await expect(editorPage.getByRole('button', { name: auditCatalog(zh).integrity.verify })).toHaveCount(0);
  await expect(editorPage.getByTestId('audit-export')).toHaveCount(0);

  const file = await context.request.get(`/admin/audit/export?from=${today()}&to=${today()}&format=xlsx`);
  expect(file.status()).toBe(403);
  expect(file.headers()['content-type']).toContain('text/plain');
  expect(file.headers()['content-disposition']).toBeUndefined();

  await signIn(page.context(), demo.admin);
  const audit = new AdminAuditPage(page);
  await audit.open(`?person=${editor.username}&action=audit.refused`);
  await expect(audit.rows).toHaveCount(2);
});

test("signing out with the portal's button is on the trail, with the address it came from", async ({ page, newClient, createAccount }) => {
  const account = await createAccount();
  const address = uniqueIp();
  const context = await newClient({ extraHTTPHeaders: { 'X-Forwarded-For': address } });
  await signIn(context, account);
  const own = await context.newPage();
  await own.goto('/desk');
  await new UserMenu(own).logout();
  await new LoginPage(own).expectShown();

  await signIn(page.context(), demo.admin);
  const audit = new AdminAuditPage(page);
  await audit.open(`?person=${account.username}&action=login.sign_out`);
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.rows.first()).toContainText(audit.actionLabel('login.sign_out'));
  await expect(audit.rows.first()).toContainText(address);
});
