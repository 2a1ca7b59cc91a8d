import { describe, expect, it } from 'vitest';
import { entriesFromRows, exportLine, rowsFromCsv, rowsFromText } from '@/lib/content-check/import-format';
import { checkContent, compileLists, severityOf, type MatchEntry } from '@/lib/content-check/matcher';
import { normalizeEntry, normalizeText } from '@/lib/content-check/normalize';
import { findPersonalInfo, isBankCard, isLicencePlate, isMobileNumber, isResidentId, passesLuhn } from '@/lib/content-check/pii';

const base = { replacement: '', title: '', titlePosition: 'before' as const, validFrom: null, validTo: null };
const entry = (category: MatchEntry['category'], word: string, extra: Partial<MatchEntry> = {}): MatchEntry => ({ listName: `${category}-list`, category, word, ...base, ...extra });
const today = '2026-06-01';
const check = (entries: MatchEntry[], input: Parameters<typeof checkContent>[1], personal: 'off' | 'caution' | 'forbidden' = 'off') => checkContent(compileLists(entries), input, { personal, today });

describe('normalisation', () => {
  it('drops what is inserted between characters and maps every kept character back', () => {
    const text = '禁 用.测\u200B试★词';
    const folded = normalizeText(text);
    expect(folded.text).toBe('禁用测试词');
    expect([...folded.origin]).toEqual([0, 2, 4, 6, 8]);
  });

  it('folds full-width forms, case and traditional characters', () => {
    expect(normalizeText('ＡＢＣ abc').text).toBe('abcabc');
    expect(normalizeText('禁用測試詞').text).toBe('禁用测试词');
    expect(normalizeEntry('Ｔｅｓｔ－Word')).toBe('testword');
  });

  it('keeps paragraph breaks as one barrier', () => {
    expect(normalizeText('甲\n\n \n乙').text).toBe('甲\n乙');
  });
});

describe('matching', () => {
  const forbidden = entry('forbidden', '禁用测试词');

  it.each([
    ['plain', '这是禁用测试词。', '禁用测试词'],
    ['spaces', '这是禁 用 测 试 词', '禁 用 测 试 词'],
    ['punctuation', '禁.用,测、试!词', '禁.用,测、试!词'],
    ['zero-width', '禁\u200B用\u200D测\uFEFF试\u2060词', '禁\u200B用\u200D测\uFEFF试\u2060词'],
    ['traditional', '禁用測試詞', '禁用測試詞'],
    ['full-width letters', 'ＡＢ慎用', 'ＡＢ慎用'],
  ])('finds a word dodged with %s, as a range of the original', (_name, text, expected) => {
    const entries = [forbidden, entry('caution', 'ab慎用')];
    const [hit] = check(entries, { body: text });
    expect(hit).toBeDefined();
    expect(text.slice(hit!.start, hit!.end)).toBe(expected);
    expect(hit!.text).toBe(expected);
  });

  it('does not match across a paragraph break, however much is dropped around it', () => {
    expect(check([forbidden], { body: '禁用测\n  \n试词' })).toEqual([]);
    expect(check([forbidden], { body: '禁用测 。\n试词' })).toEqual([]);
  });

  it('reports every overlapping hit in one order: field, start, longest first', () => {
    const entries = [entry('caution', '测试'), entry('forbidden', '测试词'), entry('forbidden', '试词语'), entry('correction', '测试', { replacement: '检测' })];
    const hits = check(entries, { title: '测试词语', body: '测试' });
    expect(hits.map((h) => [h.field, h.start, h.end, h.category])).toEqual([
      ['title', 0, 3, 'forbidden'],
      ['title', 0, 2, 'caution'],
      ['title', 0, 2, 'correction'],
      ['title', 1, 4, 'forbidden'],
      ['body', 0, 2, 'caution'],
      ['body', 0, 2, 'correction'],
    ]);
    expect(hits.find((h) => h.category === 'correction')!.suggestion).toBe('检测');
  });

  it('checks every field and no hit twice for the same word in two lists of a category', () => {
    const hits = check([forbidden, { ...forbidden }], { title: '禁用测试词', subtitle: '禁用测试词', summary: '禁用测试词', byline: '禁用测试词', body: '禁用测试词' });
    expect(hits.map((h) => h.field)).toEqual(['title', 'subtitle', 'summary', 'byline', 'body']);
  });

  it('asks a name for its title where the entry says, while the title holds', () => {
    const name = entry('name', '李测试', { title: '测试局局长', titlePosition: 'before', validFrom: '2026-01-01', validTo: '2026-12-31' });
    expect(check([name], { body: '测试局局长李测试出席。' })).toEqual([]);
    expect(check([name], { body: '测试局 局长李测试出席。' })).toEqual([]);
    const [hit] = check([name], { body: '李测试测试局局长出席。' });
    expect(hit).toMatchObject({ category: 'name', start: 0, end: 3, suggestion: '测试局局长李测试' });
    expect(checkContent(compileLists([name]), { body: '李测试出席。' }, { personal: 'off', today: '2027-01-01' })).toEqual([]);
    const after = entry('name', '王测试', { title: '主任', titlePosition: 'after' });
    expect(check([after], { body: '王测试主任说' })).toEqual([]);
    expect(check([after], { body: '主任王测试说' })[0]).toMatchObject({ suggestion: '王测试主任' });
  });

  it('matches a 10,000-entry list exactly', () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => entry('caution', `词${i.toString(36)}测`));
    const lists = compileLists(entries);
    const text = entries.filter((_, i) => i % 1000 === 7).map((e) => `前${e.word}后`).join('\n');
    const hits = checkContent(lists, { body: text }, { personal: 'off', today });
    expect(hits.map((h) => h.text)).toEqual(entries.filter((_, i) => i % 1000 === 7).map((e) => e.word));
  });

  it('weighs personal information by the setting', () => {
    expect(severityOf({ category: 'personal' }, 'caution')).toBe('caution');
    expect(severityOf({ category: 'personal' }, 'forbidden')).toBe('forbidden');
    expect(severityOf({ category: 'correction' }, 'forbidden')).toBe('advice');
    expect(check([], { body: '电话13812345678' }, 'off')).toEqual([]);
    expect(check([], { body: '电话13812345678' }, 'caution')[0]).toMatchObject({ category: 'personal', detail: 'mobile', start: 2, end: 13 });
  });
});

