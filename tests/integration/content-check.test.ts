import { and, asc, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, storyEvents } from '@/db/schema';
import {
  addWordEntry,
  checkStoryText,
  createWordList,
  deleteWordEntry,
  deleteWordList,
  exportWordList,
  importWordEntries,
  listWordEntries,
  listWordLists,
  renameWordList,
  setWordListEnabled,
  updateWordEntry,
} from '@/lib/content-check';
import { createCompiledCache } from '@/lib/content-check/internal/compiled';
import { isAppError } from '@/lib/errors';
import { getReviewSheet } from '@/lib/review-sheet';
import { claimStory, createStory, getVisibleStory, publishStory, saveStory, submitStory } from '@/lib/stories';
import { createAdmin, createColumn, createCorrespondent, createEditor, expectAppError, STORY_BODY_HTML, uniqueToken, type TestUser } from '../support/factories';

// Word lists through lib/ on PostgreSQL: their administration (audited),
// import and export, the reload every instance notices, and the two gates a
// story passes: submit and sign-off. The words are invented and carry a
// token, so no other test's text can hit them.

const token = uniqueToken().replace(/[^a-z0-9]/gi, '').slice(-6);
const FORBIDDEN = `禁用测试词${token}`;
const CAUTION = `慎用测试词${token}`;

let admin: TestUser;
let editor: TestUser;
let author: TestUser;
let columnId: number;
const listIds: number[] = [];

beforeAll(async () => {
  [admin, editor, author] = await Promise.all([createAdmin(), createEditor(), createCorrespondent()]);
  columnId = (await createColumn()).id;
  const forbidden = await createWordList(admin.viewer, { name: `禁用 ${token}`, category: 'forbidden' });
  const caution = await createWordList(admin.viewer, { name: `慎用 ${token}`, category: 'caution' });
  listIds.push(forbidden.id, caution.id);
  await addWordEntry(admin.viewer, forbidden.id, { word: FORBIDDEN });
  await addWordEntry(admin.viewer, caution.id, { word: CAUTION });
});

afterAll(async () => {
  for (const id of listIds) await deleteWordList(admin.viewer, id).catch(() => {});
});

async function auditActions(listId: number): Promise<string[]> {
  const db = await getDb();
  const rows = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, 'word_list'), eq(auditLog.targetId, String(listId)))).orderBy(asc(auditLog.id));
  return rows.map((r) => r.action);
}

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

