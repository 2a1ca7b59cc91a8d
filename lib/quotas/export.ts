import type { ExportColumn, ExportSheet } from '../stats/export';
import { emptyFigureRow, type FigureRow } from '../stats/figures';
import { sortRows, type Sort } from '../stats/sort';
import type { QuotaStatus } from './pace';
import type { QuotaProgress } from './index';

// The quota columns of the statistics export's units sheet: each unit's
// figures in the quota period (which may differ from the sheet's range),
// its targets, how much of each is done and its status.

export type QuotaColumns = {
  quotaPeriod: string | null;
  quotaAdopted: number | null;
  adoptedTarget: number | null;
  adoptedProgress: number | null;
  quotaPoints: number | null;
  pointsTarget: number | null;
  pointsProgress: number | null;
  quotaStatus: string | null;
};

export type UnitExportRow = FigureRow & QuotaColumns;

// A row without a target (the totals, a unit with none).
const noQuota: QuotaColumns = { quotaPeriod: null, quotaAdopted: null, adoptedTarget: null, adoptedProgress: null, quotaPoints: null, pointsTarget: null, pointsProgress: null, quotaStatus: null };

// The headers, the period's name and the statuses' in the file's language.
export type QuotaExportWords = { headers: { [K in keyof QuotaColumns]: string }; period: string; status: (status: QuotaStatus) => string };

const columns: readonly [keyof QuotaColumns, ExportColumn['kind'], number?][] = [
  ['quotaPeriod', 'text', 14],
  ['quotaAdopted', 'count'],
  ['adoptedTarget', 'count'],
  ['adoptedProgress', 'rate'],
  ['quotaPoints', 'decimal'],
  ['pointsTarget', 'decimal'],
  ['pointsProgress', 'rate'],
  ['quotaStatus', 'text', 12],
];

// The units sheet with its quota columns. A unit with a target but nothing
// in the sheet's range still gets its row: a unit with nothing adopted is
// the one most behind.
export function withQuotaColumns(sheet: ExportSheet<FigureRow>, progress: QuotaProgress, words: QuotaExportWords, sort: Sort): ExportSheet<UnitExportRow> {
  const present = new Set(sheet.rows.map((row) => row.key));
  const added = progress.units.filter((unit) => !present.has(unit.unitId)).map((unit) => emptyFigureRow(unit.unitId, unit.name));
  const byUnit = new Map(progress.units.map((unit) => [unit.unitId, unit]));
  const rows = sortRows([...sheet.rows, ...added], sort).map((row): UnitExportRow => {
    const unit = row.key === null ? undefined : byUnit.get(row.key);
    if (!unit) return { ...row, ...noQuota };
    return {
      ...row,
      quotaPeriod: words.period,
      quotaAdopted: unit.adopted?.actual ?? null,
      adoptedTarget: unit.adopted?.target ?? null,
      adoptedProgress: unit.adopted?.ratio ?? null,
      quotaPoints: unit.points?.actual ?? null,
      pointsTarget: unit.points?.target ?? null,
      pointsProgress: unit.points?.ratio ?? null,
      quotaStatus: words.status(unit.status),
    };
  });
  return {
    ...sheet,
    columns: [...sheet.columns, ...columns.map(([key, kind, width]) => ({ key, kind, header: words.headers[key], ...(width ? { width } : {}) }))],
    rows,
    totals: sheet.totals && { ...sheet.totals, ...noQuota },
  };
}
