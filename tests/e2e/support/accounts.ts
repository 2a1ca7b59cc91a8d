import { randomBytes } from 'node:crypto';
import { expect, type Browser } from '@playwright/test';
import { AdminUsersPage } from './admin-users-page';
import { PasswordPage } from './password-page';
import type { Role } from './portal';
import { signIn, type Credentials } from './session';

// Throwaway accounts, one set per test, with names no other test or run uses.
// On PostgreSQL they are made through lib/ as the CLI makes them; on the
// embedded database (locked by the running server) through the admin pages.

// As lib/seed/demo.ts seeds them (restated so specs load without the app's modules).
export const DEMO_PASSWORD = 'tougao-demo-2026';
export const DEMO_UNIT = '黔江区司法局';

export const demo = {
  admin: { username: 'admin', password: DEMO_PASSWORD },
  editor: { username: 'editor1', password: DEMO_PASSWORD },
  correspondent: { username: 'fangyong', password: DEMO_PASSWORD },
} satisfies Record<Role, Credentials>;

// A unit approver (单位审核员) has no demo account; tests make one.
export type AccountRole = Role | 'unit_approver';

export type Account = Credentials & { id: number; role: AccountRole; displayName: string };

export type AccountOptions = {
  role?: AccountRole;
  // New accounts carry a first password to change; most tests want one
  // whose owner has already done that.
  mustChangePassword?: boolean;
};

let sequence = 0;

export function uniqueToken(): string {
  sequence += 1;
  return `${Date.now().toString(36).slice(-5)}${sequence.toString(36)}${randomBytes(3).toString('hex')}`;
}

// A username the app accepts (3–32 of [A-Za-z0-9_.-]).
export function uniqueUsername(prefix = 'e2e'): string {
  return `${prefix}-${uniqueToken()}`.slice(0, 32);
}

export function uniquePassword(): string {
  return `E2e-${randomBytes(6).toString('hex')}`;
}

// A documentation-range address nobody else uses in this run.
export function uniqueIp(): string {
  const n = randomBytes(3);
  return `198.${18 + (n[0]! % 2)}.${n[1]}.${n[2]}`;
}

export function databaseUrl(): string | undefined {
  return process.env.E2E_DATABASE_URL?.trim() || undefined;
}

let dbOpened = false;

// The app's own database client, in this worker, for helpers that act as the
// app would (lib/ functions, or plain queries where the app has none yet).
// Only on PostgreSQL: the embedded database is locked by the server.
export async function openAppDatabase(url: string) {
  // lib/env reads these once, at the first database use of this worker.
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL ??= 'silent';
  const { getDb } = await import('@/db/client');
  dbOpened = true;
  return getDb();
}

async function createInDatabase(url: string, role: AccountRole, mustChangePassword: boolean): Promise<Account> {
  const db = await openAppDatabase(url);
  const [{ systemActor }, { createUser }, { findUnitByName }, { users }, { eq }] = await Promise.all([
    import('@/lib/actors'),
    import('@/lib/users'),
    import('@/lib/units'),
    import('@/db/schema'),
    import('drizzle-orm'),
  ]);
  const username = uniqueUsername();
  const password = uniquePassword();
  const displayName = `测试${{ correspondent: '通讯员', editor: '编辑', admin: '管理员', unit_approver: '单位审核员' }[role]}${username.slice(-4)}`;
  // Correspondents and unit approvers belong to the demo unit.
  const inUnit = role === 'correspondent' || role === 'unit_approver';
  const unit = inUnit ? await findUnitByName(DEMO_UNIT) : undefined;
  if (inUnit && !unit) throw new Error(`The demo unit ${DEMO_UNIT} is missing: was the demo seeded?`);
  const { user } = await createUser(systemActor, { username, displayName, role, unitId: unit?.id, password });
  if (!mustChangePassword) {
    await db.update(users).set({ mustChangePassword: false }).where(eq(users.id, user.id));
  }
  return { id: user.id, username, password, role, displayName };
}

// The embedded database is held by the server: an administrator makes the
// account in the admin pages, and its owner changes the first password.
async function createThroughPages(browser: Browser, baseURL: string, role: Role, mustChangePassword: boolean): Promise<Account> {
  const username = uniqueUsername();
  const displayName = `测试账号${username.slice(-4)}`;
  const firstPassword = uniquePassword();
  const adminContext = await browser.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': uniqueIp() } });
  let id: number;
  try {
    await signIn(adminContext, demo.admin);
    const admin = new AdminUsersPage(await adminContext.newPage());
    ({ id } = await admin.create({ username, displayName, role, unit: role === 'correspondent' ? DEMO_UNIT : undefined, password: firstPassword }));
  } finally {
    await adminContext.close();
  }
  if (mustChangePassword) return { id, username, password: firstPassword, role, displayName };

  const password = uniquePassword();
  const ownerContext = await browser.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': uniqueIp() } });
  try {
    await signIn(ownerContext, { username, password: firstPassword });
    const page = await ownerContext.newPage();
    await page.goto('/account/password');
    const form = new PasswordPage(page);
    await form.change(firstPassword, password);
    // A required first change goes on to the account's home page.
    await expect(page).not.toHaveURL(/\/account\/password/);
  } finally {
    await ownerContext.close();
  }
  return { id, username, password, role, displayName };
}

export async function createAccount(browser: Browser, baseURL: string, options: AccountOptions = {}): Promise<Account> {
  const role = options.role ?? 'correspondent';
  const mustChangePassword = options.mustChangePassword ?? false;
  const url = databaseUrl();
  if (!url && role === 'unit_approver') throw new Error('unit approvers are made in the PostgreSQL database (E2E_DATABASE_URL)');
  const account = url ? await createInDatabase(url, role, mustChangePassword) : await createThroughPages(browser, baseURL, role as Role, mustChangePassword);
  expect(account.id).toBeGreaterThan(0);
  return account;
}

// Called once per worker at its end, so the pool does not keep it alive.
export async function closeAccountsDatabase(): Promise<void> {
  if (!dbOpened) return;
  const { closeDb } = await import('@/db/client');
  await closeDb();
  dbOpened = false;
}
