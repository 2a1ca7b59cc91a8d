import { describe, expect, test } from 'vitest';
import { columnPagePath, correctionsPath, parseCorrectionsPage, localizedPath, otherLanguagePath, parseColumnCursor, routePath, searchPath, searchRewrites } from '@/lib/public-paths';

describe('public addresses', () => {
  test('Chinese pages keep the plain address, English ones live under /en', () => {
    expect(localizedPath('zh-CN', '/')).toBe('/');
    expect(localizedPath('zh-CN', '/articles/12')).toBe('/articles/12');
    expect(localizedPath('en', '/')).toBe('/en');
    expect(localizedPath('en', '/columns/fzyw')).toBe('/en/columns/fzyw');
  });

  test('a search is addressed by its query, the page number from page 2 on', () => {
    expect(searchPath('律师')).toBe('/search?q=%E5%BE%8B%E5%B8%88');
    expect(searchPath('a&b c', 1)).toBe('/search?q=a%26b+c');
    expect(searchPath('a&b c', 3)).toBe('/search?q=a%26b+c&page=3');
  });

  test('searches with a query are rewritten to their cacheable route, the paged rule first', () => {
    const rules = searchRewrites();
    expect(rules.map((r) => [r.source, r.destination])).toEqual([
      ['/search', '/zh-CN/search/:q/:page'],
      ['/search', '/zh-CN/search/:q'],
      ['/search', '/zh-CN/search/q'],
      ['/en/search', '/en/search/:q/:page'],
      ['/en/search', '/en/search/:q'],
      ['/en/search', '/en/search/q'],
    ]);
    // Next anchors these patterns (^…$) when it matches a query value.
    const pattern = (rule: (typeof rules)[number], key: string) => new RegExp(`^${rule.has.find((h) => h.key === key)!.value}$`);
    const [paged, firstPage, perRequest] = rules;
    expect(pattern(paged!, 'page').test('12')).toBe(true);
    for (const page of ['0', '123', 'abc', '']) expect(pattern(paged!, 'page').test(page)).toBe(false);
    for (const q of ['律师', 'a?b', 'x y', 'a\\b', '..a', 'a.b']) expect(pattern(firstPage!, 'q').exec(q)?.groups?.q).toBe(q);
    // What would break the path goes to the per-request page instead.
    for (const q of ['a/b', 'a#b', '50%', '.', '..', 'x'.repeat(201), '']) expect(pattern(firstPage!, 'q').test(q)).toBe(false);
    for (const q of ['a/b', '50%', '..', 'x'.repeat(201), ' a\n']) expect(pattern(perRequest!, 'q').test(q)).toBe(true);
    for (const q of ['', '  ']) expect(pattern(perRequest!, 'q').test(q)).toBe(false);
  });

  test('the cache knows every page by its path in the route tree', () => {
    expect(routePath('zh-CN', '/')).toBe('/zh-CN');
    expect(routePath('zh-CN', '/articles/12')).toBe('/zh-CN/articles/12');
    expect(routePath('en', '/articles/12')).toBe('/en/articles/12');
  });

  test('the language switch goes to the same page in the other language', () => {
    expect(otherLanguagePath('/')).toEqual({ locale: 'en', path: '/en' });
    expect(otherLanguagePath('/articles/abc-1')).toEqual({ locale: 'en', path: '/en/articles/abc-1' });
    expect(otherLanguagePath('/en')).toEqual({ locale: 'zh-CN', path: '/' });
    expect(otherLanguagePath('/en/columns/fzyw/p/1_2')).toEqual({ locale: 'zh-CN', path: '/columns/fzyw/p/1_2' });
    expect(otherLanguagePath('/zh-CN/articles/12')).toEqual({ locale: 'en', path: '/en/articles/12' });
    expect(otherLanguagePath('/zh-CN')).toEqual({ locale: 'en', path: '/en' });
    // Only the /en segment counts, not a path that starts with the letters.
    expect(otherLanguagePath('/english-news')).toEqual({ locale: 'en', path: '/en/english-news' });
  });

  test('an older column page names its cursor in the path, and reads it back', () => {
    const cursor = { publishedAt: new Date(1772697600000), id: 12 };
    const path = columnPagePath('fzyw', cursor);
    expect(path).toBe('/columns/fzyw/p/1772697600000_12');
    expect(parseColumnCursor(path.split('/').at(-1)!)).toEqual(cursor);
  });

  test.each(['', '12', '_12', 'abc_12', '1_2_3', '1234567890123456_1', '1_12345678901', '1;2'])('a malformed cursor %j is refused', (value) => {
    expect(parseColumnCursor(value)).toBeNull();
  });
});

describe('the corrections page (docs/live-articles.md)', () => {
  test('page one at /corrections, then by number; page 1 has one address only', () => {
    expect(correctionsPath()).toBe('/corrections');
    expect(correctionsPath(1)).toBe('/corrections');
    expect(correctionsPath(3)).toBe('/corrections/p/3');
    expect(localizedPath('en', correctionsPath(2))).toBe('/en/corrections/p/2');
    expect([2, 10, 500].map((n) => parseCorrectionsPage(String(n)))).toEqual([2, 10, 500]);
    expect(['1', '0', '01', '1000', 'x', '2.5', ''].map(parseCorrectionsPage)).toEqual([null, null, null, null, null, null, null]);
  });
});
