import { readFileSync } from 'node:fs';
import { demo } from './support/accounts';
import { expect, test } from './support/fixtures';
import { LoginPage } from './support/login-page';
import { SESSION_COOKIE, sessionCookie, signIn } from './support/session';

// The baseline every page relies on, checked on real responses of the
// production build.

function nonceOf(csp: string): string | undefined {
  return /'nonce-([^']+)'/.exec(csp)?.[1];
}

test.describe('response headers', () => {
  for (const [path, framing] of [
    ['/login', "frame-ancestors 'none'"],
    ['/desk', "frame-ancestors 'none'"],
  ] as const) {
    test(`${path} carries a nonce-based CSP, nosniff and no X-Powered-By`, async ({ request, page }) => {
      if (path !== '/login') await signIn(page.context(), demo.correspondent);
      const client = path === '/login' ? request : page.request;
      const first = await client.get(path);
      expect(first.status()).toBe(200);
      const headers = first.headers();
      const csp = headers['content-security-policy'] ?? '';
      expect(csp).toContain(framing);
      expect(csp).toMatch(/script-src [^;]*'nonce-[^']+'/);
      expect(csp).not.toContain("'unsafe-inline' 'unsafe-eval'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-powered-by']).toBeUndefined();
      expect(headers['strict-transport-security']).toContain('max-age=');
      expect(headers['referrer-policy']).toBeTruthy();

      // A fresh nonce for every response, and the page's scripts carry it.
      const second = await client.get(path);
      const nonce = nonceOf(second.headers()['content-security-policy'] ?? '');
      expect(nonce).toBeTruthy();
      expect(nonce).not.toBe(nonceOf(csp));
      expect(await second.text()).toContain(`nonce="${nonce}"`);
    });
  }

  // The cached public pages are the same bytes for every reader, so their
  // policy has no nonce; it still allows no foreign script, plugin or framing.
  for (const path of ['/', '/en', '/search?q=律师']) {
    test(`the public page ${path} carries a fixed CSP, nosniff and no cookie`, async ({ request }) => {
      const response = await request.get(encodeURI(path));
      expect(response.status()).toBe(200);
      const headers = response.headers();
      const csp = headers['content-security-policy'] ?? '';
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).toMatch(/script-src 'self' 'unsafe-inline'(;|$)/);
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'self'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-powered-by']).toBeUndefined();
      expect(headers['set-cookie']).toBeUndefined();
    });
  }

  test('the public home page runs under its policy without violations', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/content security policy|refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(error.message));
    await page.goto('/');
    await expect(page.getByTestId('language-switch')).toHaveAttribute('href', '/en');
    // Every script (Next's inline ones included) has run or been refused by now.
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });

  test('the login page runs under its policy without violations', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/content security policy|refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(error.message));
    const login = new LoginPage(page);
    await login.goto();
    // Hydrated: the client form answers inline, which needs its scripts.
    await login.signIn('nobody-here', 'not-a-password');
    await expect(login.error).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('portal pages are private and never stored', async ({ page }) => {
    await signIn(page.context(), demo.correspondent);
    for (const path of ['/desk', '/account/profile', '/account/password']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      const cacheControl = (await response!.allHeaders())['cache-control'] ?? '';
      expect(cacheControl, path).toContain('private');
      expect(cacheControl, path).toContain('no-store');
    }
  });

  test('/api/health answers 200 {"db":"ok"}', async ({ request }) => {
    const response = await request.get('/api/health');
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ db: 'ok' });
    expect(response.headers()['cache-control']).toContain('no-store');
  });
});

