import OpenCC from 'opencc-js/t2cn';

// Pure: folds text into the form word lists are matched in, keeping for each
// character of the folded text the index of the original character it came
// from, so that a hit is reported as a range of the text the person wrote.
//
// What folding undoes, character by character (never across characters, so
// the map stays one-to-one):
// - spaces, punctuation, symbols, zero-width and other format characters and
//   combining marks are dropped (禁 用, 禁.用, 禁\u200B用, 禁★用 read as 禁用);
// - full-width and other compatibility forms become their plain form (ＡＢＣ → abc);
// - letters are lower-cased;
// - traditional characters become simplified (OpenCC, one character at a time).
// Line breaks (a paragraph of the body) become a barrier no entry contains, so
// nothing matches across paragraphs however much is dropped around them.

export const BARRIER = '\n';
const BARRIER_CODE = 10;
const DROP = 0;

const DROPPED = /^[\p{P}\p{S}\p{Z}\p{Cf}\p{Cc}\p{M}]$/u;
const LINE_BREAKS = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029]);
const CJK_RANGES: readonly [number, number][] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];

let table: Uint16Array | undefined;

// Traditional → simplified, per character: OpenCC's standard traditional,
// then the Taiwan forms it leaves (著 → 着), on one joined string per variant.
function simplifiedTable(): Map<number, number> {
  const codes: number[] = [];
  for (const [from, to] of CJK_RANGES) for (let c = from; c <= to; c++) codes.push(c);
  const joined = codes.map((c) => String.fromCharCode(c)).join('\n');
  const out = new Map<number, number>();
  for (const from of ['t', 'tw', 'hk'] as const) {
    const converted = OpenCC.Converter({ from, to: 'cn' })(joined).split('\n');
    if (converted.length !== codes.length) continue;
    codes.forEach((code, i) => {
      const simple = converted[i]!;
      if (!out.has(code) && simple.length === 1 && simple.charCodeAt(0) !== code) out.set(code, simple.charCodeAt(0));
    });
  }
  return out;
}

function fold(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return code;
  if (LINE_BREAKS.has(code)) return BARRIER_CODE;
  let char = String.fromCharCode(code);
  const compat = char.normalize('NFKC');
  if (compat.length === 1) char = compat;
  if (DROPPED.test(char)) return DROP;
  const lower = char.toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : char.charCodeAt(0);
}

// Built once per process (about a tenth of a second), on first use.
export function foldTable(): Uint16Array {
  if (table) return table;
  const built = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) built[c] = fold(c);
  const simplified = simplifiedTable();
  // After NFKC, so a compatibility ideograph (U+F900…) is simplified like its unified form.
  for (let c = 0; c < 0x10000; c++) built[c] = simplified.get(built[c]!) ?? built[c]!;
  table = built;
  return table;
}

export type Normalized = {
  text: string;
  // origin[i]: the index in the original text of the folded text's character i.
  origin: Int32Array;
};

const decoder = new TextDecoder('utf-16le');

export function normalizeText(text: string): Normalized {
  const map = foldTable();
  const units = new Uint16Array(text.length);
  const origin = new Int32Array(text.length);
  let n = 0;
  let lastBarrier = true;
  for (let i = 0; i < text.length; i++) {
    const folded = map[text.charCodeAt(i)]!;
    if (folded === DROP) continue;
    if (folded === BARRIER_CODE) {
      if (lastBarrier) continue;
      lastBarrier = true;
    } else lastBarrier = false;
    units[n] = folded;
    origin[n] = i;
    n++;
  }
  return { text: decoder.decode(units.subarray(0, n)), origin: origin.subarray(0, n) };
}

// An entry in the form it is matched in: folded the same way, barriers
// dropped (an entry is one line). Empty when nothing is left to match.
export function normalizeEntry(word: string): string {
  return normalizeText(word).text.split(BARRIER).join('');
}

// A folded range [start, end) back to the original text's range.
export function originalRange(normalized: Normalized, start: number, end: number): { start: number; end: number } {
  return { start: normalized.origin[start]!, end: normalized.origin[end - 1]! + 1 };
}
