import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { expect, test } from './support/fixtures';
import { en } from './support/messages';

// The public site as crawlers and validators read it: every public page is
// valid HTML to the Nu HTML Checker (vnu.jar, on Java), and every indexable
// one scores at least 95 in Lighthouse's SEO category. Both tools are
// required under CI (.ci/run installs Java); on a developer's machine
// without Java the checker's test says so and is skipped.

const isCI = process.env.CI === 'true';
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasJava = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;

// The demo's pages, whatever their ids in this database: an article and a
// column linked from the home page.
async function demoPages(page: Page): Promise<{ article: string; column: string; corrections: boolean }> {
  await page.goto('/');
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const article = hrefs.find((h) => /^\/articles\/\d+$/.test(h));
  const column = hrefs.find((h) => /^\/columns\/[^/]+$/.test(h));
  expect(article, 'an article linked from the home page').toBeTruthy();
  expect(column, 'a column linked from the home page').toBeTruthy();
  const corrections = (await page.getByTestId('site-footer').locator('a[href$="/corrections"]').count()) > 0;
  return { article: article!, column: column!, corrections };
}

type VnuMessage = { type: string; subType?: string; url?: string; message: string; lastLine?: number; extract?: string };

test('the Nu HTML Checker finds no error on any public page, in either language', async ({ page, request }) => {
  test.skip(!hasJava && !isCI, 'Java is not installed here (CI installs it; so can you: a headless JRE)');
  expect(hasJava, 'java must be installed to run the Nu HTML Checker').toBe(true);
  test.setTimeout(180_000);
  const { article, column, corrections } = await demoPages(page);
  const pages = ['/', column, article, `/search?q=${encodeURIComponent('法律')}`, '/search', ...(corrections ? ['/corrections'] : []), '/articles/999999999', '/no-such/page'].flatMap((p) => [p, `/en${p === '/' ? '' : p}`]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vnu-'));
  try {
    const files = new Map<string, string>();
    for (const [i, p] of [...pages, '/login'].entries()) {
      const response = await request.get(p);
      expect(response.status(), p).toBeLessThan(/999999999|no-such/.test(p) ? 500 : 400);
      const file = path.join(dir, `page-${i}.html`);
      writeFileSync(file, await response.body());
      files.set(`file:${file}`, p);
    }
    const jar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
    const run = spawnSync('java', ['-jar', jar, '--format', 'json', '--errors-only', '--exit-zero-always', ...[...files.keys()].map((f) => f.slice(5))], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    // The report comes on stderr.
    const { messages } = JSON.parse(run.stderr) as { messages: VnuMessage[] };
    const errors = messages
      .filter((m) => m.type === 'error' || m.subType === 'fatal')
      .map((m) => `${files.get(m.url ?? '') ?? m.url} line ${m.lastLine}: ${m.message}\n    ${m.extract ?? ''}`);
    expect(errors, `Nu HTML Checker errors:\n${errors.join('\n')}`).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Lighthouse scores every indexable public page at least 95 for SEO', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const { article, column } = await demoPages(page);
  const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const audit = async (p: string) => {
      const result = await lighthouse(`${baseURL}${p}`, { port: chrome.port, onlyCategories: ['seo'], logLevel: 'error', output: 'json' });
      const lhr = result!.lhr;
      const failed = lhr.categories.seo!.auditRefs
        .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]!.score !== 1)
        .map((ref) => `${ref.id}: ${lhr.audits[ref.id]!.title}${lhr.audits[ref.id]!.explanation ? ` (${lhr.audits[ref.id]!.explanation})` : ''}`);
      return { score: Math.round((lhr.categories.seo!.score ?? 0) * 100), failed };
    };
    for (const p of ['/', column, article, `/en${article}`]) {
      const { score, failed } = await audit(p);
      expect.soft(score, `Lighthouse SEO of ${p}; failed audits:\n${failed.join('\n')}`).toBeGreaterThanOrEqual(95);
    }
    // Search results are kept out of the index on purpose (noindex, follow):
    // every other audit of the category holds for them.
    const search = await audit(`/search?q=${encodeURIComponent('法律')}`);
    expect.soft(search.failed, 'Lighthouse SEO audits failed on search results').toEqual([expect.stringMatching(/^is-crawlable:/)]);
  } finally {
    chrome.kill();
  }
});

test('the sign-in page switches language without JavaScript (its forms post to real addresses)', async ({ newClient }) => {
  const page = await (await newClient({ javaScriptEnabled: false })).newPage();
  await page.goto('/login?next=%2Freview');
  for (const form of await page.locator('form').all()) expect(await form.getAttribute('action')).toMatch(/^\/login/);
  await page.getByTestId('language-switch').click();
  await expect(page).toHaveURL(/\/login\?next=%2Freview$/);
  await expect(page.getByRole('heading', { level: 1, name: en.login.title, exact: true })).toBeVisible();
});
