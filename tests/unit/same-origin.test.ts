import { describe, expect, test } from 'vitest';
import { isAppError } from '@/lib/errors';
import { assertSameOrigin, isSameOriginRequest } from '@/lib/http/same-origin';

const h = (init: Record<string, string>) => new Headers(init);

describe('isSameOriginRequest', () => {
  test.each([
    ['same-origin', true],
    ['none', true],
    ['same-site', false],
    ['cross-site', false],
  ] as const)('Sec-Fetch-Site: %s → %s', (site, allowed) => {
    expect(isSameOriginRequest(h({ 'sec-fetch-site': site, host: 'news.example.cn' }))).toBe(allowed);
  });

  test('Sec-Fetch-Site decides even when Origin says otherwise', () => {
    expect(isSameOriginRequest(h({ 'sec-fetch-site': 'cross-site', origin: 'https://news.example.cn', host: 'news.example.cn' }))).toBe(false);
  });

  test('a scripted client with neither header is allowed', () => {
    expect(isSameOriginRequest(h({ host: 'news.example.cn' }))).toBe(true);
  });

  test('Origin must match Host', () => {
    expect(isSameOriginRequest(h({ origin: 'http://localhost:3000', host: 'localhost:3000' }))).toBe(true);
    expect(isSameOriginRequest(h({ origin: 'https://evil.example', host: 'localhost:3000' }))).toBe(false);
    expect(isSameOriginRequest(h({ origin: 'http://localhost:3001', host: 'localhost:3000' }))).toBe(false);
    expect(isSameOriginRequest(h({ origin: 'http://news.example.cn.evil.example', host: 'news.example.cn' }))).toBe(false);
  });

  test('behind a proxy, Origin is compared with X-Forwarded-Host', () => {
    expect(isSameOriginRequest(h({ origin: 'https://news.example.cn', host: 'app:3000', 'x-forwarded-host': 'news.example.cn' }))).toBe(true);
    expect(isSameOriginRequest(h({ origin: 'https://evil.example', host: 'app:3000', 'x-forwarded-host': 'news.example.cn' }))).toBe(false);
  });

  test('an opaque or malformed Origin is refused', () => {
    expect(isSameOriginRequest(h({ origin: 'null', host: 'news.example.cn' }))).toBe(false);
    expect(isSameOriginRequest(h({ origin: 'not a url', host: 'news.example.cn' }))).toBe(false);
  });

  test('an Origin without any Host is refused', () => {
    expect(isSameOriginRequest(h({ origin: 'https://news.example.cn' }))).toBe(false);
  });
});

describe('assertSameOrigin', () => {
  test('throws forbidden on a cross-site request and passes a same-origin one', () => {
    const cross = new Request('http://localhost:3000/api/x', { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } });
    let caught: unknown;
    try {
      assertSameOrigin(cross);
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.code).toBe('forbidden');
    const same = new Request('http://localhost:3000/api/x', { method: 'POST', headers: { 'sec-fetch-site': 'same-origin' } });
    expect(() => assertSameOrigin(same)).not.toThrow();
  });
});
