import type { ListCategory } from './matcher';

// Pure: word lists as files. Text has one entry per line (a correction as
// `wrong<TAB>right`, `wrong=>right` or `wrong→right`; a name as
// `name<TAB>title[<TAB>before|after[<TAB>from<TAB>to]]`); CSV and the first
// sheet of an .xlsx have the columns word, replacement, title, position,
// valid_from, valid_to (a header row is recognised and skipped).

export type EntryInput = {
  word: string;
  replacement: string;
  title: string;
  titleBefore: boolean;
  validFrom: string | null;
  validTo: string | null;
};

export type InvalidLine = { line: number; reason: EntryProblem };

export type EntryProblem = 'empty_word' | 'too_long' | 'replacement_required' | 'same_replacement' | 'title_required' | 'position_invalid' | 'date_invalid' | 'date_order';

export type ParsedEntries = { entries: (EntryInput & { line: number })[]; invalid: InvalidLine[]; duplicates: number };

export const WORD_MAX = 100;
export const IMPORT_MAX_ROWS = 200_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HEADER_WORDS = new Set(['word', '词', '词语', '词条']);

function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

// Spreadsheets write dates as 2026/1/5 or 2026年1月5日 too.
function normalizeDate(value: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : value.trim();
}

// One entry from its cells, checked for its list's category.
export function entryFromCells(cells: readonly string[], category: ListCategory): EntryInput | EntryProblem {
  const [word = '', replacement = '', title = '', position = '', from = '', to = ''] = cells.map((c) => c.trim().replace(/^'(?=[=+\-@])/, ''));
  if (!word) return 'empty_word';
  if (word.length > WORD_MAX || replacement.length > WORD_MAX || title.length > WORD_MAX) return 'too_long';
  const entry: EntryInput = { word, replacement: '', title: '', titleBefore: true, validFrom: null, validTo: null };
  if (category === 'correction') {
    if (!replacement) return 'replacement_required';
    if (replacement === word) return 'same_replacement';
    entry.replacement = replacement;
  }
  if (category === 'name') {
    if (!title) return 'title_required';
    const pos = position.toLowerCase();
    if (pos && !['before', 'after', '前', '后'].includes(pos)) return 'position_invalid';
    entry.title = title;
    entry.titleBefore = !(pos === 'after' || pos === '后');
    const validFrom = from ? normalizeDate(from) : '';
    const validTo = to ? normalizeDate(to) : '';
    if ((validFrom && !isDate(validFrom)) || (validTo && !isDate(validTo))) return 'date_invalid';
    if (validFrom && validTo && validFrom > validTo) return 'date_order';
    entry.validFrom = validFrom || null;
    entry.validTo = validTo || null;
  }
  return entry;
}

// Rows of cells to entries: blank rows skipped, a header skipped, repeats
// within the file counted as duplicates (the first one kept).
export function entriesFromRows(rows: readonly { line: number; cells: string[] }[], category: ListCategory): ParsedEntries {
  const out: ParsedEntries = { entries: [], invalid: [], duplicates: 0 };
  const seen = new Set<string>();
  rows.forEach(({ line, cells }, index) => {
    if (cells.every((c) => !c.trim())) return;
    if (index === 0 && HEADER_WORDS.has(cells[0]!.trim().toLowerCase())) return;
    const entry = entryFromCells(cells, category);
    if (typeof entry === 'string') {
      out.invalid.push({ line, reason: entry });
      return;
    }
    const key = `${entry.word}\u0000${entry.title}`;
    if (seen.has(key)) {
      out.duplicates++;
      return;
    }
    seen.add(key);
    out.entries.push({ ...entry, line });
  });
  return out;
}

const TEXT_SEPARATOR = /\t|=>|→|＝>/;

// Lines to the CSV's columns: a correction's right form is its second
// column, a name's title (then position and dates) its third.
export function rowsFromText(text: string, category: ListCategory): { line: number; cells: string[] }[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, i) => {
      // A plain list's line is its word; anything after a tab is a note and left out.
      const [word = '', ...rest] = category === 'correction' || category === 'name' ? raw.split(TEXT_SEPARATOR) : [raw.split('\t')[0]!];
      return { line: i + 1, cells: category === 'name' ? [word, '', ...rest] : [word, ...rest] };
    });
}

// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
export function rowsFromCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  const src = text.replace(/^\uFEFF/, '');
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}

export const EXPORT_COLUMNS = ['word', 'replacement', 'title', 'position', 'valid_from', 'valid_to'] as const;

// An entry as its export row (the columns above).
export function exportCells(entry: EntryInput, category: ListCategory): string[] {
  if (category !== 'name') return [entry.word, entry.replacement, '', '', '', ''];
  return [entry.word, '', entry.title, entry.titleBefore ? 'before' : 'after', entry.validFrom ?? '', entry.validTo ?? ''];
}

// The text format, read back by rowsFromText.
export function exportLine(entry: EntryInput, category: ListCategory): string {
  if (category === 'correction') return `${entry.word}\t${entry.replacement}`;
  if (category === 'name') return [entry.word, entry.title, entry.titleBefore ? 'before' : 'after', entry.validFrom ?? '', entry.validTo ?? ''].join('\t').replace(/\t+$/, '');
  return entry.word;
}
