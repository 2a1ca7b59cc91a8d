import type { FigureRow } from './figures';

// Sorting the statistics tables by any column, as the page and the exports
// show them. Pure.

export const SORT_KEYS = ['name', 'submitted', 'adopted', 'returned', 'rejected', 'pending', 'adoptionRate', 'views', 'averageViews', 'characters', 'points'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export type Sort = { key: SortKey; dir: SortDirection };

export const DEFAULT_SORT: Sort = { key: 'points', dir: 'desc' };

export function parseSort(key: string | undefined, dir: string | undefined): Sort {
  const found = SORT_KEYS.find((k) => k === key);
  if (!found) return DEFAULT_SORT;
  return { key: found, dir: dir === 'asc' ? 'asc' : dir === 'desc' ? 'desc' : found === 'name' ? 'asc' : 'desc' };
}

const collator = new Intl.Collator('zh-CN');

// Rows without a value (a rate with nothing filed) go last either way; ties
// fall back to more adopted, then the name, so the order is stable.
export function sortRows(rows: readonly FigureRow[], sort: Sort): FigureRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (sort.key === 'name') return sign * collator.compare(a.name, b.name) || (a.key ?? 0) - (b.key ?? 0);
    const x = a[sort.key];
    const y = b[sort.key];
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    const byValue = x === null || y === null ? 0 : sign * (x - y);
    return byValue || b.adopted - a.adopted || collator.compare(a.name, b.name) || (a.key ?? 0) - (b.key ?? 0);
  });
}
