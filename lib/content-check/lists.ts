import 'server-only';
import ExcelJS from 'exceljs';
import { and, asc, count, eq, gt, ilike, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import { wordEntries, wordLists, wordListCategory, type WordEntry, type WordList, type WordListCategory } from '@/db/schema';
import { getDb, type Db, type Tx } from '@/db/client';
import { auditActor } from '../actors';
import { recordAudit } from '../audit';
import { AppError, fieldErrorsFrom, takenAsFieldError, validationError } from '../errors';
import { typedText } from '../text-input';
import { toCsv, toXlsx, type ExportSheet } from '../stats/export';
import { requirePermission, type Viewer } from '../viewer';
import { entriesFromRows, entryFromCells, exportCells, exportLine, EXPORT_COLUMNS, IMPORT_MAX_ROWS, rowsFromCsv, rowsFromText, type EntryInput, type InvalidLine } from './import-format';
import { bumpRevision } from './internal/compiled';

// The word lists at /admin/words (words:manage): lists, their entries, import
// and export. Every change is audited and bumps the revision every instance
// compares its compiled matcher against.

export type WordListRow = WordList & { entryCount: number };

const listInput = z.object({
  name: typedText().trim().min(1, 'required').max(60, 'too_long'),
  category: z.enum(wordListCategory.enumValues, { error: 'required' }),
});

const LIST_TAKEN = [{ field: 'name', key: 'word_list_name_taken' }];

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(fieldErrorsFrom(parsed.error));
  return parsed.data;
}

async function lockedList(tx: Tx, id: number): Promise<WordList> {
  const [list] = await tx.select().from(wordLists).where(eq(wordLists.id, id)).for('update').limit(1);
  if (!list) throw new AppError('not_found', `word list ${id}`);
  return list;
}

async function touch(tx: Tx, listId: number): Promise<void> {
  await tx.update(wordLists).set({ updatedAt: new Date() }).where(eq(wordLists.id, listId));
  await bumpRevision(tx);
}

export async function listWordLists(viewer: Viewer): Promise<WordListRow[]> {
  requirePermission(viewer, 'words:manage');
  const db = await getDb();
  const rows = await db
    .select({ list: wordLists, entryCount: count(wordEntries.id) })
    .from(wordLists)
    .leftJoin(wordEntries, eq(wordEntries.listId, wordLists.id))
    .groupBy(wordLists.id)
    .orderBy(asc(wordLists.category), asc(wordLists.name));
  return rows.map((r) => ({ ...r.list, entryCount: r.entryCount }));
}

export async function getWordList(viewer: Viewer, id: number): Promise<WordListRow> {
  requirePermission(viewer, 'words:manage');
  const db = await getDb();
  const [list] = await db.select().from(wordLists).where(eq(wordLists.id, id)).limit(1);
  if (!list) throw new AppError('not_found', `word list ${id}`);
  const [n] = await db.select({ n: count() }).from(wordEntries).where(eq(wordEntries.listId, id));
  return { ...list, entryCount: n?.n ?? 0 };
}

export async function createWordList(viewer: Viewer, input: unknown): Promise<WordList> {
  requirePermission(viewer, 'words:manage');
  const data = parse(listInput, input);
  const db = await getDb();
  return takenAsFieldError(LIST_TAKEN, () =>
    db.transaction(async (tx) => {
      const [list] = await tx.insert(wordLists).values(data).returning();
      await bumpRevision(tx);
      await recordAudit(tx, { ...auditActor(viewer), action: 'words.list_create', targetType: 'word_list', targetId: list!.id, meta: { name: data.name, category: data.category } });
      return list!;
    }),
  );
}

const renameInput = z.object({ name: listInput.shape.name });

// A list keeps its category: its entries were checked for it.
export async function renameWordList(viewer: Viewer, id: number, input: unknown): Promise<WordList> {
  requirePermission(viewer, 'words:manage');
  const { name } = parse(renameInput, input);
  const db = await getDb();
  return takenAsFieldError(LIST_TAKEN, () =>
    db.transaction(async (tx) => {
      const before = await lockedList(tx, id);
      const [list] = await tx.update(wordLists).set({ name, updatedAt: new Date() }).where(eq(wordLists.id, id)).returning();
      await bumpRevision(tx);
      await recordAudit(tx, { ...auditActor(viewer), action: 'words.list_update', targetType: 'word_list', targetId: id, meta: { from: { name: before.name }, to: { name } } });
      return list!;
    }),
  );
}

