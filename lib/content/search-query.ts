import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { CJK_RUN, WORD, cjkBigrams, normalizeSearchText } from './search-text';
import { stripControlChars } from './text';

// Pure: a reader's query in the terms of the public search index
// (./search-text). A CJK run is cut into words by jieba, so 黔江律师 finds 黔江
// and 律师 anywhere in a story, not only side by side; each word must then
// occur as written (all its two-character pieces). The rest of the query
// (Latin words, numbers) goes to the database as plain text, to be cut by the
// same function as the stories. Every word is required.

// Longer input is cut here: a query is a few words, not a paragraph.
export const MAX_QUERY_CHARS = 50;

export type SearchQuery = {
  // The CJK words as tsquery syntax for to_tsquery('simple', …): quoted
  // pieces joined by &, never the reader's own syntax. Null when none.
  cjkTsquery: string | null;
  // Everything else the reader typed, for plainto_tsquery after the index's
  // own normalization. Null when it holds no letter or digit.
  otherText: string | null;
  // The normalized words to highlight, longest first.
  terms: string[];
};

// Loading the dictionary takes a third of a second, so only a process that
// searches pays it, once.
let segmenter: Jieba | undefined;

function cutWords(run: string): string[] {
  segmenter ??= Jieba.withDict(dict);
  // HMM on: names it does not know (方勇, 李勇) come out as one word.
  return segmenter.cut(run, true).filter((word) => word !== '');
}

// A CJK run as the words to look for. A character jieba leaves on its own is
// part of a word it does not know (张 of 张俊文, 解 of 多元化解): it joins the
// word after it, or at the end the word before it; several such characters
// in a row are one word (ひらがな).
export function cjkWords(run: string): string[] {
  const words: string[] = [];
  let loose: string[] = [];
  const flushLoose = (next?: string) => {
    if (loose.length === 1 && next !== undefined) {
      words.push(loose[0]! + next);
      loose = [];
      return true;
    }
    if (loose.length === 1 && words.length > 0) words[words.length - 1] += loose[0]!;
    else if (loose.length > 0) words.push(loose.join(''));
    loose = [];
    return false;
  };
  for (const piece of cutWords(run)) {
    if (Array.from(piece).length === 1) {
      loose.push(piece);
      continue;
    }
    if (!flushLoose(piece)) words.push(piece);
  }
  flushLoose();
  return words;
}

// A lexeme in tsquery syntax: quoted, quotes and backslashes doubled, so
// nothing the reader typed is read as an operator.
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/['\\]/g, (c) => c + c)}'`;
}

// The reader's query, or null when it holds nothing to search for (blank,
// punctuation only).
export function parseSearchQuery(input: string): SearchQuery | null {
  const text = Array.from(stripControlChars(input).normalize('NFKC').trim()).slice(0, MAX_QUERY_CHARS).join('');
  const lexemes = new Set<string>();
  const terms = new Set<string>();
  for (const [run] of text.matchAll(CJK_RUN)) {
    for (const word of Array.from(run).length === 1 ? [run] : cjkWords(run)) {
      const pieces = cjkBigrams(word);
      // One character: a prefix of the pieces, or the character alone where
      // it ends a run.
      if (pieces.length === 0) lexemes.add(`${quoteLexeme(word)}:*`);
      for (const piece of pieces) lexemes.add(quoteLexeme(piece));
      terms.add(word);
    }
  }
  // Between letters and digits: iPhone15 finds iPhone 15 as well, as the
  // index splits both so.
  const other = text.replace(CJK_RUN, ' ').replace(/([a-z])(?=[0-9])|([0-9])(?=[a-z])/gi, '$1$2 ');
  const words = normalizeSearchText(other).match(WORD) ?? [];
  for (const word of words) terms.add(word);
  if (lexemes.size === 0 && words.length === 0) return null;
  return {
    cjkTsquery: lexemes.size > 0 ? [...lexemes].join(' & ') : null,
    otherText: words.length > 0 ? other.replace(/\s+/g, ' ').trim() : null,
    terms: [...terms].sort((a, b) => b.length - a.length),
  };
}
