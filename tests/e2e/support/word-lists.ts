import { randomInt } from 'node:crypto';
import { expect, type APIRequestContext, type Browser } from '@playwright/test';
import { demo, databaseUrl, openAppDatabase, uniqueIp, uniqueToken } from './accounts';
import { signIn } from './session';

// Word lists for the editor's checks: on PostgreSQL made through lib/ as an
// administrator would, on the embedded database through /admin/words.

export type ListCategory = 'forbidden' | 'caution' | 'correction' | 'name';

// A word no list and no story of another test holds: four characters of a
// fixed set of simplified ones (the matcher folds traditional forms).
export function uniqueWord(prefix = ''): string {
  const chars = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';
  return prefix + Array.from({ length: 4 }, () => chars[randomInt(chars.length)]).join('');
}

export async function addWordList(browser: Browser, baseURL: string, category: ListCategory, words: { word: string; replacement?: string }[]): Promise<void> {
  const name = `e2e-${category}-${uniqueToken()}`;
  const url = databaseUrl();
  if (url) {
    await openAppDatabase(url);
    const [{ systemActor }, { createWordList, addWordEntry }] = await Promise.all([import('@/lib/actors'), import('@/lib/content-check')]);
    const list = await createWordList(systemActor, { name, category });
    for (const entry of words) await addWordEntry(systemActor, list.id, entry);
    return;
  }
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': uniqueIp() } });
  try {
    await signIn(context, demo.admin);
    const page = await context.newPage();
    await page.goto('/admin/words');
    const create = page.getByTestId('word-list-create-form');
    await create.getByTestId('word-list-name').fill(name);
    await create.getByTestId('word-list-category').selectOption(category);
    await create.getByRole('button').click();
    await page.getByRole('link', { name, exact: true }).click();
    for (const entry of words) {
      const add = page.getByTestId('word-entry-add-form');
      await add.getByTestId('word-entry-word').fill(entry.word);
      if (entry.replacement) await add.locator('input[name="replacement"]').fill(entry.replacement);
      await add.getByRole('button').click();
      await expect(page.getByTestId('word-entry-row').filter({ hasText: entry.word })).toBeVisible();
    }
  } finally {
    await context.close();
  }
}

// Lists reach every instance within seconds of a change: waits until the
// check endpoint (as this signed-in client) reports the word.
export async function expectCheckedWord(request: APIRequestContext, word: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const res = await request.post('/api/content-check', { data: { title: '', subtitle: '', summary: '', byline: '', body: `前文${word}后文` } });
        const body = (await res.json().catch(() => null)) as { hits?: { text: string }[] } | null;
        return body?.hits?.some((h) => h.text === word) ?? false;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
}
