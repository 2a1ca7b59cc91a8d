import Link from 'next/link';
import { DataTable, type DataColumn } from '@/components/ui/data-table';
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
// On a phone each person or unit is a card and the headers a row of sort links.
export function FiguresTable({ rows, totals, columns, sort, sortHref, labels, detail, reportHref, testId, locale }: FiguresTableProps) {
  if (rows.length === 0) return <p className="p-6 text-sm text-ink-500">{labels.empty}</p>;
  const totalsRow: FigureRow = { ...totals, name: labels.totals };
  const figureColumns: DataColumn<FigureRow>[] = columns.map((column) => {
    const active = sort.key === column.key;
    const next: Sort = { key: column.key, dir: active ? (sort.dir === 'asc' ? 'desc' : 'asc') : column.kind === 'text' ? 'asc' : 'desc' };
    const header = (
      <Link href={sortHref(next)} className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 hover:text-ink-900 lg:px-0 lg:py-0 ${active ? 'bg-white text-ink-900 lg:bg-transparent' : ''}`} scroll={false}>
        {column.label}
        <span aria-hidden className="text-[10px]">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
        </span>
        {active && <span className="sr-only">{sort.dir === 'asc' ? labels.sortedAsc : labels.sortedDesc}</span>}
      </Link>
    );
    const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
    if (column.kind === 'text') {
      return {
        key: column.key,
        label: column.label,
        header,
        ariaSort,
        card: 'title',
        isRowHeader: true,
        cell: (row) => {
          const sub = row === totalsRow ? null : detail?.(row);
          return (
            <>
              {row.name}
              {sub && <span className="block text-xs font-normal text-ink-500">{sub}</span>}
            </>
          );
        },
      };
    }
    return {
      key: column.key,
      label: column.label,
      header,
      ariaSort,
      align: 'end',
      className: column.key === 'points' ? 'font-semibold text-ink-900' : 'text-ink-700',
      cell: (row) => formatFigure(row[column.key] as number | null, column.kind, locale),
    };
  });
  if (reportHref) {
    figureColumns.push({
      key: 'report',
      label: labels.report,
      header: <span className="sr-only">{labels.report}</span>,
      card: 'aside',
      align: 'end',
      cell: (row) => {
        const report = row === totalsRow ? null : reportHref(row);
        return (
          report && (
            <Link href={report} className="text-xs whitespace-nowrap text-brand-700 hover:underline">
              {labels.report}
            </Link>
          )
        );
      },
    });
  }
  return (
    <DataTable
      rows={rows}
      footRows={[totalsRow]}
      columns={figureColumns}
      rowKey={(row) => (row === totalsRow ? 'totals' : (row.key ?? 'none'))}
      rowProps={(row) => (row === totalsRow ? { 'data-testid': `${testId}-totals` } : {})}
      wideFrom="lg"
      headOnCards
      stickyFirst
      className="tabular-nums"
      testId={testId}
    />
  );
}