describe('word lists', () => {
  test('are kept by administrators of the system duty only, every change audited', async () => {
    await expectAppError(createWordList(editor.viewer, { name: 'x', category: 'forbidden' }), 'forbidden');
    await expectAppError(createWordList(admin.viewer, { name: `禁用 ${token}`, category: 'caution' }), 'validation', { name: 'word_list_name_taken' });
    const list = await createWordList(admin.viewer, { name: `更正 ${token}`, category: 'correction' });
    listIds.push(list.id);
    await expectAppError(addWordEntry(admin.viewer, list.id, { word: '既使' }), 'validation', { replacement: 'word_replacement_required' });
    // As the page's form sends it: every field, the unused ones empty.
    const entry = await addWordEntry(admin.viewer, list.id, { word: '既使', replacement: '即使', title: '', position: '', validFrom: '', validTo: '' });
    await expectAppError(addWordEntry(admin.viewer, list.id, { word: '既使', replacement: '即使' }), 'validation', { word: 'word_entry_taken' });
    await updateWordEntry(admin.viewer, entry.id, { word: '既使', replacement: '即便' });
    await renameWordList(admin.viewer, list.id, { name: `更正改名 ${token}` });
    await setWordListEnabled(admin.viewer, list.id, false);
    await setWordListEnabled(admin.viewer, list.id, true);
    await deleteWordEntry(admin.viewer, entry.id);
    expect(await auditActions(list.id)).toEqual(['words.list_create', 'words.entry_add', 'words.entry_update', 'words.list_update', 'words.list_disable', 'words.list_enable', 'words.entry_delete']);
    expect((await listWordLists(admin.viewer)).find((l) => l.id === list.id)).toMatchObject({ name: `更正改名 ${token}`, entryCount: 0, isEnabled: true });
  });

  test('import with a preview, counts and invalid lines, then export in every format and back', async () => {
    const list = await createWordList(admin.viewer, { name: `导入 ${token}`, category: 'correction' });
    listIds.push(list.id);
    await addWordEntry(admin.viewer, list.id, { word: '既使', replacement: '即使' });
    const lines = ['既使\t即使', '在接再厉=>再接再厉', '一愁莫展→一筹莫展', '缺右边', '在接再厉=>再接再厉', ...Array.from({ length: 3000 }, (_, i) => `错${i}\t对${i}`)].join('\n');
    const preview = await importWordEntries(admin.viewer, list.id, file('words.txt', lines), { dryRun: true });
    expect(preview).toMatchObject({ added: 3002, duplicates: 2, invalidCount: 1, invalid: [{ line: 4, reason: 'replacement_required' }] });
    expect((await listWordEntries(admin.viewer, list.id)).total).toBe(1);
    const started = Date.now();
    const done = await importWordEntries(admin.viewer, list.id, file('words.txt', lines), { dryRun: false });
    expect(done).toMatchObject({ added: 3002, duplicates: 2, invalidCount: 1 });
    expect(Date.now() - started).toBeLessThan(10_000);
    const page = await listWordEntries(admin.viewer, list.id, { q: '接再', page: 1 });
    expect(page.entries.map((e) => e.word)).toEqual(['在接再厉']);
    expect((await listWordEntries(admin.viewer, list.id, { page: 61 })).page).toBe(61);
    expect(await auditActions(list.id)).toContain('words.import');
    expect((await listWordLists(admin.viewer)).find((l) => l.id === list.id)?.entryCount).toBe(3003);

    for (const format of ['txt', 'csv', 'xlsx'] as const) {
      const exported = await exportWordList(admin.viewer, list.id, format);
      const copy = await createWordList(admin.viewer, { name: `导出 ${format} ${token}`, category: 'correction' });
      listIds.push(copy.id);
      const bytes = typeof exported.body === 'string' ? new TextEncoder().encode(exported.body) : exported.body;
      const back = await importWordEntries(admin.viewer, copy.id, { name: exported.filename, bytes }, { dryRun: false });
      expect(back).toMatchObject({ added: 3003, duplicates: 0, invalidCount: 0 });
    }
    expect(await auditActions(list.id)).toContain('words.export');
  });

  test('read names with titles and dates from .xlsx', async () => {
    const list = await createWordList(admin.viewer, { name: `人名 ${token}`, category: 'name' });
    listIds.push(list.id);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('names');
    sheet.addRow(['word', 'replacement', 'title', 'position', 'valid_from', 'valid_to']);
    sheet.addRow([`李测试${token}`, '', '测试局局长', 'before', new Date(Date.UTC(2020, 0, 1)), '']);
    sheet.addRow([`王测试${token}`, '', '', 'before', '', '']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const summary = await importWordEntries(admin.viewer, list.id, { name: 'names.xlsx', bytes }, { dryRun: false });
    expect(summary).toMatchObject({ added: 1, invalidCount: 1, invalid: [{ line: 3, reason: 'title_required' }] });
    const hits = await checkStoryText(author.viewer, { body: `李测试${token}出席。测试局局长李测试${token}讲话。` });
    expect(hits.filter((h) => h.category === 'name')).toEqual([expect.objectContaining({ start: 0, suggestion: `测试局局长李测试${token}` })]);
    await expectAppError(importWordEntries(admin.viewer, list.id, file('words.xlsx', 'not a zip'), { dryRun: true }), 'validation', { file: 'word_file_format' });
  });
});

describe('reload', () => {
  test('a second instance compiles the change at its next check', async () => {
    const db = await getDb();
    const [one, two] = [createCompiledCache(), createCompiledCache()];
    const word = `新加测试词${token}`;
    const before = await two.get(db, 60_000);
    expect(before.byWord.size).toBeGreaterThan(0);
    await one.get(db, 0);
    await addWordEntry(admin.viewer, listIds[0]!, { word });
    // Within its interval an instance keeps what it compiled…
    expect((await two.get(db, 60_000)).byWord.has(word)).toBe(false);
    // …and at its next check it reads the revision and rebuilds.
    expect((await two.get(db, 0)).byWord.has(word)).toBe(true);
    expect((await one.get(db, 0)).byWord.has(word)).toBe(true);
    expect(one.revision()).toBe(two.revision());
    await setWordListEnabled(admin.viewer, listIds[0]!, false);
    expect((await two.get(db, 0)).byWord.has(word)).toBe(false);
    await setWordListEnabled(admin.viewer, listIds[0]!, true);
  });
});

async function draftWith(text: { title?: string; body?: string }) {
  return createStory(author.viewer, { title: text.title ?? `稿件 ${uniqueToken()}`, columnId, bodyHtml: text.body ?? STORY_BODY_HTML });
}

describe('at submit', () => {
  test('forbidden words refuse, naming the words and their fields', async () => {
    const draft = await draftWith({ title: `标题含${FORBIDDEN}`, body: `<p>正文也有<b>${FORBIDDEN.slice(0, 2)}</b>${FORBIDDEN.slice(2)}，以及其他内容。本网讯近日某区组织开展培训。</p>` });
    let caught: unknown;
    await submitStory(author.viewer, draft.id, draft.version, { cautionsAcknowledged: true }).catch((e: unknown) => (caught = e));
    expect(isAppError(caught) && caught.fieldErrors).toEqual({ form: 'content_forbidden', contentForbidden: 'content_forbidden' });
    expect(isAppError(caught) && caught.params).toMatchObject({ title: `“${FORBIDDEN}”`, body: `“${FORBIDDEN}”`, subtitle: 'none' });
  });

  test('caution words need the acknowledgement, which holds for that version only', async () => {
    const draft = await draftWith({ body: `<p>${CAUTION}：本网讯近日某区组织开展法律明白人专题培训。</p>` });
    await expectAppError(submitStory(author.viewer, draft.id, draft.version), 'validation', { form: 'content_caution', contentCaution: 'content_caution' });
    const submitted = await submitStory(author.viewer, draft.id, draft.version, { cautionsAcknowledged: true });
    expect(submitted.status).toBe('submitted');
    const db = await getDb();
    const [event] = await db.select().from(storyEvents).where(and(eq(storyEvents.storyId, draft.id), eq(storyEvents.action, 'submit')));
    expect(event!.meta).toMatchObject({ cautionsAcknowledged: [CAUTION] });
  });

  test('personal information is a caution by default', async () => {
    const draft = await draftWith({ body: '<p>联系电话13812345678，本网讯近日某区组织开展法律明白人专题培训。</p>' });
    await expectAppError(submitStory(author.viewer, draft.id, draft.version), 'validation', { form: 'content_caution', contentCaution: 'content_caution' });
    const edited = await saveStory(author.viewer, draft.id, draft.version, { title: draft.title, columnId, bodyHtml: '<p>本网讯近日某区组织开展法律明白人专题培训，全区二百余人参加。</p>' });
    expect((await submitStory(author.viewer, draft.id, edited.version)).status).toBe('submitted');
  });
});

describe('at sign-off', () => {
  test('forbidden words block unless the signer gives a reason, recorded on the trail and the review sheet', async () => {
    const draft = await draftWith({ body: `<p>本网讯近日某区组织开展法律明白人专题培训，全区二百余人参加。</p>` });
    await submitStory(author.viewer, draft.id, draft.version);
    const claimed = await claimStory(editor.viewer, draft.id);
    // The desk edits a forbidden word in after the submit.
    const edited = await saveStory(editor.viewer, draft.id, claimed.version, { title: draft.title, columnId, bodyHtml: `<p>本网讯${FORBIDDEN}近日某区组织开展法律明白人专题培训。</p>` });
    const publish = { columnId, byline: '通讯员 测试' };
    await expectAppError(publishStory(editor.viewer, draft.id, edited.version, publish), 'validation', { form: 'content_override_required', wordOverrideReason: 'content_override_required' });
    const published = await publishStory(editor.viewer, draft.id, edited.version, { ...publish, wordOverrideReason: '引用法规原文，经领导同意' });
    expect(published.status).toBe('published');
    const db = await getDb();
    const overrides = await db.select().from(storyEvents).where(and(eq(storyEvents.storyId, draft.id), inArray(storyEvents.action, ['word_override'])));
    expect(overrides).toHaveLength(1);
    expect(overrides[0]!.meta).toMatchObject({ reason: '引用法规原文，经领导同意', words: [FORBIDDEN] });
    const sheet = await getReviewSheet(editor.viewer, await getVisibleStory(editor.viewer, draft.id));
    expect(sheet.wordOverrides).toEqual([expect.objectContaining({ reason: '引用法规原文，经领导同意', words: [FORBIDDEN] })]);
  });
});
