import type { BrowserContext, Locator, Page } from '@playwright/test';
import { demo, uniqueToken } from './support/accounts';
import { expectNoViolations } from './support/accessibility';
import { submitStory } from './support/desk-pages';
import { expect, test } from './support/fixtures';
import { en, zh, type Messages } from './support/messages';
import type { Role } from './support/portal';
import { ReviewStoryPage } from './support/review-pages';
import { signedInPage, signIn } from './support/session';

// axe-core on every page of the portal and the public site, in both
// languages, as each role meets them: zero violations of any impact. Each
// test walks one role's pages and reports every page's findings at once
// (soft assertions), so one run lists all there is to fix.

type Language = { code: 'zh-CN' | 'en'; t: Messages; prefix: '' | '/en' };
const LANGUAGES: Language[] = [
  { code: 'zh-CN', t: zh, prefix: '' },
  { code: 'en', t: en, prefix: '/en' },
];

// lib/seed/demo.ts: the one demo story in review, held by editor1.
const HELD_STORY = '市四中法院举办法官助理业务能力提升培训班';

// A page, and what to do on it before axe runs (open a dialog, say).
type Visit = { label: string; path: string; then?: (page: Page) => Promise<void> };

async function setLanguage(context: BrowserContext, baseURL: string, language: Language): Promise<void> {
  await context.addCookies([{ name: 'NEXT_LOCALE', value: language.code, url: baseURL }]);
}

