import type { ReactNode } from 'react';

// Where a cell goes when the row is a card (narrow screens):
//   title  the card's first line, taking what room there is
//   aside  beside the title, at the end of the first line (a status)
//   meta   a small item on the wrapping line below, with its column's label
//   line   a line of its own, with its column's label
//   plain  a line of its own, without the label (text that says what it is)
//   end    at the end of the last line, without the label (a row's action)
//   hidden not in the card (the same fact is shown elsewhere in it)
export type CardPlace = 'title' | 'aside' | 'meta' | 'line' | 'plain' | 'end' | 'hidden';

export type DataColumn<Row> = {
  key: string;
  // The column's heading, and the cell's label in a card.
  label: string;
  // What the heading shows when it is more than the label (a sort link, a
  // label only screen readers hear).
  header?: ReactNode;
  cell: (row: Row) => ReactNode;
  card?: CardPlace;
  // Classes of the cell at every width (nowrap, tabular figures…).
  className?: string;
  align?: 'end';
  // The cell names its row (a <th scope="row">).
  isRowHeader?: boolean;
  // The list is sorted by this column.
  ariaSort?: 'ascending' | 'descending';
};

type RowAttributes = { className?: string } & Record<`data-${string}`, string | number | undefined>;

export type DataTableProps<Row> = {
  rows: readonly Row[];
  columns: readonly DataColumn<Row>[];
  rowKey: (row: Row) => string | number;
  rowProps?: (row: Row) => RowAttributes;
  // Rows kept at the foot (totals), drawn with the same columns.
  footRows?: readonly Row[];
  // From this width up a table, below it one card a row.
  wideFrom?: 'md' | 'lg';
  // Narrow screens keep the headings as a wrapping row of links (sorting).
  headOnCards?: boolean;
  // A heading column that stays put while a wide table scrolls.
  stickyFirst?: boolean;
  // Headings that stay put while a table of limited height scrolls.
  stickyHead?: boolean;
  className?: string;
  testId?: string;
};

// Each breakpoint written out whole, so Tailwind sees every class.
const layouts = {
  md: {
    wrap: 'md:overflow-x-auto',
    table: 'block md:table',
    headHidden: 'hidden border-b border-line md:table-header-group',
    headCards: 'block border-b border-line md:table-header-group',
    headRowCards: 'flex flex-wrap gap-x-1 gap-y-0.5 px-2 py-1.5 md:table-row md:p-0',
    body: 'block md:table-row-group',
    foot: 'block border-t-2 border-line bg-gray-50 font-semibold text-ink-900 md:table-footer-group',
    // The ::after is the line break between the card's first line and its meta items.
    row: "flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-3 hover:bg-gray-50 after:order-2 after:basis-full after:content-[''] md:table-row md:p-0 md:after:hidden",
    cell: 'md:table-cell md:px-3 md:py-2.5 md:align-middle',
    headCell: 'block md:table-cell md:px-3 md:py-2.5',
    label: 'md:hidden',
    // Meta items are small in a card, body-sized in the table.
    meta: 'text-xs md:text-sm',
    end: 'md:text-right',
    hidden: 'hidden md:table-cell md:px-3 md:py-2.5 md:align-middle',
    sticky: 'md:sticky md:left-0 md:z-10',
    stickyHead: 'md:sticky md:top-0 md:z-20',
  },
  lg: {
    wrap: 'lg:overflow-x-auto',
    table: 'block lg:table',
    headHidden: 'hidden border-b border-line lg:table-header-group',
    headCards: 'block border-b border-line lg:table-header-group',
    headRowCards: 'flex flex-wrap gap-x-1 gap-y-0.5 px-2 py-1.5 lg:table-row lg:p-0',
    body: 'block lg:table-row-group',
    foot: 'block border-t-2 border-line bg-gray-50 font-semibold text-ink-900 lg:table-footer-group',
    row: "flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-3 hover:bg-gray-50 after:order-2 after:basis-full after:content-[''] lg:table-row lg:p-0 lg:after:hidden",
    cell: 'lg:table-cell lg:px-3 lg:py-2.5 lg:align-middle',
    headCell: 'block lg:table-cell lg:px-3 lg:py-2.5',
    label: 'lg:hidden',
    meta: 'text-xs lg:text-sm',
    end: 'lg:text-right',
    hidden: 'hidden lg:table-cell lg:px-3 lg:py-2.5 lg:align-middle',
    sticky: 'lg:sticky lg:left-0 lg:z-10',
    stickyHead: 'lg:sticky lg:top-0 lg:z-20',
  },
} as const;

