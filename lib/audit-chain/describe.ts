import type { ChainBreak } from './canonical';

// Pure: a break in plain English, for the command line and the log. The page
// words it from the message catalogs.
const reasons: Record<ChainBreak['reason'], string> = {
  altered: 'its content or hash is not what was written',
  unlinked: 'it does not follow the row before it: that row was altered and its hash recomputed, or rows between them were removed',
  start: 'the oldest row does not follow the last row the retention job removed: rows were removed from the start',
  end: 'rows are missing after it: the newest rows were removed',
  algorithm: 'it names no known hash algorithm',
  base: "the retention job's record of what it removed does not match the chain",
};

export function describeBreak(at: ChainBreak): string {
  const where = at.id === null ? `${at.table} (no row)` : `${at.table} row ${at.id}${at.createdAt ? ` of ${at.createdAt}` : ''}`;
  const previous = at.previousId === undefined ? '' : ` (the row before is ${at.previousId})`;
  return `${where}${previous}: ${reasons[at.reason]}`;
}
