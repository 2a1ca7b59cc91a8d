import { describe, expect, test } from 'vitest';
import { MAX_QUERY_CHARS, cjkWords, parseSearchQuery, quoteLexeme } from '@/lib/content/search-query';
import { cjkBigrams } from '@/lib/content/search-text';

// The lexemes of a tsquery built here, back out of its syntax.
function lexemesOf(tsquery: string | null): string[] {
  if (!tsquery) return [];
  return tsquery.split(' & ').map((part) => part.replace(/:\*$/, '').slice(1, -1).replace(/''/g, "'").replace(/\\\\/g, '\\'));
}

describe('cjkBigrams', () => {
  test('cuts a run into its overlapping pieces', () => {
    expect(cjkBigrams('律师协会')).toEqual(['律师', '师协', '协会']);
    expect(cjkBigrams('律师')).toEqual(['律师']);
    expect(cjkBigrams('律')).toEqual([]);
  });

  test('counts characters beyond the BMP as one', () => {
    expect(cjkBigrams('𠀀𠀁𠀂')).toEqual(['𠀀𠀁', '𠀁𠀂']);
  });
});

describe('cjkWords', () => {
  test('known words stay apart, so they may occur apart', () => {
    expect(cjkWords('黔江律师')).toEqual(['黔江', '律师']);
    expect(cjkWords('律师协会')).toEqual(['律师协会']);
  });

  test('a lone character joins a neighbour instead of matching anywhere', () => {
    // 张 on its own would match any story with a 张 in it.
    expect(cjkWords('张俊文')).toEqual(['张俊文']);
    expect(cjkWords('多元化解')).toEqual(['多元化解']);
    expect(cjkWords('渝东南片区')).toEqual(['渝东南', '片区']);
  });

  test('characters the segmenter leaves alone in a row are one word', () => {
    expect(cjkWords('ひらがな')).toEqual(['ひらがな']);
  });
});

describe('parseSearchQuery', () => {
  test('a two-character word is one piece', () => {
    expect(parseSearchQuery('律师')).toEqual({ cjkTsquery: "'律师'", otherText: null, terms: ['律师'] });
  });

  test('a longer word needs all its pieces, and each word is required', () => {
    const query = parseSearchQuery('黔江 律师协会')!;
    expect(lexemesOf(query.cjkTsquery)).toEqual(['黔江', '律师', '师协', '协会']);
    expect(query.terms).toEqual(['律师协会', '黔江']);
  });

  test('one character is a prefix search', () => {
    expect(parseSearchQuery('法')!.cjkTsquery).toBe("'法':*");
  });

  test('Latin words go to the database as text, split between letters and digits', () => {
    expect(parseSearchQuery('WeChat')).toEqual({ cjkTsquery: null, otherText: 'WeChat', terms: ['wechat'] });
    expect(parseSearchQuery('iPhone15')).toEqual({ cjkTsquery: null, otherText: 'iPhone 15', terms: ['iphone', '15'] });
    expect(parseSearchQuery('ＩＰＨＯＮＥ')!.terms).toEqual(['iphone']);
  });

  test('mixed queries keep both parts', () => {
    const query = parseSearchQuery('iPhone手机')!;
    expect(query.cjkTsquery).toBe("'手机'");
    expect(query.otherText).toBe('iPhone');
    expect(query.terms).toEqual(['iphone', '手机']);
  });

  test.each(['', '   ', '\n\t', '。，！？', "&|!():*'\\", '<>', '——……'])('%j finds nothing', (input) => {
    expect(parseSearchQuery(input)).toBeNull();
  });

  test('tsquery operators in the input are never syntax', () => {
    const query = parseSearchQuery("律师' & !'协会 | (法院):* <-> x\\")!;
    expect(lexemesOf(query.cjkTsquery)).toEqual(['律师', '协会', '法院']);
    // Every lexeme is quoted: nothing between the quotes but CJK.
    expect(query.cjkTsquery).toMatch(/^'[^'\\&|!():*<>-]+'( & '[^'\\&|!():*<>-]+')*$/);
    // The rest is plain text for plainto_tsquery, which has no operators.
    expect(query.otherText).toBe("' & !' | ( ):* <-> x\\");
  });

  test('SQL-looking input is only words', () => {
    const query = parseSearchQuery("'; drop table stories; --")!;
    expect(query.cjkTsquery).toBeNull();
    expect(query.terms.sort()).toEqual(['drop', 'stories', 'table']);
  });

  test(`reads at most ${MAX_QUERY_CHARS} characters`, () => {
    const query = parseSearchQuery(`${'ab '.repeat((MAX_QUERY_CHARS - 2) / 3)}律师 zebra`)!;
    expect(query.terms).toEqual(['律师', 'ab']);
    expect(parseSearchQuery('律'.repeat(1000))!.cjkTsquery).toBe("'律律'");
  });
});

describe('quoteLexeme', () => {
  test('doubles quotes and backslashes', () => {
    expect(quoteLexeme("it's")).toBe("'it''s'");
    expect(quoteLexeme('a\\b')).toBe("'a\\\\b'");
  });
});