export async function setWordListEnabled(viewer: Viewer, id: number, enabled: boolean): Promise<WordList> {
  requirePermission(viewer, 'words:manage');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = await lockedList(tx, id);
    if (before.isEnabled === enabled) return before;
    const [list] = await tx.update(wordLists).set({ isEnabled: enabled, updatedAt: new Date() }).where(eq(wordLists.id, id)).returning();
    await bumpRevision(tx);
    await recordAudit(tx, { ...auditActor(viewer), action: enabled ? 'words.list_enable' : 'words.list_disable', targetType: 'word_list', targetId: id, meta: { name: before.name } });
    return list!;
  });
}

export async function deleteWordList(viewer: Viewer, id: number): Promise<void> {
  requirePermission(viewer, 'words:manage');
  const db = await getDb();
  await db.transaction(async (tx) => {
    const list = await lockedList(tx, id);
    const [n] = await tx.select({ n: count() }).from(wordEntries).where(eq(wordEntries.listId, id));
    await tx.delete(wordLists).where(eq(wordLists.id, id));
    await bumpRevision(tx);
    await recordAudit(tx, { ...auditActor(viewer), action: 'words.list_delete', targetType: 'word_list', targetId: id, meta: { name: list.name, category: list.category, entries: n?.n ?? 0 } });
  });
}

export const ENTRIES_PAGE_SIZE = 50;

export type EntriesPage = { entries: WordEntry[]; total: number; page: number; pageSize: number };

// Ordered by id (its index with the list's), searched by a part of the word
// or title; a page is an offset, cheap at tens of thousands.
export async function listWordEntries(viewer: Viewer, listId: number, options: { q?: string; page?: number } = {}): Promise<EntriesPage> {
  requirePermission(viewer, 'words:manage');
  const db = await getDb();
  const q = (options.q ?? '').trim().slice(0, WORD_SEARCH_MAX);
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = q ? and(eq(wordEntries.listId, listId), or(ilike(wordEntries.word, like), ilike(wordEntries.title, like), ilike(wordEntries.replacement, like))) : eq(wordEntries.listId, listId);
  const [n] = await db.select({ n: count() }).from(wordEntries).where(where);
  const total = n?.n ?? 0;
  const lastPage = Math.max(1, Math.ceil(total / ENTRIES_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1) || 1), lastPage);
  const entries = await db
    .select()
    .from(wordEntries)
    .where(where)
    .orderBy(asc(wordEntries.id))
    .limit(ENTRIES_PAGE_SIZE)
    .offset((page - 1) * ENTRIES_PAGE_SIZE);
  return { entries, total, page, pageSize: ENTRIES_PAGE_SIZE };
}

const WORD_SEARCH_MAX = 100;

const entryForm = z.object({
  word: typedText().default(''),
  replacement: typedText().default(''),
  title: typedText().default(''),
  // Checked with the rest by entryFromCells; only a name's form sends it.
  position: typedText().default(''),
  validFrom: typedText().default(''),
  validTo: typedText().default(''),
});

const ENTRY_FIELD: Record<string, string> = {
  empty_word: 'word',
  too_long: 'word',
  replacement_required: 'replacement',
  same_replacement: 'replacement',
  title_required: 'title',
  position_invalid: 'position',
  date_invalid: 'validFrom',
  date_order: 'validTo',
};

function parseEntry(input: unknown, category: WordListCategory): EntryInput {
  const form = parse(entryForm, input);
  const entry = entryFromCells([form.word, form.replacement, form.title, form.position, form.validFrom, form.validTo], category);
  if (typeof entry === 'string') throw validationError({ [ENTRY_FIELD[entry] ?? 'word']: `word_${entry}` });
  return entry;
}

const ENTRY_TAKEN = [{ field: 'word', key: 'word_entry_taken' }];

function entryMeta(entry: Pick<EntryInput, 'word' | 'replacement' | 'title'>) {
  return { word: entry.word, ...(entry.replacement ? { replacement: entry.replacement } : {}), ...(entry.title ? { title: entry.title } : {}) };
}

