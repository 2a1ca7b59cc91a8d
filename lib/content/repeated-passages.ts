import { normalizeWithOffsets } from './shingles';

// Pure: a story whose own body repeats a long passage, usually the whole
// article pasted twice (the page this product is modelled on carries its
// article twice). Compared on the normalized text (./shingles), so a copy
// whose punctuation or spacing differs is still a copy.

// A passage must be this many normalized characters to count: long enough
// that a repeated name or document title does not (《关于选送实习律师到法院担任
// 法官助理的合作协议》 is 22), short enough that a repeated sentence does.
export const MIN_REPEATED_CHARS = 30;

export type RepeatedPassage = {
  // The first occurrence as written in the story, punctuation kept.
  text: string;
  // Its length in normalized characters.
  length: number;
  // How often it occurs, the first occurrence included.
  occurrences: number;
};

export type RepeatedPassagesReport = {
  // Longest first.
  passages: RepeatedPassage[];
  // Share of the normalized text that repeats something before it: 0.5 for
  // an article pasted twice, 0 for a story with no repeated passage.
  repeatedRatio: number;
};

const BASE = 0x01000193;

// Polynomial hashes (mod 2³²) of every MIN_REPEATED_CHARS-long window,
// rolled so that the whole text costs one pass. Matches are checked on the
// text itself, so a collision can only hide a repeat, never invent one.
function windowHashes(text: string): Int32Array {
  const count = Math.max(0, text.length - MIN_REPEATED_CHARS + 1);
  const hashes = new Int32Array(count);
  if (count === 0) return hashes;
  let outgoingWeight = 1;
  for (let i = 1; i < MIN_REPEATED_CHARS; i += 1) outgoingWeight = Math.imul(outgoingWeight, BASE);
  let h = 0;
  for (let i = 0; i < MIN_REPEATED_CHARS; i += 1) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  hashes[0] = h;
  for (let i = 1; i < count; i += 1) {
    h = (h - Math.imul(text.charCodeAt(i - 1), outgoingWeight)) | 0;
    h = (Math.imul(h, BASE) + text.charCodeAt(i + MIN_REPEATED_CHARS - 1)) | 0;
    hashes[i] = h;
  }
  return hashes;
}

// The original text of normalized characters [start, start + length).
function sourceText(original: string, sourceOffsets: readonly number[], start: number, length: number): string {
  const last = sourceOffsets[start + length - 1]!;
  const end = last + (original.codePointAt(last)! > 0xffff ? 2 : 1);
  return original.slice(sourceOffsets[start]!, end).trim();
}

// Left to right, each stretch that repeats an earlier, non-overlapping one is
// extended as far as the two agree and then skipped: an article pasted three
// times is one passage occurring three times, not many short ones.
export function repeatedPassages(original: string): RepeatedPassagesReport {
  const { text, sourceOffsets } = normalizeWithOffsets(original);
  const hashes = windowHashes(text);
  const firstAt = new Map<number, number>();
  const remember = (position: number) => {
    if (!firstAt.has(hashes[position]!)) firstAt.set(hashes[position]!, position);
  };
  // Keyed by where the first occurrence starts and how long the copy runs.
  const copies = new Map<string, { start: number; length: number; occurrences: number }>();
  let repeatedChars = 0;
  let i = 0;
  while (i < hashes.length) {
    const earlier = firstAt.get(hashes[i]!);
    const isCopy =
      earlier !== undefined &&
      earlier + MIN_REPEATED_CHARS <= i &&
      text.startsWith(text.slice(earlier, earlier + MIN_REPEATED_CHARS), i);
    if (!isCopy) {
      remember(i);
      i += 1;
      continue;
    }
    let length = MIN_REPEATED_CHARS;
    while (i + length < text.length && earlier + length < i && text[earlier + length] === text[i + length]) length += 1;
    const key = `${earlier}:${length}`;
    const copy = copies.get(key) ?? { start: earlier, length, occurrences: 1 };
    copy.occurrences += 1;
    copies.set(key, copy);
    repeatedChars += length;
    for (let k = i; k < Math.min(i + length, hashes.length); k += 1) remember(k);
    i += length;
  }
  const passages = [...copies.values()]
    .sort((a, b) => b.length - a.length || a.start - b.start)
    .map(({ start, length, occurrences }) => ({ text: sourceText(original, sourceOffsets, start, length), length, occurrences }));
  return { passages, repeatedRatio: text.length === 0 ? 0 : repeatedChars / text.length };
}
