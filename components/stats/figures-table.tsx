import Link from 'next/link';
import type { FigureRow } from '@/lib/stats/figures';
import type { Sort, SortKey } from '@/lib/stats/sort';

export type FigureColumn = { key: SortKey; label: string; kind: 'text' | 'count' | 'rate' | 'decimal' };

export type FiguresTableProps = {
  rows: FigureRow[];
  totals: FigureRow;
  columns: FigureColumn[];
  sort: Sort;
  // The address that sorts by a column (the next direction decided here).
  sortHref: (sort: Sort) => string;
  labels: { totals: string; sortedAsc: string; sortedDesc: string; empty: string; report: string };
  // Under the name: the unit or the username.
  detail?: (row: FigureRow) => string | null;
  reportHref?: (row: FigureRow) => string | null;
  testId: string;
  locale: string;
};

export function formatFigure(value: number | null, kind: FigureColumn['kind'], locale: string): string {
  if (value === null) return '—';
  if (kind === 'rate') return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  if (kind === 'decimal') return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

// A statistics table: every header sorts (a link, so it works without
// script and the address says the order), the totals row stays at the foot.
export function FiguresTable({ rows, totals, columns, sort, sortHref, labels, detail, reportHref, testId, locale }: FiguresTableProps) {
  if (rows.length === 0) return <p className="p-6 text-sm text-ink-500">{labels.empty}</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[60rem] text-sm tabular-nums" data-testid={testId}>
        <thead className="border-b border-line bg-gray-50 text-xs text-ink-500">
          <tr>
            {columns.map((column) => {
              const active = sort.key === column.key;
              const next: Sort = { key: column.key, dir: active ? (sort.dir === 'asc' ? 'desc' : 'asc') : column.kind === 'text' ? 'asc' : 'desc' };
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                  className={`px-3 py-2.5 font-medium ${column.kind === 'text' ? 'sticky left-0 z-10 bg-gray-50 text-left' : 'text-right'}`}
                >
                  <Link href={sortHref(next)} className={`inline-flex items-center gap-1 hover:text-ink-900 ${active ? 'text-ink-900' : ''}`} scroll={false}>
                    {column.label}
                    <span aria-hidden className="text-[10px]">
                      {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </span>
                    {active && <span className="sr-only">{sort.dir === 'asc' ? labels.sortedAsc : labels.sortedDesc}</span>}
                  </Link>
                </th>
              );
            })}
            {reportHref && (
              <th scope="col" className="px-3 py-2.5 text-right font-medium">
                <span className="sr-only">{labels.report}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((row) => {
            const sub = detail?.(row);
            const report = reportHref?.(row);
            return (
              <tr key={row.key ?? 'none'} className="hover:bg-gray-50/60">
                {columns.map((column) =>
                  column.kind === 'text' ? (
                    <th key={column.key} scope="row" className="sticky left-0 z-10 bg-white px-3 py-2 text-left font-medium text-ink-900">
                      {row.name}
                      {sub && <span className="block text-xs font-normal text-ink-500">{sub}</span>}
                    </th>
                  ) : (
                    <td key={column.key} className={`px-3 py-2 text-right ${column.key === 'points' ? 'font-semibold text-ink-900' : 'text-ink-700'}`}>
                      {formatFigure(row[column.key] as number | null, column.kind, locale)}
                    </td>
                  ),
                )}
                {reportHref && (
                  <td className="px-3 py-2 text-right">
                    {report && (
                      <Link href={report} className="whitespace-nowrap text-xs text-brand-700 hover:underline">
                        {labels.report}
                      </Link>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
        <tfoot className="border-t-2 border-line bg-gray-50 font-semibold text-ink-900">
          <tr data-testid={`${testId}-totals`}>
            {columns.map((column) =>
              column.kind === 'text' ? (
                <th key={column.key} scope="row" className="sticky left-0 z-10 bg-gray-50 px-3 py-2.5 text-left">
                  {labels.totals}
                </th>
              ) : (
                <td key={column.key} className="px-3 py-2.5 text-right">
                  {formatFigure(totals[column.key] as number | null, column.kind, locale)}
                </td>
              ),
            )}
            {reportHref && <td />}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