describe('personal information', () => {
  it('checks resident ID numbers by their GB 11643 checksum and birth date', () => {
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('110105194912310021')).toBe(false);
    expect(isResidentId('11010519491331002X')).toBe(false);
    expect(isResidentId('11010519491231002x')).toBe(true);
  });

  it('knows mainland mobile numbers and not longer runs', () => {
    expect(isMobileNumber('13812345678')).toBe(true);
    expect(isMobileNumber('12812345678')).toBe(false);
    expect(findPersonalInfo('编号138123456789')).toEqual([]);
    expect(findPersonalInfo('拨打138 1234 5678')[0]).toMatchObject({ kind: 'mobile', text: '138 1234 5678' });
    expect(findPersonalInfo('电话：１３８１２３４５６７８')[0]).toMatchObject({ kind: 'mobile', start: 3, end: 14 });
  });

  it('checks bank cards by Luhn', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(isBankCard('6222021234567890128')).toBe(passesLuhn('6222021234567890128'));
    expect(isBankCard('4111111111111112')).toBe(false);
    expect(findPersonalInfo('卡号 4111 1111 1111 1111')[0]).toMatchObject({ kind: 'bank_card' });
    expect(findPersonalInfo('稿件编号 2026000123')).toEqual([]);
  });

  it('finds licence plates, including new-energy ones', () => {
    expect(isLicencePlate('京A12345')).toBe(true);
    expect(isLicencePlate('渝B·D12345')).toBe(true);
    expect(isLicencePlate('粤B12345D')).toBe(true);
    expect(isLicencePlate('京AABCDE')).toBe(false);
    expect(isLicencePlate('京I12345')).toBe(false);
    expect(findPersonalInfo('车牌渝A12345停在路边')[0]).toMatchObject({ kind: 'plate', text: '渝A12345' });
  });
});

describe('import formats', () => {
  it('reads corrections from text with tab, => or →, and names their lines when invalid', () => {
    const parsed = entriesFromRows(rowsFromText('既使\t即使\n在接再厉=>再接再厉\n一愁莫展→一筹莫展\n\n缺右边\n既使\t即使', 'correction'), 'correction');
    expect(parsed.entries.map((e) => [e.word, e.replacement])).toEqual([
      ['既使', '即使'],
      ['在接再厉', '再接再厉'],
      ['一愁莫展', '一筹莫展'],
    ]);
    expect(parsed.invalid).toEqual([{ line: 5, reason: 'replacement_required' }]);
    expect(parsed.duplicates).toBe(1);
  });

  it('reads a plain list one word a line, a note after a tab left out', () => {
    expect(entriesFromRows(rowsFromText('甲词\t旧注\n乙词\n', 'forbidden'), 'forbidden').entries.map((e) => e.word)).toEqual(['甲词', '乙词']);
  });

  it('reads CSV with quotes, a header and names with dates', () => {
    const csv = 'word,replacement,title,position,valid_from,valid_to\r\n"李,测试",,局长,after,2026/1/5,\r\n王测试,,主任,before,2026-13-01,\r\n';
    const parsed = entriesFromRows(rowsFromCsv(csv), 'name');
    expect(parsed.entries).toEqual([{ line: 2, word: '李,测试', replacement: '', title: '局长', titleBefore: false, validFrom: '2026-01-05', validTo: null }]);
    expect(parsed.invalid).toEqual([{ line: 3, reason: 'date_invalid' }]);
  });

  it('writes text lines the import reads back', () => {
    const name = { word: '李测试', replacement: '', title: '局长', titleBefore: false, validFrom: '2026-01-01', validTo: null };
    const back = entriesFromRows(rowsFromText(exportLine(name, 'name'), 'name'), 'name');
    expect(back.entries[0]).toMatchObject({ word: '李测试', title: '局长', titleBefore: false, validFrom: '2026-01-01' });
  });
});
