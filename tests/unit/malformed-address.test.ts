import { describe, expect, test } from 'vitest';
import { hasMalformedEncoding, malformedAddressLocale, malformedAddressPage } from '@/lib/http/malformed-address';

// Addresses Next's router cannot decode are answered before it, with a 400.
describe('malformed addresses', () => {
  test.each(['/articles/%FF', '/columns/%FF', '/desk/%FF', '/en/articles/%E4%B8', '/search/%', '/a%2'])('%s is malformed', (url) => {
    expect(hasMalformedEncoding(url)).toBe(true);
  });

  test.each(['/', '/articles/12', '/columns/%E5%8C%BA%E5%8E%BF', '/search/%E6%B3%95?page=2', '/search/q?q=%FF', '/articles/12#%FF', undefined])('%s is not', (url) => {
    expect(hasMalformedEncoding(url)).toBe(false);
  });

  test('the language: the /en address, then the chosen language, then the browser, else Chinese', () => {
    expect(malformedAddressLocale('/en/articles/%FF', undefined, undefined)).toBe('en');
    expect(malformedAddressLocale('/articles/%FF', 'a=1; NEXT_LOCALE=en', 'zh-CN')).toBe('en');
    expect(malformedAddressLocale('/articles/%FF', 'NEXT_LOCALE=zh-CN', 'en-US,en')).toBe('zh-CN');
    expect(malformedAddressLocale('/articles/%FF', undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(malformedAddressLocale('/articles/%FF', undefined, undefined)).toBe('zh-CN');
    expect(malformedAddressLocale('/english/%FF', undefined, undefined)).toBe('zh-CN');
  });

  test('the page says what happened and links home, in each language', () => {
    expect(malformedAddressPage('zh-CN')).toContain('地址有误');
    expect(malformedAddressPage('zh-CN')).toContain('href="/"');
    expect(malformedAddressPage('en')).toContain('This address is malformed');
    expect(malformedAddressPage('en')).toContain('href="/en"');
  });
});
