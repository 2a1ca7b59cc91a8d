import { spawnSync } from 'node:child_process';
import type { APIRequestContext } from '@playwright/test';
import { findPgBinaries, startPgServer, type PgServer } from '../support/pg-server';
import { demo } from './support/accounts';
import { StoryPage } from './support/desk-pages';
import { expect, test } from './support/fixtures';
import { en, pattern, zh } from './support/messages';
import { signIn } from './support/session';
import { startSecondInstance, type SecondInstance } from './support/second-instance';

// The database goes away under a running instance: stopped, or frozen
// (SIGSTOP). The instance has a PostgreSQL server of its own here, so the
// rest of the suite keeps its database. Required (issue: production
// hardening): no request waits longer than DB_CONNECT_TIMEOUT_S + 1 s;
// portal pages answer a translated 503 with Retry-After; a save says it
// cannot save, keeps the text and goes through once the database is back;
// cached public pages are still served.
const CONNECT_TIMEOUT_S = 3;
const LIMIT_MS = CONNECT_TIMEOUT_S * 1000 + 1000;

let database: PgServer;
let instance: SecondInstance;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  const binaries = findPgBinaries();
  if (!binaries) throw new Error('the outage tests need the PostgreSQL server binaries');
  database = await startPgServer({ binaries, database: 'outage' });
  const seeded = spawnSync('npm', ['run', '--silent', 'db:seed', '--', '--demo'], {
    env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (seeded.status !== 0) throw new Error(`seeding the outage database failed:\n${seeded.stdout}${seeded.stderr}`);
  instance = await startSecondInstance(Number(new URL(baseURL!).port) + 60, {
    DATABASE_URL: database.url,
    DB_CONNECT_TIMEOUT_S: String(CONNECT_TIMEOUT_S),
    AUTH_SECRET: 'e2e-only-secret-never-use-in-production-0000',
    TRUST_PROXY: '1',
  });
});

test.afterAll(async () => {
  await instance?.stop();
  await database?.stop();
});

async function timedGet(request: APIRequestContext, path: string, headers: Record<string, string> = {}) {
  const started = Date.now();
  const response = await request.get(path, { headers, maxRedirects: 0, failOnStatusCode: false });
  return { response, ms: Date.now() - started };
}

async function expectUnavailablePage(request: APIRequestContext, path: string, t: typeof zh, headers: Record<string, string> = {}) {
  const { response, ms } = await timedGet(request, path, headers);
  expect(response.status(), path).toBe(503);
  expect(Number(response.headers()['retry-after']), `${path} Retry-After`).toBeGreaterThan(0);
  expect(ms, `${path} answered within the limit`).toBeLessThan(LIMIT_MS);
  expect(await response.text()).toContain(t.errors.databaseUnavailable.title);
}

test('frozen database: the editor cannot save, keeps the text and saves it once the database is back; portal pages are a 503 at once, cached public pages are served', async ({ newClient }) => {
  const context = await newClient({ baseURL: instance.baseURL });
  await signIn(context, demo.correspondent);
  const page = await context.newPage();
  const reader = await newClient({ baseURL: instance.baseURL });
  // Read once, so the article and the home page are in the instance's cache.
  const home = await reader.request.get('/');
  expect(home.status()).toBe(200);
  const articlePath = new URL((await reader.newPage().then(async (p) => (await p.goto('/'), p.locator('a[href^="/articles/"]').first().getAttribute('href'))))!, instance.baseURL).pathname;
  expect((await reader.request.get(articlePath)).status()).toBe(200);

  const story = new StoryPage(page);
  await story.gotoNew();
  await story.write({ title: '断库时写的稿件', paragraphs: ['第一段：数据库正常时写下并保存的文字。'] });
  await story.expectSaved();
  const id = await story.storyId();

  database.freeze();
  try {
    await story.typeParagraphs(['第二段：数据库冻结时写下的文字，不能丢。']);
    await story.leaveEditor();
    await expect(story.saveStatus).toHaveText(zh.story.offline, { timeout: 20_000 });

    await expectUnavailablePage(context.request, '/desk', zh);
    await expectUnavailablePage(context.request, `/desk/${id}`, en, { Cookie: 'NEXT_LOCALE=en' });
    const api = await timedGet(context.request, '/api/auth/session');
    expect(api.response.status()).toBe(503);
    expect(api.ms).toBeLessThan(LIMIT_MS);

    for (const path of ['/', articlePath]) {
      const { response, ms } = await timedGet(reader.request, path);
      expect(response.status(), `cached ${path}`).toBe(200);
      expect(ms).toBeLessThan(LIMIT_MS);
    }
    // Nothing typed is lost on this side meanwhile.
    await expect(story.body).toContainText('第二段');
  } finally {
    database.thaw();
  }

  // The editor retries by itself (with a backoff) and succeeds.
  await expect(story.saveStatus).toHaveText(pattern(zh.story.savedAt, { time: '\\d{2}:\\d{2}' }), { timeout: 45_000 });
  await story.goto(id);
  await expect(story.body).toContainText('第二段：数据库冻结时写下的文字，不能丢。');
});

test('stopped database: portal pages, the API and form posts fail fast with a clear answer; it recovers without a restart', async ({ newClient }) => {
  const context = await newClient({ baseURL: instance.baseURL });
  await signIn(context, demo.correspondent);
  const page = await context.newPage();
  await page.goto('/account/profile');
  const form = page.locator('form').filter({ has: page.locator('input[name="displayName"]') });
  await expect(form).toBeVisible();

  await database.halt();
  try {
    // The first request after the stop is the one that notices it: its page
    // fails (the portal's error page), with the outage's status.
    const first = await timedGet(context.request, '/review');
    expect(first.response.status()).toBe(503);
    expect(Number(first.response.headers()['retry-after'])).toBeGreaterThan(0);
    expect(first.ms).toBeLessThan(LIMIT_MS);
    // The ones after are refused at once, with the page that says why.
    await expectUnavailablePage(context.request, '/review', zh);
    await expectUnavailablePage(context.request, '/desk', zh);
    const health = await timedGet(context.request, '/api/health');
    expect(health.response.status()).toBe(503);
    expect(health.ms).toBeLessThan(LIMIT_MS);

    // A form sent meanwhile says it cannot save, and keeps what was typed.
    const name = form.locator('input[name="displayName"]');
    await name.fill('停库时改的名字');
    await form.getByRole('button', { name: zh.account.saveProfile, exact: true }).click();
    await expect(form.getByText(zh.errors.unavailable)).toBeVisible({ timeout: LIMIT_MS });
    await expect(name).toHaveValue('停库时改的名字');
  } finally {
    await database.resume();
  }
  await expect.poll(async () => (await context.request.get('/desk', { maxRedirects: 0 })).status(), { timeout: 20_000 }).toBe(200);
  await page.goto('/desk');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