test.describe('a tampered session cookie means signed out', () => {
  test('a real token with one character changed, and plain garbage', async ({ page, baseURL }) => {
    await signIn(page.context(), demo.correspondent);
    const token = (await sessionCookie(page.context()))!;
    const middle = Math.floor(token.length / 2);
    const flipped = token.slice(0, middle) + (token[middle] === 'A' ? 'B' : 'A') + token.slice(middle + 1);

    for (const value of [flipped, 'not-a-token', `${token}x`, 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.BBBB.CCCC']) {
      await page.context().clearCookies();
      await page.context().addCookies([{ name: SESSION_COOKIE, value, url: baseURL! }]);
      const portal = await page.goto('/desk');
      expect(portal?.status()).toBe(200);
      await new LoginPage(page).expectShown();
      // Pages that do not need a session still work with it.
      const home = await page.goto('/');
      expect(home?.status()).toBe(200);
      const login = await page.goto('/login');
      expect(login?.status()).toBe(200);
      await new LoginPage(page).expectShown();
    }
  });

  test('the session endpoint and a server-rendered redirect never answer 500', async ({ request, baseURL }) => {
    const headers = { Cookie: `${SESSION_COOKIE}=not-a-token` };
    const session = await request.get('/api/auth/session', { headers });
    expect(session.status()).toBe(200);
    expect(await session.json()).toBeNull();
    const desk = await request.get('/desk', { headers, maxRedirects: 0 });
    expect([302, 303, 307]).toContain(desk.status());
    expect(new URL(desk.headers()['location'] ?? '', baseURL).pathname).toBe('/login');
  });
});

test('the session endpoint is null for a token the app rejects (a disabled account)', async ({ page, createAccount }) => {
  const account = await createAccount({ role: 'correspondent' });
  await signIn(page.context(), account);
  const before = await page.request.get('/api/auth/session');
  expect(((await before.json()) as { user?: { id?: string } } | null)?.user?.id).toBe(String(account.id));
  const [{ setUserDisabled }, { systemActor }] = await Promise.all([import('@/lib/users'), import('@/lib/actors')]);
  await setUserDisabled(systemActor, account.id, true);
  const after = await page.request.get('/api/auth/session');
  expect(after.status()).toBe(200);
  expect(await after.json()).toBeNull();
});

// Every malformed address gets a clean 4xx and says why, never a 500.
test.describe('malformed addresses', () => {
  for (const path of ['/articles/%FF', '/columns/%FF', '/desk/%FF', '/review/%E4%B8', '/en/articles/%FF']) {
    test(`${path} is a 400 that says the address is malformed`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(400);
      const english = path.startsWith('/en/');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(english ? 'This address is malformed' : '地址有误');
      await expect(page.getByRole('link')).toHaveAttribute('href', english ? '/en' : '/');
    });
  }

  test('a form post to a page from another site, or from the origin null, is a 403 that says why', async ({ request }) => {
    for (const origin of ['https://evil.example', 'null']) {
      const response = await request.post('/notifications', { multipart: { $ACTION_ID_0: '' }, headers: { Origin: origin }, maxRedirects: 0 });
      expect(response.status(), origin).toBe(403);
      expect(await response.text()).toContain('请求被拒绝');
    }
  });

  test('a column page cursor out of range is "no such page"', async ({ request }) => {
    for (const path of ['/columns/news/p/999999999999999_1', '/columns/news/p/1700000000000_99999999999', '/en/columns/news/p/999999999999999_1']) {
      expect((await request.get(path)).status(), path).toBe(404);
    }
  });
});

test('a post to a page over the action size limit is a 413 that says why, before its body is read', async ({ page, baseURL }) => {
  await signIn(page.context(), demo.correspondent);
  const body = Buffer.alloc(13 * 1024 * 1024, 'a');
  const response = await page.request.post('/desk/new', { data: body, headers: { 'Content-Type': 'text/plain;charset=UTF-8', 'Next-Action': '0'.repeat(42), Origin: new URL(baseURL!).origin }, maxRedirects: 0 });
  expect(response.status()).toBe(413);
  expect(await response.text()).toContain('提交的内容过大');
});

// Every server action of the build, as its page would call it, called by a
// script instead: arguments that are not JSON are a 400 that says so; well-formed
// arguments of the wrong kind are refused by the action like an empty form.
// Neither is ever a 5xx. Actions that end the caller's own session are left
// out so the rest run signed in.
const ENDS_OWN_SESSION = new Set(['logout', 'changePasswordAction', 'signOutOtherSessionsAction']);

function pageOf(worker: string): string {
  const path = worker
    .replace(/^app/, '')
    .replace(/\/page$/, '')
    .split('/')
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .map((segment) => (/^\[.*\]$/.test(segment) ? '1' : segment))
    .join('/');
  return path || '/';
}

test('every server action, sent arguments that do not parse or of the wrong kind, answers a refusal, never a 5xx', async ({ page, baseURL, createAccount }) => {
  test.setTimeout(180_000);
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as { node: Record<string, { exportedName: string; workers: Record<string, unknown> }> };
  const actions = Object.entries(manifest.node).filter(([, action]) => !ENDS_OWN_SESSION.has(action.exportedName));
  expect(actions.length).toBeGreaterThan(25);
  const admin = await createAccount({ role: 'admin' });
  await signIn(page.context(), admin);
  const headers = (id: string) => ({ 'Content-Type': 'text/plain;charset=UTF-8', 'Next-Action': id, Origin: new URL(baseURL!).origin, Accept: 'text/x-component' });
  for (const [id, action] of actions) {
    const path = pageOf(Object.keys(action.workers)[0]!);
    for (const body of ['{"unterminated', '[1,2', 'not json at all']) {
      const response = await page.request.post(path, { data: body, headers: headers(id), maxRedirects: 0 });
      expect(response.status(), `${action.exportedName} ${body}`).toBe(400);
      expect(await response.text()).toContain('提交的数据格式不正确');
    }
    const form = { multipart: { '0': '{broken' }, headers: { 'Next-Action': id, Origin: new URL(baseURL!).origin }, maxRedirects: 0 };
    expect((await page.request.post(path, form)).status(), `${action.exportedName} multipart`).toBe(400);
    for (const args of ['[]', '["$undefined","$undefined"]', '[{"x":1},"text"]', '[-1,"x",null]', '[null,42,[],{}]']) {
      const response = await page.request.post(path, { data: args, headers: headers(id), maxRedirects: 0 });
      expect(response.status(), `${action.exportedName} ${args}`).toBeLessThan(500);
    }
  }
  // Still signed in: none of them took the session down with it.
  expect(await sessionCookie(page.context())).toBeTruthy();
  expect((await page.request.get('/admin/users', { maxRedirects: 0 })).status()).toBe(200);
});
