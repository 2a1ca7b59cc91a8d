// Pure: the public search's view of text, shared with the database side.
//
// Chinese has no spaces between words, so the index (public_search_text in
// db/migrations/0004_public_search.sql) holds each run of CJK characters as
// its overlapping two-character pieces (律师协会 → 律师 师协 协会) plus the
// run's last character, and other words whole and split between letters and
// digits, lowercased. Any word of two or more characters is then found
// exactly where it is written, whatever a segmenter would make of its
// neighbours (多元化解 cuts as 多元化/解, hiding 化解). ./search-query turns a
// reader's query into the same pieces; this module also shows the matches.

// The characters the index treats as CJK: the same ranges as the database
// function (Han with its extensions and 〇, kana, Hangul syllables). A change
// here is a change there, in a migration.
const CJK_RANGES = '\\u3007\\u3040-\\u30FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uAC00-\\uD7AF\\uF900-\\uFAFF\\u{20000}-\\u{3134F}';
export const CJK_RUN = new RegExp(`[${CJK_RANGES}]+`, 'gu');
const CJK_CHAR = new RegExp(`[${CJK_RANGES}]`, 'u');

// Letters and digits of other scripts: the words of the rest of a query.
export const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

// What a query and the text it is matched against go through before they
// are compared: fullwidth ＡＢＣ１ and compatibility ideographs become their
// plain forms (NFKC, as the database does), and case is folded.
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

// The overlapping two-character pieces of a CJK word, as the index holds them.
export function cjkBigrams(run: string): string[] {
  const chars = Array.from(run);
  const pieces: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) pieces.push(chars[i]! + chars[i + 1]!);
  return pieces;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

type CharClass = 'letter' | 'digit' | null;

const LETTER_TEST = /[\p{L}\p{M}]/u;
const DIGIT_TEST = /\p{N}/u;

// The code point before `at` and the one starting at `at`, in a UTF-16 string.
function charBefore(text: string, at: number): string | undefined {
  if (at <= 0) return undefined;
  const code = text.charCodeAt(at - 1);
  return code >= 0xdc00 && code <= 0xdfff && at >= 2 ? text.slice(at - 2, at) : text[at - 1];
}

function charFrom(text: string, at: number): string | undefined {
  const code = text.codePointAt(at);
  return code === undefined ? undefined : String.fromCodePoint(code);
}

function charClass(char: string | undefined): CharClass {
  if (!char || CJK_CHAR.test(char)) return null;
  if (LETTER_TEST.test(char)) return 'letter';
  return DIGIT_TEST.test(char) ? 'digit' : null;
}

// The text as code points, each with its normalized form, so that matches
// found in the normalized text map back to the characters as written.
type Mapped = { chars: string[]; normalized: string; charAt: number[]; startOf: number[] };

function mapNormalized(text: string): Mapped {
  const chars = Array.from(text);
  const charAt: number[] = [];
  const startOf: number[] = [];
  let normalized = '';
  chars.forEach((char, i) => {
    startOf.push(normalized.length);
    const form = normalizeSearchText(char);
    for (let k = 0; k < form.length; k += 1) charAt.push(i);
    normalized += form;
  });
  startOf.push(normalized.length);
  return { chars, normalized, charAt, startOf };
}

// Which characters of the text a search term covers. Terms are normalized
// (./search-query); a Latin word or number matches only where the index
// would have found it, not inside a longer word (law is not in lawyer).
function markedChars(mapped: Mapped, terms: readonly string[]): boolean[] {
  const marked = new Array<boolean>(mapped.chars.length).fill(false);
  const { normalized, charAt, startOf } = mapped;
  for (const term of terms) {
    if (!term) continue;
    const first = charClass(charFrom(term, 0));
    const last = charClass(charBefore(term, term.length));
    for (let at = normalized.indexOf(term); at !== -1; at = normalized.indexOf(term, at + 1)) {
      const end = at + term.length;
      const from = charAt[at]!;
      const to = charAt[end - 1]!;
      // Only whole characters: a match must not start or end inside what one
      // character normalized to.
      if (startOf[from] !== at || startOf[to + 1] !== end) continue;
      if (first && charClass(charBefore(normalized, at)) === first) continue;
      if (last && charClass(charFrom(normalized, end)) === last) continue;
      for (let i = from; i <= to; i += 1) marked[i] = true;
    }
  }
  return marked;
}

function renderMarked(chars: readonly string[], marked: readonly boolean[], from: number, to: number): string {
  let html = '';
  let open = false;
  for (let i = from; i < to; i += 1) {
    if (marked[i] && !open) html += '<mark>';
    if (!marked[i] && open) html += '</mark>';
    open = marked[i]!;
    html += escapeHtml(chars[i]!);
  }
  return open ? `${html}</mark>` : html;
}

// The text, escaped, with every match of the terms in <mark>.
export function highlightHtml(text: string, terms: readonly string[]): string {
  const mapped = mapNormalized(text);
  return renderMarked(mapped.chars, markedChars(mapped, terms), 0, mapped.chars.length);
}

export const SNIPPET_CHARS = 120;
// How far into a story a snippet looks for a match: a 3 MB story would take
// long to scan for twenty results, and a first match that deep is rare.
export const SNIPPET_SCAN_CHARS = 20_000;
const SENTENCE_END = /[。！？；!?;]/u;

// About `length` characters of a story's text around its first match,
// escaped, matches in <mark>, … where text is cut off. The opening of the text
// when nothing matches (the story was found by its title).
export function snippetHtml(text: string, terms: readonly string[], length = SNIPPET_CHARS): string {
  // Never half a character: a cut between a surrogate pair drops its first half.
  const head = text.slice(0, SNIPPET_SCAN_CHARS).replace(/[\uD800-\uDBFF]$/, '');
  const flat = head.replace(/\s+/gu, ' ').trim();
  const mapped = mapNormalized(flat);
  const { chars } = mapped;
  const marked = markedChars(mapped, terms);
  const first = marked.indexOf(true);
  let start = 0;
  if (first > 0) {
    // Up to a quarter before the match: some context, and the match still
    // near the start of the line.
    start = Math.max(0, first - Math.floor(length / 4));
    // Start after the end of the previous sentence when there is one close by.
    for (let i = first - 1; i >= start; i -= 1) {
      if (SENTENCE_END.test(chars[i]!)) {
        start = i + 1;
        break;
      }
    }
    while (start < first && chars[start] === ' ') start += 1;
  }
  const end = Math.min(chars.length, start + length);
  if (end - start < length) start = Math.max(0, end - length);
  return `${start > 0 ? '…' : ''}${renderMarked(chars, marked, start, end)}${end < chars.length ? '…' : ''}`;
}
