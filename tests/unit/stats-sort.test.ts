import { describe, expect, test } from 'vitest';
import type { FigureRow } from '@/lib/stats/figures';
import { DEFAULT_SORT, parseSort, sortRows } from '@/lib/stats/sort';

function figureRow(key: number, name: string, patch: Partial<FigureRow> = {}): FigureRow {
  return { key, name, submitted: 0, adopted: 0, returned: 0, rejected: 0, pending: 0, coCredited: 0, views: 0, characters: 0, points: 0, adoptionRate: null, averageViews: null, ...patch };
}

const rows = [
  figureRow(1, '乙', { points: 10, adopted: 1, adoptionRate: 0.5 }),
  figureRow(2, '甲', { points: 30, adopted: 3, adoptionRate: 1 }),
  figureRow(3, '丙', { points: 10, adopted: 2, adoptionRate: null }),
];

describe('statistics sorting', () => {
  test('by points, most first; ties by more adopted', () => {
    expect(sortRows(rows, { key: 'points', dir: 'desc' }).map((r) => r.key)).toEqual([2, 3, 1]);
    expect(sortRows(rows, { key: 'points', dir: 'asc' }).map((r) => r.key)).toEqual([3, 1, 2]);
  });

  test('a rate without a value is last in either direction', () => {
    expect(sortRows(rows, { key: 'adoptionRate', dir: 'desc' }).map((r) => r.key)).toEqual([2, 1, 3]);
    expect(sortRows(rows, { key: 'adoptionRate', dir: 'asc' }).map((r) => r.key)).toEqual([1, 2, 3]);
  });

  test('names in Chinese collation order', () => {
    const sorted = sortRows(rows, { key: 'name', dir: 'asc' }).map((r) => r.name);
    expect(sorted).toEqual([...sorted].sort(new Intl.Collator('zh-CN').compare));
  });

  test('the address decides the order; anything else is the default', () => {
    expect(parseSort('views', 'asc')).toEqual({ key: 'views', dir: 'asc' });
    expect(parseSort('name', undefined)).toEqual({ key: 'name', dir: 'asc' });
    expect(parseSort('adopted', 'sideways')).toEqual({ key: 'adopted', dir: 'desc' });
    expect(parseSort('password', 'asc')).toEqual(DEFAULT_SORT);
    expect(parseSort(undefined, undefined)).toEqual(DEFAULT_SORT);
  });

  test('does not change the rows it is given', () => {
    const before = rows.map((r) => r.key);
    sortRows(rows, { key: 'name', dir: 'desc' });
    expect(rows.map((r) => r.key)).toEqual(before);
  });
});
