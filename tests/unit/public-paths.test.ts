import { describe, expect, test } from 'vitest';
import { columnPagePath, localizedPath, otherLanguagePath, parseColumnCursor, routePath } from '@/lib/public-paths';

describe('public addresses', () => {
  test('Chinese pages keep the plain address, English ones live under /en', () => {
    expect(localizedPath('zh-CN', '/')).toBe('/');
    expect(localizedPath('zh-CN', '/articles/12')).toBe('/articles/12');
    expect(localizedPath('en', '/')).toBe('/en');
    expect(localizedPath('en', '/columns/fzyw')).toBe('/en/columns/fzyw');
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
