import { describe, expect, test } from 'vitest';
import { isCountableView } from '@/lib/views';

const chrome = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';
const wechat = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47';

function headers(values: Record<string, string>): Headers {
  return new Headers(values);
}

describe('isCountableView', () => {
  test.each([chrome, wechat])('a reader’s browser counts: %s', (agent) => {
    expect(isCountableView(headers({ 'user-agent': agent }))).toBe(true);
  });

  test.each([
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)',
    'Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)',
    'Mozilla/5.0 (compatible; Bytespider; spider-feedback@bytedance.com)',
    'facebookexternalhit/1.1',
    'curl/8.5.0',
    'python-requests/2.31',
    'Mozilla/5.0 HeadlessChrome/120.0',
  ])('a crawler does not: %s', (agent) => {
    expect(isCountableView(headers({ 'user-agent': agent }))).toBe(false);
  });

  test('no user agent, or a prefetch, does not count', () => {
    expect(isCountableView(headers({}))).toBe(false);
    expect(isCountableView(headers({ 'user-agent': chrome, 'sec-purpose': 'prefetch' }))).toBe(false);
    expect(isCountableView(headers({ 'user-agent': chrome, purpose: 'prefetch' }))).toBe(false);
    expect(isCountableView(headers({ 'user-agent': chrome, 'sec-purpose': 'prefetch;prerender' }))).toBe(false);
  });
});