// The first link on a page whose address matches: the demo's stories, users
// and lists, whatever their ids are in this database.
async function firstLink(page: Page, path: string, href: RegExp): Promise<string> {
  await page.goto(path);
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const found = hrefs.find((h) => href.test(h.split(/[?#]/)[0]!));
  expect(found, `a link like ${href} on ${path}`).toBeTruthy();
  return found!.split(/[?#]/)[0]!;
}

// Loaded and hydrated: the scripts have run when the page's own client parts
// (the editor, the bell's menu) are in place; a settled network says so.
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {
    // A page that polls (the editor's autosave status) never goes idle; it is loaded all the same.
  });
}

async function scan(page: Page, visits: Visit[]): Promise<void> {
  for (const visit of visits) {
    await test.step(visit.label, async () => {
      const response = await page.goto(visit.path);
      expect.soft(response?.status(), `${visit.label} (${visit.path})`).toBeLessThan(/no-such|999999999/.test(visit.path) ? 500 : 400);
      await settle(page);
      if (visit.then) await visit.then(page);
      await expectNoViolations(page, visit.label, { soft: true });
    });
  }
}

// A dialog opened by a button, scanned while open.
function openDialog(button: (page: Page) => Locator) {
  return async (page: Page) => {
    await button(page).click();
    await expect(page.locator('dialog[open]')).toBeVisible();
  };
}

const portalPages: Record<Role, (page: Page, t: Messages) => Promise<Visit[]>> = {
  correspondent: async (page) => {
    const story = await firstLink(page, '/desk', /^\/desk\/\d+$/);
    return [
      { label: 'the desk', path: '/desk' },
      { label: 'a new story', path: '/desk/new' },
      { label: 'a story on the desk', path: story },
      { label: 'notifications', path: '/notifications' },
      { label: 'the profile', path: '/account/profile' },
      { label: 'the password page', path: '/account/password' },
      { label: 'two-factor sign-in', path: '/account/two-factor' },
      { label: 'sessions', path: '/account/sessions' },
      { label: 'a missing portal page', path: '/desk/999999999' },
    ];
  },
  editor: async (page) => {
    const story = await firstLink(page, '/review', /^\/review\/\d+$/);
    // The demo's story in review, held by editor1: its actions are on offer.
    await page.goto('/review');
    const held = (await page.getByRole('link', { name: HELD_STORY }).first().getAttribute('href'))!;
    const report = await firstLink(page, '/stats', /^\/stats\/report\/[^/]+\/\d+$/);
    return [
      { label: 'the review queue', path: '/review' },
      { label: 'a story under review', path: story },
      { label: 'the return dialog', path: held, then: openDialog((p) => p.getByTestId('open-return')) },
      { label: 'the review sheet', path: `${story}/sheet` },
      { label: 'review sheets', path: '/review/sheets' },
      { label: 'statistics', path: '/stats' },
      { label: 'a statistics report', path: report },
      { label: 'notifications', path: '/notifications' },
      { label: 'the profile', path: '/account/profile' },
    ];
  },
  admin: async (page, t) => {
    const user = await firstLink(page, '/admin/users', /^\/admin\/users\/\d+$/);
    const list = await firstLink(page, '/admin/words', /^\/admin\/words\/\d+$/);
    return [
      { label: 'accounts', path: '/admin/users' },
      { label: 'a new account', path: '/admin/users/new' },
      { label: 'an account', path: user },
      { label: 'the disable dialog', path: user, then: openDialog((p) => p.getByRole('button', { name: t.admin.users.disable, exact: true })) },
      { label: 'units', path: '/admin/units' },
      { label: 'columns', path: '/admin/columns' },
      { label: 'review flows', path: '/admin/workflows' },
      { label: 'settings', path: '/admin/settings' },
      { label: 'word lists', path: '/admin/words' },
      { label: 'a word list', path: list },
      { label: 'security', path: '/admin/security' },
      { label: 'the audit log', path: '/admin/audit' },
      { label: 'scoring rules', path: '/stats/scoring' },
      { label: 'statistics', path: '/stats' },
    ];
  },
};

for (const language of LANGUAGES) {
  test.describe(`axe: no violations (${language.code})`, () => {
    for (const role of ['correspondent', 'editor', 'admin'] as const) {
      test(`on every page the ${role} uses`, async ({ page, context, baseURL }) => {
        test.setTimeout(240_000);
        await setLanguage(context, baseURL!, language);
        await signIn(context, demo[role]);
        await scan(page, await portalPages[role](page, language.t));
      });
    }

    test('on every public page', async ({ page, context, baseURL }) => {
      test.setTimeout(240_000);
      await setLanguage(context, baseURL!, language);
      const p = language.prefix;
      const article = await firstLink(page, `${p}/`, /^(\/en)?\/articles\/\d+$/);
      const column = await firstLink(page, `${p}/`, /^(\/en)?\/columns\/[^/]+$/);
      // The corrections page exists while the site has corrections to list (the footer links to it then).
      const corrections = await page.getByTestId('site-footer').locator('a[href$="/corrections"]').count();
      await scan(page, [
        { label: 'the home page', path: `${p}/` },
        { label: 'a column', path: column },
        { label: 'an article', path: article },
        { label: 'search results', path: `${p}/search?q=${encodeURIComponent('法律')}` },
        ...(corrections ? [{ label: 'corrections', path: `${p}/corrections` }] : []),
        { label: 'the sign-in page', path: '/login' },
        { label: 'a missing article', path: `${p}/articles/999999999` },
        { label: 'an address no route knows', path: `${p}/no-such/page` },
      ]);
    });
  });
}

// On a phone the header and the lists are laid out differently (the menu
// shows only an initial, lists become cards): the pages each role starts on.
test.describe('axe: no violations at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  for (const language of LANGUAGES) {
    test(`on each role's first pages and the public site (${language.code})`, async ({ page, context, baseURL, newClient }) => {
      test.setTimeout(180_000);
      await setLanguage(context, baseURL!, language);
      await scan(page, [
        { label: 'the home page', path: `${language.prefix}/` },
        { label: 'search results', path: `${language.prefix}/search?q=${encodeURIComponent('法律')}` },
      ]);
      const starts: Record<Role, string[]> = { correspondent: ['/desk', '/desk/new'], editor: ['/review', '/stats'], admin: ['/admin/users'] };
      for (const role of ['correspondent', 'editor', 'admin'] as const) {
        const client = await newClient({ viewport: { width: 390, height: 844 } });
        await setLanguage(client, baseURL!, language);
        await signIn(client, demo[role]);
        await scan(await client.newPage(), starts[role].map((path) => ({ label: `${path} (${role})`, path })));
      }
    });
  }
});

test.describe('names are what they show', () => {
  for (const language of LANGUAGES) {
    test(`the language switch is named by its text, on the portal and the public site (${language.code})`, async ({ page, context, baseURL }) => {
      await setLanguage(context, baseURL!, language);
      await page.goto(`${language.prefix}/`);
      await expect(page.getByTestId('language-switch')).toHaveAccessibleName(language.t.language.switchTo);
      await signIn(context, demo.correspondent);
      await page.goto('/desk');
      await expect(page.getByTestId('language-switch')).toHaveAccessibleName(language.t.language.switchTo);
    });

    test(`no editor tool shares its name with a field of the story form (${language.code})`, async ({ page, context, baseURL }) => {
      await setLanguage(context, baseURL!, language);
      await signIn(context, demo.correspondent);
      await page.goto('/desk/new');
      const toolbar = page.getByRole('toolbar', { name: language.t.editor.toolbar, exact: true });
      await expect(toolbar.getByRole('button').first()).toBeVisible();
      // The fields' names: their labels' text, and the editor's own label.
      const fields = new Set(
        (await page.locator('label').allInnerTexts()).map((text) => text.replace(/[*＊]|\s+/g, '').trim()).concat(await page.locator('[contenteditable][aria-label]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''))),
      );
      const tools = await toolbar.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent ?? ''));
      expect(tools.length).toBeGreaterThan(5);
      expect(tools.filter((name) => fields.has(name))).toEqual([]);
    });
  }

  test('the bell is named by the count its badge shows (a returned story leaves one unread)', async ({ createAccount, newClient }) => {
    const correspondent = await createAccount();
    const editor = await createAccount({ role: 'editor' });
    const { id } = await submitStory(await signedInPage(newClient, correspondent), {
      title: `社区调解室开放 ${uniqueToken()}`,
      paragraphs: ['本网讯 街道人民调解室正式开放，调解员每天坐班，为居民调解邻里纠纷。', '开放当天，调解员接待群众咨询十余人次。'],
    });
    const review = new ReviewStoryPage(await signedInPage(newClient, editor));
    await review.goto(id);
    await review.claim();
    await review.actWithNote('return', '请补充开放时间。');

    for (const language of LANGUAGES) {
      const context = await newClient();
      await setLanguage(context, new URL(review.page.url()).origin, language);
      await signIn(context, correspondent);
      const page = await context.newPage();
      await page.goto('/desk');
      const shown = await page.getByTestId('unread-count').innerText();
      expect(Number(shown)).toBeGreaterThan(0);
      await expect(page.getByTestId('notification-bell')).toHaveAccessibleName(new RegExp(`[\\s:：]${shown.replace('+', '\\+')}\\s`));
      await expectNoViolations(page, `the desk with ${shown} unread (${language.code})`);
    }
  });

  test('the public site and the portal start with a link past the header to the content', async ({ newClient }) => {
    for (const path of ['/', '/en/articles/999999999']) {
      // A browser of its own each, its only page in front: as a reader arrives.
      const page = await (await newClient()).newPage();
      await page.goto(path);
      // Another test's page may still hold the browser's focus.
      await page.bringToFront();
      await page.keyboard.press('Tab');
      const skip = page.getByTestId('skip-link');
      await expect(skip).toBeFocused();
      await expect(skip).toBeVisible();
      await page.keyboard.press('Enter');
      await expect(page.locator('main')).toBeFocused();
    }
    const page = await signedInPage(newClient, demo.editor);
    await page.goto('/review');
    await page.bringToFront();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('skip-link')).toBeFocused();
    await expect(page.getByTestId('skip-link')).toHaveText(zh.a11y.skipToContent);
  });
});
