// Pure: how story text is cut into tokens, shared by the character count and
// the editor's diff so that both agree on what "one character" is.

// CJK ideographs, kana, CJK punctuation and fullwidth forms: one token each.
const CJK =
  '\\u2E80-\\u2FDF\\u3001-\\u303F\\u3040-\\u30FF\\u3100-\\u312F\\u3190-\\u31FF\\u3200-\\u4DBF\\u4E00-\\u9FFF' +
  '\\uF900-\\uFAFF\\uFE10-\\uFE1F\\uFE30-\\uFE6F\\uFF01-\\uFFEF\\u{20000}-\\u{3FFFF}';
const NOT_CJK = `(?![${CJK}])`;
// Skin tones, variation selectors and tag characters belong to the emoji before them.
const EMOJI_TAIL = '[\\p{M}\\u{1F3FB}-\\u{1F3FF}\\u{E0020}-\\u{E007F}]*';

const TOKEN = new RegExp(
  [
    '\\n',
    '[^\\S\\n]+',
    `[${CJK}]\\p{M}*`,
    `\\p{Extended_Pictographic}${EMOJI_TAIL}(?:\\u200D\\p{Extended_Pictographic}${EMOJI_TAIL})*`,
    '\\p{Regional_Indicator}{2}',
    `${NOT_CJK}[\\p{L}\\p{N}](?:${NOT_CJK}[\\p{L}\\p{N}\\p{M}])*`,
    '[\\s\\S]',
  ].join('|'),
  'gu',
);

const WHITESPACE = /^\s+$/u;
// Marks, format characters (zero-width space, ZWJ) and controls show nothing on their own.
const INVISIBLE = /^[\p{M}\p{Cf}\p{Cc}]$/u;

// Tokens of a text, in order; joined they give the text back unchanged. A line
// break is its own token, other whitespace runs are one token, a CJK character
// or an emoji is one token, a run of letters/digits is one token (a word), and
// anything else is one token per code point.
export function tokenizeText(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

// Whitespace (line breaks included) carries no content: the count and the
// diff's likeness measure skip it.
export function isWhitespaceToken(token: string): boolean {
  return WHITESPACE.test(token);
}

// 字数 as Chinese word processors count it: each CJK character or CJK/fullwidth punctuation 1, each Latin word or number 1, each other symbol 1, whitespace 0.
export function countCharacters(text: string): number {
  let count = 0;
  for (const token of tokenizeText(text)) {
    if (!WHITESPACE.test(token) && !INVISIBLE.test(token)) count += 1;
  }
  return count;
}

// Controls other than tab, line breaks and form feed: a browser drops or
// replaces them in HTML, PostgreSQL refuses NUL in text outright, and word
// processors paste vertical tabs. Nobody means to type them; they are dropped.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g;

export function stripControlChars(value: string): string {
  return value.replace(CONTROL_CHARS, '');
}
