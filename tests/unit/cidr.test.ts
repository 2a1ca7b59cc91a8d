import { describe, expect, test } from 'vitest';
import { isAddressInRanges, parseAddress, parseRange } from '@/lib/http/cidr';

describe('parseRange', () => {
  test.each(['10.0.0.0/8', '192.168.1.0/24', '203.0.113.7', '203.0.113.7/32', '0.0.0.0/0', '2001:db8::/32', '::1', '::/0', 'fe80::/10', '::ffff:10.0.0.0/104', '2001:db8:0:0:0:0:0:0/48'])('accepts %s', (text) => {
    expect(parseRange(text)).not.toBeNull();
  });

  test.each(['', '10.0.0.0/33', '10.0.0.0/', '10.0.0/8', '10.1.2.3/8', '256.0.0.0/8', '2001:db8::1/32', '2001:db8::/129', '2001:db8:::/32', 'localhost', '10.0.0.0/8 x', '::ffff:10.0.0.0/8', '10.0.0.0/-1', 'a.b.c.d/8'])('refuses %s', (text) => {
    expect(parseRange(text)).toBeNull();
  });
});

describe('parseAddress', () => {
  test('an IPv4-mapped IPv6 address is the IPv4 address it carries', () => {
    expect(parseAddress('::ffff:192.0.2.1')).toEqual(parseAddress('192.0.2.1'));
    expect(parseAddress('::ffff:c000:201')).toEqual(parseAddress('192.0.2.1'));
    expect(parseAddress('::FFFF:192.0.2.1')).toEqual(parseAddress('192.0.2.1'));
  });

  test('unknown, empty and malformed addresses are not addresses', () => {
    for (const text of ['unknown', '', '1.2.3', '::g', '1.2.3.4.5']) expect(parseAddress(text)).toBeNull();
  });
});

describe('isAddressInRanges', () => {
  test('IPv4 ranges', () => {
    const ranges = ['10.0.0.0/8', '192.168.1.0/24', '203.0.113.7'];
    expect(isAddressInRanges('10.255.3.4', ranges)).toBe(true);
    expect(isAddressInRanges('11.0.0.1', ranges)).toBe(false);
    expect(isAddressInRanges('192.168.1.200', ranges)).toBe(true);
    expect(isAddressInRanges('192.168.2.1', ranges)).toBe(false);
    expect(isAddressInRanges('203.0.113.7', ranges)).toBe(true);
    expect(isAddressInRanges('203.0.113.8', ranges)).toBe(false);
    expect(isAddressInRanges('1.2.3.4', ['0.0.0.0/0'])).toBe(true);
  });

  test('IPv6 ranges, in every way of writing an address', () => {
    const ranges = ['2001:db8::/32', 'fe80::/10', '::1'];
    expect(isAddressInRanges('2001:db8:abcd::1', ranges)).toBe(true);
    expect(isAddressInRanges('2001:0db8:0000:0000:0000:0000:0000:0001', ranges)).toBe(true);
    expect(isAddressInRanges('2001:db9::1', ranges)).toBe(false);
    expect(isAddressInRanges('fe80::1%eth0', ranges)).toBe(true);
    expect(isAddressInRanges('febf:ffff::1', ranges)).toBe(true);
    expect(isAddressInRanges('fec0::1', ranges)).toBe(false);
    expect(isAddressInRanges('::1', ranges)).toBe(true);
    expect(isAddressInRanges('::2', ranges)).toBe(false);
    expect(isAddressInRanges('[2001:db8::5]', ranges)).toBe(true);
  });

  test('IPv4 and IPv6 never match each other, but IPv4-mapped addresses match IPv4 ranges both ways', () => {
    expect(isAddressInRanges('2001:db8::1', ['0.0.0.0/0'])).toBe(false);
    expect(isAddressInRanges('10.0.0.1', ['::/0'])).toBe(false);
    expect(isAddressInRanges('::ffff:10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(isAddressInRanges('::ffff:a01:203', ['10.0.0.0/8'])).toBe(true);
    expect(isAddressInRanges('10.1.2.3', ['::ffff:10.0.0.0/104'])).toBe(true);
    expect(isAddressInRanges('11.1.2.3', ['::ffff:10.0.0.0/104'])).toBe(false);
  });

  test('an address the server could not resolve, and entries that are no range, match nothing', () => {
    expect(isAddressInRanges('unknown', ['0.0.0.0/0', '::/0'])).toBe(false);
    expect(isAddressInRanges(null, ['0.0.0.0/0'])).toBe(false);
    expect(isAddressInRanges('10.0.0.1', ['not a range', '10.0.0.1/8'])).toBe(false);
    expect(isAddressInRanges('10.0.0.1', [])).toBe(false);
  });
});
