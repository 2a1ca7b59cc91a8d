import { describe, expect, test } from 'vitest';
import { countCharacters, isWhitespaceToken, tokenizeText } from '@/lib/content/text';

describe('countCharacters', () => {
  test.each([
    ['', 0],
    ['   \n\t　', 0],
    ['区法院召开会议', 7],
    ['区法院召开会议。', 8],
    ['“把法律送到群众身边。”', 12],
    ['（通讯员 方勇）', 7],
    ['Hello world', 2],
    ['Hello, world!', 4],
    ['2026年3月15日', 6],
    ['共发放资料300份', 7],
    ['3.14', 3],
    ['中文abc 123，emoji😀', 7],
    ['China Daily报道', 4],
    ['ＡＢＣ１２３', 6],
    ['café naïve', 2],
    ['Привет мир', 2],
    ['서울 특별시', 2],
    ['ひらがなカタカナ', 8],
    ['点赞👍🏽👨‍👩‍👧🇨🇳', 5],
    ['a\u200bb', 2],
    ['𠀀𠀁', 2],
    ['e\u0301', 1],
  ])('%j counts %i', (text, expected) => {
    expect(countCharacters(text)).toBe(expected);
  });

  test('a realistic lead paragraph', () => {
    // 43 Chinese characters and punctuation marks, 4 words or numbers (3, 15, PDF, 500), one space.
    expect(countCharacters('本报讯（通讯员 方勇）3月15日，区人民法院在幸福社区开展“法治进社区”宣传活动，发放PDF资料500份。')).toBe(47);
  });
});

describe('tokenizeText', () => {
  test('joins back to the text it came from', () => {
    for (const text of ['', 'a', '中文abc 123，\n\nemoji😀 👨‍👩‍👧 🇨🇳', '\u0000\u200d\ufe0f', 'e\u0301\u0301x', '\ud800 lone surrogate']) {
      expect(tokenizeText(text).join('')).toBe(text);
    }
  });

  test('CJK per character, Latin per word, whitespace and punctuation on their own', () => {
    expect(tokenizeText('区法院 court, 2026年!')).toEqual(['区', '法', '院', ' ', 'court', ',', ' ', '2026', '年', '!']);
  });

  test('a line break is always its own token', () => {
    expect(tokenizeText('甲 \n\n 乙')).toEqual(['甲', ' ', '\n', '\n', ' ', '乙']);
  });

  test('isWhitespaceToken', () => {
    expect(isWhitespaceToken(' ')).toBe(true);
    expect(isWhitespaceToken('\n')).toBe(true);
    expect(isWhitespaceToken('　')).toBe(true);
    expect(isWhitespaceToken('a')).toBe(false);
  });
});