// The card's parts (phone only: a table cell ignores order and flex sizes).
const place: Record<Exclude<CardPlace, 'hidden'>, string> = {
  title: 'order-0 min-w-0 grow basis-0 font-medium text-ink-900',
  aside: 'order-1 shrink-0',
  meta: 'order-3 min-w-0',
  line: 'order-3 min-w-0 basis-full',
  plain: 'order-3 min-w-0 basis-full',
  end: 'order-4 ml-auto',
};

// A list that is a table on wide screens and a card a row on narrow ones,
// from one set of columns: a new cell or badge is written once, in its
// column, and shows in both. Nothing in it scrolls sideways on a phone.
export function DataTable<Row>({ rows, columns, rowKey, rowProps, footRows, wideFrom = 'md', headOnCards = false, stickyFirst = false, stickyHead = false, className = '', testId }: DataTableProps<Row>) {
  const l = layouts[wideFrom];
  const cellClass = (column: DataColumn<Row>, index: number, background: string) =>
    [
      column.card === 'hidden' ? l.hidden : `${l.cell} ${place[column.card ?? 'meta']} ${(column.card ?? 'meta') === 'meta' ? l.meta : ''}`,
      column.align === 'end' ? l.end : 'text-left',
      stickyFirst && index === 0 ? `${l.sticky} ${background}` : '',
      column.className ?? '',
    ].join(' ');
  const renderRow = (row: Row, background: string, attributes: RowAttributes = {}) => {
    const { className: rowClass = '', ...data } = attributes;
    return (
      <tr key={rowKey(row)} className={`${l.row} ${rowClass}`} {...data}>
        {columns.map((column, index) => {
          const labelled = column.card === 'meta' || column.card === 'line' || column.card === undefined;
          const content = (
            <>
              {labelled && <span className={`mr-1 font-sans font-normal text-ink-500 ${l.label}`}>{column.label}</span>}
              {column.cell(row)}
            </>
          );
          return column.isRowHeader ? (
            <th key={column.key} scope="row" className={`font-medium ${cellClass(column, index, background)}`} data-column={column.key}>
              {content}
            </th>
          ) : (
            <td key={column.key} className={cellClass(column, index, background)} data-column={column.key}>
              {content}
            </td>
          );
        })}
      </tr>
    );
  };
  return (
    <div className={`relative ${l.wrap} ${className}`}>
      <table className={`w-full text-sm ${l.table}`} data-testid={testId}>
        <thead className={`bg-gray-50 text-xs text-ink-500 ${headOnCards ? l.headCards : l.headHidden} ${stickyHead ? l.stickyHead : ''}`}>
          <tr className={headOnCards ? l.headRowCards : ''}>
            {columns.map((column, index) => (
              <th
                key={column.key}
                scope="col"
                aria-sort={column.ariaSort}
                className={`font-medium ${column.card === 'hidden' ? l.hidden : l.headCell} ${column.align === 'end' ? l.end : 'text-left'} ${stickyFirst && index === 0 ? `${l.sticky} bg-gray-50` : ''}`}
              >
                {column.header ?? column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={`divide-y divide-line ${l.body}`}>{rows.map((row) => renderRow(row, 'bg-white', rowProps?.(row)))}</tbody>
        {footRows && footRows.length > 0 && <tfoot className={l.foot}>{footRows.map((row) => renderRow(row, 'bg-gray-50', rowProps?.(row)))}</tfoot>}
      </table>
    </div>
  );
}
