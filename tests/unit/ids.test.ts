import { describe, expect, test } from 'vitest';
import { isId, MAX_ID, parseId, parseKeysetCursor, toId } from '@/lib/ids';

// Every boundary checks ids the same way: a PostgreSQL integer above zero.
describe('ids', () => {
  test('text: a plain positive integer only', () => {
    expect(parseId('7')).toBe(7);
    expect(parseId(String(MAX_ID))).toBe(MAX_ID);
    for (const bad of ['0', '07', ' 7', '7 ', '7.0', '1e3', '0x7', '-1', String(MAX_ID + 1), '99999999999', '', undefined, null, 7, ['7']]) expect(parseId(bad), String(bad)).toBeNull();
  });

  test('numbers: integers in range', () => {
    expect(isId(1)).toBe(true);
    expect(isId(MAX_ID)).toBe(true);
    for (const bad of [0, -1, 1.5, MAX_ID + 1, Number.NaN, Infinity, '7']) expect(isId(bad), String(bad)).toBe(false);
  });

  test('either way', () => {
    expect(toId(7)).toBe(7);
    expect(toId('7')).toBe(7);
    expect(toId(7.5)).toBeNull();
    expect(toId('7.5')).toBeNull();
  });
});

describe('parseKeysetCursor', () => {
  test('a time and an id in range', () => {
    expect(parseKeysetCursor('1700000000000_42', '_')).toEqual({ at: new Date(1700000000000), id: 42 });
    expect(parseKeysetCursor('253402300799999.7', '.')).toEqual({ at: new Date(253402300799999), id: 7 });
  });

  test.each([
    ['beyond year 9999 (PostgreSQL cannot read the time)', '999999999999999_1'],
    ['an id beyond integer', '1700000000000_2147483648'],
    ['id zero', '1700000000000_0'],
    ['the other separator', '1700000000000.42'],
    ['three parts', '1_2_3'],
    ['a negative time', '-1_2'],
    ['nothing', ''],
  ])('refuses %s', (_why, value) => {
    expect(parseKeysetCursor(value, '_')).toBeNull();
  });
});
