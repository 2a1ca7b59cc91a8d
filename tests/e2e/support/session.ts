import { expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';

// The session cookie's name with SECURE_COOKIES=false (the e2e server runs
// on plain http); production uses the __Host- prefixed one.
export const SESSION_COOKIE = 'tougao.session';

export type Credentials = { username: string; password: string };

// Scripted sign-in as any client can do it: fetch a CSRF token, then post the
// credentials form. Used where the login form is not what is being tested.
export async function postCredentials(request: APIRequestContext, { username, password }: Credentials, headers: Record<string, string> = {}) {
  const csrf = await request.get('/api/auth/csrf');
  expect(csrf.status()).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  expect(csrfToken).toBeTruthy();
  return request.post('/api/auth/callback/credentials', { form: { csrfToken, username, password }, headers, maxRedirects: 0 });
}

// Signs a browser context in (its request context shares the cookie jar).
export async function signIn(context: BrowserContext, credentials: Credentials): Promise<void> {
  const response = await postCredentials(context.request, credentials);
  expect(response.status(), `sign-in of ${credentials.username}`).toBe(302);
  expect(response.headers()['location'] ?? '', `sign-in of ${credentials.username}`).not.toMatch(/error=/);
  expect(await sessionCookie(context), `session cookie of ${credentials.username}`).toBeTruthy();
}

export async function sessionCookie(context: BrowserContext): Promise<string | undefined> {
  const cookies = await context.cookies();
  return cookies.find((c) => c.name === SESSION_COOKIE)?.value;
}

// A signed-in browser of its own (another person at another desk), and a page in it.
export async function signedInPage(newClient: () => Promise<BrowserContext>, credentials: Credentials): Promise<Page> {
  const context = await newClient();
  await signIn(context, credentials);
  return context.newPage();
}
