import { demo, uniqueIp, uniqueUsername } from './support/accounts';
import { AdminAuditPage } from './support/admin-audit-page';
import { expect, test } from './support/fixtures';
import { postCredentials, signIn } from './support/session';

// The administrator reads the audit trail: what happened, by whom, from where.

test('the admin sees their own sign-in, then filters by an action and by a person', async ({ page, clientIp, newClient }) => {
  // Someone tries a name no account has.
  const typed = uniqueUsername('nobody');
  const stranger = await newClient();
  await postCredentials(stranger.request, { username: typed, password: 'not-the-password' });

  await signIn(page.context(), demo.admin);
  const audit = new AdminAuditPage(page);
  await audit.open();
  const mine = audit.rows.filter({ hasText: clientIp });
  await expect(mine.first()).toHaveAttribute('data-action', 'login.success');
  await expect(mine.first()).toContainText(audit.actionLabel('login.success'));
  await expect(mine.first()).toContainText(demo.admin.username);

  await audit.filter({ action: 'login.failure' });
  await expect(page).toHaveURL(/[?&]action=login\.failure/);
  const failure = audit.rows.filter({ hasText: typed });
  await expect(failure).toHaveCount(1);
  await expect(failure).toContainText(audit.t.unknownAccount);
  expect(new Set(await audit.actions())).toEqual(new Set(['login.failure']));

  // The filtered page is an address: reloading keeps it.
  await page.reload();
  await expect(audit.rows.filter({ hasText: typed })).toHaveCount(1);

  await audit.open();
  await audit.filter({ person: demo.admin.username });
  await expect(page).toHaveURL(/[?&]person=admin(&|$)/);
  // Reading the trail is on it too, so the sign-in is no longer the newest entry.
  await expect(audit.rows.filter({ hasText: clientIp }).and(page.locator('[data-action="login.success"]'))).toHaveCount(1);
  await expect(audit.rows.filter({ hasText: clientIp }).and(page.locator('[data-action="audit.read"]')).first()).toBeVisible();
  // Every entry is the admin's own.
  const actors = await audit.rows.evaluateAll((rows) => rows.map((r) => r.querySelector('td:nth-child(2) a[href^="/admin/audit"]')?.textContent));
  expect(actors.length).toBeGreaterThan(0);
  expect(new Set(actors)).toEqual(new Set([demo.admin.username]));
});

test('attempts on a locked account name the account, never "no such account"', async ({ page, createAccount, newClient }) => {
  const editor = await createAccount({ role: 'editor' });
  const client = await newClient();
  // Five failures lock it; the sixth, with the right password, is refused.
  for (let i = 0; i < 5; i++) await postCredentials(client.request, { username: editor.username, password: 'not-the-password' });
  await postCredentials(client.request, { username: editor.username, password: editor.password });

  await signIn(page.context(), demo.admin);
  const audit = new AdminAuditPage(page);
  await audit.open(`?person=${editor.username}`);
  await expect(audit.rows).toHaveCount(7);
  expect(new Set(await audit.actions())).toEqual(new Set(['login.failure', 'login.lockout', 'login.refused']));
  for (const row of await audit.rows.all()) await expect(row).toContainText(editor.displayName);
  await expect(page.getByText(audit.t.unknownAccount, { exact: true })).toHaveCount(0);
});

test('a long trail pages forward and back without repeating an entry', async ({ page, newClient }) => {
  // 55 tries at one unknown name, each from its own address: five failures,
  // the lockout, then refusals; all of them listed under the name typed.
  const typed = uniqueUsername('nobody');
  const client = await newClient();
  for (let i = 0; i < 55; i++) {
    await postCredentials(client.request, { username: typed, password: 'not-the-password' }, { 'X-Forwarded-For': uniqueIp() });
  }

  await signIn(page.context(), demo.admin);
  const audit = new AdminAuditPage(page);
  await audit.open(`?person=${typed}`);
  await expect(audit.issue('person_no_account', { value: typed })).toBeVisible();
  await expect(audit.rows).toHaveCount(50);
  const first = await audit.keys();

  await audit.older();
  await expect(audit.rows).toHaveCount(6);
  const second = await audit.keys();
  expect(second.filter((key) => first.includes(key))).toEqual([]);
  expect(new Set(await audit.actions())).toEqual(new Set(['login.failure', 'login.lockout']));
  await expect(page.getByRole('link', { name: audit.t.older, exact: true })).toHaveCount(0);

  await audit.newer();
  await expect(audit.rows).toHaveCount(50);
  expect(await audit.keys()).toEqual(first);
});