export async function addWordEntry(viewer: Viewer, listId: number, input: unknown): Promise<WordEntry> {
  requirePermission(viewer, 'words:manage');
  const db = await getDb();
  return takenAsFieldError(ENTRY_TAKEN, () =>
    db.transaction(async (tx) => {
      const list = await lockedList(tx, listId);
      const entry = parseEntry(input, list.category);
      const [row] = await tx.insert(wordEntries).values({ ...entry, listId }).returning();
      await touch(tx, listId);
      await recordAudit(tx, { ...auditActor(viewer), action: 'words.entry_add', targetType: 'word_list', targetId: listId, meta: { name: list.name, ...entryMeta(entry) } });
      return row!;
    }),
  );
}

export async function updateWordEntry(viewer: Viewer, entryId: number, input: unknown): Promise<WordEntry> {
  requirePermission(viewer, 'words:manage');
  const db = await getDb();
  return takenAsFieldError(ENTRY_TAKEN, () =>
    db.transaction(async (tx) => {
      const [before] = await tx.select().from(wordEntries).where(eq(wordEntries.id, entryId)).limit(1);
      if (!before) throw new AppError('not_found', `word entry ${entryId}`);
      const list = await lockedList(tx, before.listId);
      const entry = parseEntry(input, list.category);
      const [row] = await tx.update(wordEntries).set(entry).where(eq(wordEntries.id, entryId)).returning();
      await touch(tx, list.id);
      await recordAudit(tx, { ...auditActor(viewer), action: 'words.entry_update', targetType: 'word_list', targetId: list.id, meta: { name: list.name, from: entryMeta(before), to: entryMeta(entry) } });
      return row!;
    }),
  );
}

export async function deleteWordEntry(viewer: Viewer, entryId: number): Promise<void> {
  requirePermission(viewer, 'words:manage');
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(wordEntries).where(eq(wordEntries.id, entryId)).limit(1);
    if (!before) throw new AppError('not_found', `word entry ${entryId}`);
    const list = await lockedList(tx, before.listId);
    await tx.delete(wordEntries).where(eq(wordEntries.id, entryId));
    await touch(tx, list.id);
    await recordAudit(tx, { ...auditActor(viewer), action: 'words.entry_delete', targetType: 'word_list', targetId: list.id, meta: { name: list.name, ...entryMeta(before) } });
  });
}

// ——— Import and export ———

export type ImportFormat = 'txt' | 'csv' | 'xlsx';
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export type ImportSummary = { rows: number; added: number; duplicates: number; invalid: InvalidLine[]; invalidCount: number };

// The format by the file's name; .xlsx is also recognised by its bytes (a zip).
export function importFormatOf(name: string, bytes: Uint8Array): ImportFormat | null {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'xlsx') return bytes[0] === 0x50 && bytes[1] === 0x4b ? 'xlsx' : null;
  if (ext === 'csv') return 'csv';
  if (ext === 'txt' || ext === undefined) return 'txt';
  return null;
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Windows Notepad and Excel in China save GBK/GB18030.
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function rowsFromXlsx(bytes: Uint8Array): Promise<{ line: number; cells: string[] }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw validationError({ file: 'word_file_unreadable' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= EXPORT_COLUMNS.length; c++) {
      const value = row.getCell(c).value;
      cells.push(value instanceof Date ? value.toISOString().slice(0, 10) : value === null || value === undefined ? '' : typeof value === 'object' && 'text' in value ? String(value.text) : String(value));
    }
    rows.push({ line, cells });
  });
  return rows;
}

async function parseFile(file: { name: string; bytes: Uint8Array }, category: WordListCategory) {
  if (file.bytes.byteLength === 0) throw validationError({ file: 'file_empty' });
  if (file.bytes.byteLength > IMPORT_MAX_BYTES) throw validationError({ file: 'word_file_too_large' });
  const format = importFormatOf(file.name, file.bytes);
  if (!format) throw validationError({ file: 'word_file_format' });
  const rows = format === 'xlsx' ? await rowsFromXlsx(file.bytes) : format === 'csv' ? rowsFromCsv(decodeText(file.bytes)) : rowsFromText(decodeText(file.bytes), category);
  if (rows.length > IMPORT_MAX_ROWS) throw validationError({ file: 'word_file_too_many' });
  return { rows: rows.filter((r) => r.cells.some((c) => c.trim())).length, parsed: entriesFromRows(rows, category) };
}

