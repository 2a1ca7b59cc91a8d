import { isIPv4, isIPv6 } from 'node:net';

// Pure: address ranges (CIDR) as an administrator writes them, and whether
// an address falls in one. IPv4 and IPv6 both; an IPv4-mapped IPv6 address
// (::ffff:192.0.2.1) is the IPv4 address it carries, so a range written
// either way matches a client reported either way.

type Address = { version: 4 | 6; value: bigint };
export type Range = { version: 4 | 6; base: bigint; bits: number; text: string };

const MAPPED_PREFIX = 0xffffn << 32n;

function parseIPv4(text: string): bigint | null {
  if (!isIPv4(text)) return null;
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function parseIPv6(text: string): bigint | null {
  if (!isIPv6(text)) return null;
  let groups = text;
  // A trailing dotted quad holds the last 32 bits.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(groups);
  let tail: bigint | null = null;
  if (dotted) {
    tail = parseIPv4(dotted[1]!);
    if (tail === null) return null;
    groups = groups.slice(0, -dotted[1]!.length) + '0:0';
  }
  const [head, rest] = groups.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = rest === undefined ? [] : rest ? rest.split(':') : [];
  const missing = 8 - left.length - right.length;
  const all = rest === undefined ? left : [...left, ...Array<string>(missing).fill('0'), ...right];
  if (all.length !== 8) return null;
  let value = all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  if (tail !== null) value = (value & ~0xffffffffn) | tail;
  return value;
}

// An address as the server resolved it; IPv4-mapped IPv6 becomes IPv4.
export function parseAddress(text: string): Address | null {
  const trimmed = text.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v4 = parseIPv4(trimmed);
  if (v4 !== null) return { version: 4, value: v4 };
  const v6 = parseIPv6(trimmed);
  if (v6 === null) return null;
  if (v6 >> 32n === MAPPED_PREFIX >> 32n) return { version: 4, value: v6 & 0xffffffffn };
  return { version: 6, value: v6 };
}

// "10.0.0.0/8", "2001:db8::/32", or one address (a /32 or /128). Host bits
// set beyond the prefix are refused: "10.1.2.3/8" is a typo more often than
// a wish for 10.0.0.0/8. Null for anything else.
export function parseRange(text: string): Range | null {
  const trimmed = text.trim();
  const match = /^([^/\s]+)(?:\/(\d{1,3}))?$/.exec(trimmed);
  if (!match) return null;
  const address = parseAddress(match[1]!);
  if (!address) return null;
  const written6 = match[1]!.includes(':');
  // "::ffff:10.0.0.0/104" is the IPv4 range 10.0.0.0/8.
  const width = written6 ? 128 : 32;
  let bits = match[2] === undefined ? width : Number(match[2]);
  if (bits > width) return null;
  if (written6 && address.version === 4) {
    if (bits < 96) return null;
    bits -= 96;
  }
  const total = address.version === 4 ? 32 : 128;
  const hostMask = (1n << BigInt(total - bits)) - 1n;
  if ((address.value & hostMask) !== 0n) return null;
  return { version: address.version, base: address.value, bits, text: trimmed };
}

export function isInRange(address: string, range: Range): boolean {
  const parsed = parseAddress(address);
  if (!parsed || parsed.version !== range.version) return false;
  const total = range.version === 4 ? 32 : 128;
  const shift = BigInt(total - range.bits);
  return parsed.value >> shift === range.base >> shift;
}

// Whether an address is in any of the ranges written (unparseable entries
// match nothing). An address the server could not resolve matches nothing.
export function isAddressInRanges(address: string | null | undefined, ranges: readonly string[]): boolean {
  if (!address) return false;
  return ranges.some((text) => {
    const range = parseRange(text);
    return range !== null && isInRange(address, range);
  });
}
