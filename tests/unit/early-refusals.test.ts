import { describe, expect, test } from 'vitest';
import { earlyRefusal, hasMalformedEncoding, refusalLocale, refusalPage } from '@/lib/http/early-refusals';

// Addresses Next's router cannot decode are answered before it, with a 400.
describe('malformed addresses', () => {
  test.each(['/articles/%FF', '/columns/%FF', '/desk/%FF', '/en/articles/%E4%B8', '/search/%', '/a%2'])('%s is malformed', (url) => {
    expect(hasMalformedEncoding(url)).toBe(true);
  });

  test.each(['/', '/articles/12', '/columns/%E5%8C%BA%E5%8E%BF', '/search/%E6%B3%95?page=2', '/search/q?q=%FF', '/articles/12#%FF', undefined])('%s is not', (url) => {
    expect(hasMalformedEncoding(url)).toBe(false);
  });

  test('the language: the /en address, then the chosen language, then the browser, else Chinese', () => {
    expect(refusalLocale('/en/articles/%FF', undefined, undefined)).toBe('en');
    expect(refusalLocale('/articles/%FF', 'a=1; NEXT_LOCALE=en', 'zh-CN')).toBe('en');
    expect(refusalLocale('/articles/%FF', 'NEXT_LOCALE=zh-CN', 'en-US,en')).toBe('zh-CN');
    expect(refusalLocale('/articles/%FF', undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(refusalLocale('/articles/%FF', undefined, undefined)).toBe('zh-CN');
    expect(refusalLocale('/english/%FF', undefined, undefined)).toBe('zh-CN');
  });

  test('the page says what happened and links home, in each language', () => {
    expect(refusalPage('malformedAddress', 'zh-CN')).toContain('地址有误');
    expect(refusalPage('malformedAddress', 'zh-CN')).toContain('href="/"');
    expect(refusalPage('malformedAddress', 'en')).toContain('This address is malformed');
    expect(refusalPage('malformedAddress', 'en')).toContain('href="/en"');
  });
});

describe('cross-site posts to pages (server actions)', () => {
  const post = (headers: Record<string, string>, url = '/notifications') => ({ method: 'POST', url, headers: { host: 'tougao.example', ...headers } });

  test.each([
    ['another site', { origin: 'https://evil.example' }],
    ['the origin null', { origin: 'null' }],
    ['a browser saying cross-site', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
  ])('from %s: refused', (_who, headers) => {
    expect(earlyRefusal(post(headers))).toBe('crossSiteAction');
  });

  test.each([
    ['our own page', { origin: 'https://tougao.example', 'sec-fetch-site': 'same-origin' }],
    ['a script without an origin', {}],
  ])('from %s: passed on', (_who, headers) => {
    expect(earlyRefusal(post(headers))).toBeNull();
  });

  test('GETs and the API are not its business', () => {
    expect(earlyRefusal({ method: 'GET', url: '/notifications', headers: { origin: 'null' } })).toBeNull();
    expect(earlyRefusal(post({ origin: 'https://evil.example' }, '/api/auth/callback/credentials'))).toBeNull();
  });

  test('the refusal says so in each language', () => {
    expect(refusalPage('crossSiteAction', 'zh-CN')).toContain('请求被拒绝');
    expect(refusalPage('crossSiteAction', 'en')).toContain('Request refused');
  });
});

describe('posts to pages larger than a server action may take', () => {
  const post = (bytes: number, url = '/desk/new') => ({ method: 'POST', url, headers: { host: 'tougao.example', origin: 'https://tougao.example', 'content-length': String(bytes) } });

  test('over 12 MB: refused before the body is read; up to it: passed on', () => {
    expect(earlyRefusal(post(12 * 1024 * 1024 + 1))).toBe('actionTooLarge');
    expect(earlyRefusal(post(12 * 1024 * 1024))).toBeNull();
    expect(earlyRefusal(post(600 * 1024))).toBeNull();
  });

  test('uploads go to the API, which has its own limits', () => {
    expect(earlyRefusal(post(30 * 1024 * 1024, '/api/media'))).toBeNull();
  });

  test('the refusal says what happened, in each language', () => {
    expect(refusalPage('actionTooLarge', 'zh-CN')).toContain('提交的内容过大');
    expect(refusalPage('actionTooLarge', 'zh-CN')).toContain('12 MB');
    expect(refusalPage('actionTooLarge', 'en')).toContain('Too much at once');
  });
});
