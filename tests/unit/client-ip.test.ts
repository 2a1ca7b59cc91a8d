import { describe, expect, test } from 'vitest';
import { clientIpFrom, CLIENT_IP_HEADER, resolveClientIp } from '@/lib/http/client-ip';

describe('resolveClientIp', () => {
  test('with no trusted proxy, X-Forwarded-For is ignored entirely', () => {
    expect(resolveClientIp('203.0.113.5', '1.2.3.4', 0)).toBe('203.0.113.5');
    expect(resolveClientIp('203.0.113.5', '1.2.3.4, 5.6.7.8', 0)).toBe('203.0.113.5');
    expect(resolveClientIp('203.0.113.5', undefined, 0)).toBe('203.0.113.5');
  });

  test('with one trusted proxy, the rightmost entry is the client', () => {
    expect(resolveClientIp('10.0.0.2', '198.51.100.7', 1)).toBe('198.51.100.7');
    // The client wrote "1.2.3.4" itself; our proxy appended the real peer.
    expect(resolveClientIp('10.0.0.2', '1.2.3.4, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(resolveClientIp('10.0.0.2', '1.2.3.4,198.51.100.7', 1)).toBe('198.51.100.7');
  });

  test('with two trusted proxies, the second from the right', () => {
    expect(resolveClientIp('10.0.0.3', '1.2.3.4, 198.51.100.7, 10.0.0.2', 2)).toBe('198.51.100.7');
  });

  test('a trusted proxy that sent no X-Forwarded-For leaves the socket address', () => {
    expect(resolveClientIp('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
    expect(resolveClientIp('10.0.0.2', '', 1)).toBe('10.0.0.2');
    expect(resolveClientIp('10.0.0.2', ' , ,', 1)).toBe('10.0.0.2');
  });

  test('IPv4-mapped IPv6 addresses are reported as IPv4', () => {
    expect(resolveClientIp('::ffff:192.0.2.1', undefined, 0)).toBe('192.0.2.1');
    expect(resolveClientIp('::ffff:10.0.0.2', '::ffff:198.51.100.7', 1)).toBe('198.51.100.7');
  });

  test('IPv6 addresses are kept', () => {
    expect(resolveClientIp('2001:db8::1', undefined, 0)).toBe('2001:db8::1');
    expect(resolveClientIp('::1', '2001:db8::7', 1)).toBe('2001:db8::7');
  });

  test('garbage is never returned as an address', () => {
    expect(resolveClientIp(undefined, undefined, 0)).toBe('unknown');
    expect(resolveClientIp('', undefined, 0)).toBe('unknown');
    expect(resolveClientIp('not an address', undefined, 0)).toBe('unknown');
    expect(resolveClientIp('10.0.0.2', 'not an address', 1)).toBe('10.0.0.2');
    expect(resolveClientIp('10.0.0.2', '<script>alert(1)</script>', 1)).toBe('10.0.0.2');
    expect(resolveClientIp('10.0.0.2', 'x'.repeat(100), 1)).toBe('10.0.0.2');
    expect(resolveClientIp('10.0.0.2', '::ffff:<script>', 1)).toBe('10.0.0.2');
    expect(resolveClientIp('::ffff:garbage here', undefined, 0)).toBe('unknown');
  });
});

describe('clientIpFrom', () => {
  test('reads the header the server wrote, else "unknown"', () => {
    expect(clientIpFrom(new Headers({ [CLIENT_IP_HEADER]: '198.51.100.7' }))).toBe('198.51.100.7');
    expect(clientIpFrom(new Headers())).toBe('unknown');
  });
});
