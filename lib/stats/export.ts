import ExcelJS from 'exceljs';
import type { FigureRow } from './figures';

// Tables as files: .xlsx (one sheet per table) and .csv (UTF-8 with a
// byte-order mark, which is how Excel knows the Chinese is UTF-8), for the
// statistics and the audit trail's export. Headers come translated from the
// caller. Pure apart from ExcelJS's own buffer writing.

export type ExportTable = 'correspondents' | 'units';

export type ExportColumn<R = FigureRow> = { key: keyof R & string; header: string; kind: 'text' | 'count' | 'rate' | 'decimal'; width?: number };

// `totals` adds a last row in bold (the statistics); the audit trail has none.
export type ExportSheet<R = FigureRow> = { title: string; columns: ExportColumn<R>[]; rows: R[]; totals?: R; totalsLabel?: string };

function cellValue<R>(row: R, column: ExportColumn<R>): string | number | null {
  const value = row[column.key];
  if (value === null || value === undefined) return null;
  if (column.kind === 'rate') return Math.round(Number(value) * 10_000) / 10_000;
  if (column.kind === 'decimal') return Math.round(Number(value) * 100) / 100;
  return value as string | number;
}

function totalsRow<R>(sheet: ExportSheet<R>, totals: R): (string | number | null)[] {
  return sheet.columns.map((column, i) => (i === 0 ? (sheet.totalsLabel ?? '') : column.kind === 'text' ? '' : cellValue(totals, column)));
}

// Each sheet has rows of its own kind (a tuple of sheets, one row type each).
export async function toXlsx<T extends unknown[]>(sheets: [...{ [K in keyof T]: ExportSheet<T[K]> }]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  for (const sheet of sheets as ExportSheet<Record<string, unknown>>[]) {
    // Sheet names: at most 31 characters, none of : \ / ? * [ ].
    const ws = workbook.addWorksheet(sheet.title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
    ws.columns = sheet.columns.map((column) => ({
      header: column.header,
      key: String(column.key),
      width: column.width ?? (column.kind === 'text' ? 18 : 12),
      style: column.kind === 'rate' ? { numFmt: '0.0%' } : column.kind === 'decimal' ? { numFmt: '0.00' } : {},
    }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of sheet.rows) ws.addRow(sheet.columns.map((column) => cellValue(row, column)));
    if (sheet.totals) ws.addRow(totalsRow(sheet, sheet.totals)).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// A spreadsheet reads a cell starting with = + - @ as a formula; such text
// is prefixed with an apostrophe so a name can never run as one.
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<R>(sheet: ExportSheet<R>): string {
  const lines = [sheet.columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of sheet.rows) lines.push(sheet.columns.map((column) => csvCell(cellValue(row, column))).join(','));
  if (sheet.totals) lines.push(totalsRow(sheet, sheet.totals).map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