// Shown invalid lines: the first hundred (the count says how many in all).
const INVALID_SHOWN = 100;
// Seven parameters a row: 5,000 rows stay well under PostgreSQL's 65,535.
const INSERT_BATCH = 5000;

// Reads the file and, unless `dryRun`, adds its new entries (an entry the
// list holds already counts as a duplicate), in one transaction, audited with
// its counts. The preview is the same without the write.
export async function importWordEntries(viewer: Viewer, listId: number, file: { name: string; bytes: Uint8Array }, options: { dryRun: boolean }): Promise<ImportSummary> {
  requirePermission(viewer, 'words:manage');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const list = options.dryRun ? await readList(tx, listId) : await lockedList(tx, listId);
    const { rows, parsed } = await parseFile(file, list.category);
    let added = 0;
    for (let i = 0; i < parsed.entries.length; i += INSERT_BATCH) {
      const batch = parsed.entries.slice(i, i + INSERT_BATCH).map(({ line: _line, ...entry }) => ({ ...entry, listId }));
      if (options.dryRun) {
        const existing = await tx
          .select({ word: wordEntries.word, title: wordEntries.title })
          .from(wordEntries)
          .where(and(eq(wordEntries.listId, listId), inArray(wordEntries.word, batch.map((e) => e.word))));
        const held = new Set(existing.map((e) => `${e.word}\u0000${e.title}`));
        added += batch.filter((e) => !held.has(`${e.word}\u0000${e.title}`)).length;
      } else {
        const inserted = await tx.insert(wordEntries).values(batch).onConflictDoNothing().returning({ id: wordEntries.id });
        added += inserted.length;
      }
    }
    const summary: ImportSummary = {
      rows,
      added,
      duplicates: parsed.duplicates + parsed.entries.length - added,
      invalid: parsed.invalid.slice(0, INVALID_SHOWN),
      invalidCount: parsed.invalid.length,
    };
    if (!options.dryRun) {
      if (added > 0) await touch(tx, listId);
      await recordAudit(tx, {
        ...auditActor(viewer),
        action: 'words.import',
        targetType: 'word_list',
        targetId: listId,
        meta: { name: list.name, file: file.name.slice(0, 100), added, duplicates: summary.duplicates, invalid: summary.invalidCount },
      });
    }
    return summary;
  });
}

async function readList(db: Db | Tx, id: number): Promise<WordList> {
  const [list] = await db.select().from(wordLists).where(eq(wordLists.id, id)).limit(1);
  if (!list) throw new AppError('not_found', `word list ${id}`);
  return list;
}

export type WordExport = { filename: string; contentType: string; body: Uint8Array | string };

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string>;

// The whole list in one of the import's formats (read back unchanged),
// recorded in the audit trail: a list of forbidden words is itself sensitive.
export async function exportWordList(viewer: Viewer, listId: number, format: ImportFormat): Promise<WordExport> {
  requirePermission(viewer, 'words:manage');
  const db = await getDb();
  const list = await readList(db, listId);
  const entries: WordEntry[] = [];
  for (let after = 0; ; ) {
    const batch = await db.select().from(wordEntries).where(and(eq(wordEntries.listId, listId), gt(wordEntries.id, after))).orderBy(asc(wordEntries.id)).limit(5000);
    entries.push(...batch);
    if (batch.length < 5000) break;
    after = batch[batch.length - 1]!.id;
  }
  await recordAudit(db, { ...auditActor(viewer), action: 'words.export', targetType: 'word_list', targetId: listId, meta: { name: list.name, format, entries: entries.length } });
  const base = `word-list-${listId}`;
  if (format === 'txt') {
    return { filename: `${base}.txt`, contentType: 'text/plain; charset=utf-8', body: `${entries.map((e) => exportLine(e, list.category)).join('\r\n')}\r\n` };
  }
  const sheet: ExportSheet<ExportRow> = {
    title: list.name,
    columns: EXPORT_COLUMNS.map((key) => ({ key, header: key, kind: 'text' as const, width: key === 'word' || key === 'title' || key === 'replacement' ? 24 : 12 })),
    rows: entries.map((e) => Object.fromEntries(EXPORT_COLUMNS.map((key, i) => [key, exportCells(e, list.category)[i]!])) as ExportRow),
  };
  if (format === 'csv') return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(sheet) };
  return { filename: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: new Uint8Array(await toXlsx([sheet])) };
}
