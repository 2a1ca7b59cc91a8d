import { describe, expect, test } from 'vitest';
import { formatReceiptNo, isReceiptNo, parseReceiptNo } from '@/lib/content/receipt';

describe('formatReceiptNo', () => {
  test.each([
    [2026, 1, '2026-000001'],
    [2026, 123, '2026-000123'],
    [2026, 999_999, '2026-999999'],
    [2026, 1_000_000, '2026-1000000'],
    [2027, 2_147_483_647, '2027-2147483647'],
    [1000, 1, '1000-000001'],
    [9999, 42, '9999-000042'],
  ])('(%i, %i) → %s', (year, sequence, expected) => {
    expect(formatReceiptNo(year, sequence)).toBe(expected);
  });

  test('matches the database check on the column', () => {
    for (const sequence of [1, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER]) {
      expect(formatReceiptNo(2026, sequence)).toMatch(/^[0-9]{4}-[0-9]{6,}$/);
    }
  });

  test.each([
    [2026, 0],
    [2026, -1],
    [2026, 1.5],
    [2026, Number.NaN],
    [2026, Number.POSITIVE_INFINITY],
    [2026, Number.MAX_SAFE_INTEGER + 1],
    [999, 1],
    [10_000, 1],
    [2026.5, 1],
    [-2026, 1],
  ])('refuses (%s, %s)', (year, sequence) => {
    expect(() => formatReceiptNo(year, sequence)).toThrow(RangeError);
  });
});

describe('parseReceiptNo', () => {
  test('reads back what formatReceiptNo wrote', () => {
    for (const [year, sequence] of [
      [2026, 1],
      [2026, 123],
      [2026, 999_999],
      [2026, 1_000_000],
      [2031, 2_147_483_647],
      [2026, Number.MAX_SAFE_INTEGER],
    ] as const) {
      expect(parseReceiptNo(formatReceiptNo(year, sequence))).toEqual({ year, sequence });
    }
  });

  test.each([
    '',
    '2026',
    '2026-',
    '2026-12345',
    '2026-000000',
    '2026-0001234',
    '0999-000001',
    '02026-000001',
    '26-000123',
    '2026_000123',
    '2026–000123',
    '２０２６-０００１２３',
    ' 2026-000123',
    '2026-000123 ',
    '2026-000123\n',
    '2026-00012a',
    '2026-+00123',
    '2026-1e+100',
    '2026-99999999999999999',
    'abcd-efghij',
    '2026-000123; drop table stories',
  ])('refuses %j', (s) => {
    expect(parseReceiptNo(s)).toBeNull();
    expect(isReceiptNo(s)).toBe(false);
  });
});

describe('isReceiptNo', () => {
  test('accepts canonical numbers', () => {
    expect(isReceiptNo('2026-000123')).toBe(true);
    expect(isReceiptNo('2026-1000000')).toBe(true);
  });

  test('refuses anything that is not a string', () => {
    for (const value of [null, undefined, 2026000123, { year: 2026, sequence: 1 }, ['2026-000123']]) {
      expect(isReceiptNo(value)).toBe(false);
    }
  });
});
