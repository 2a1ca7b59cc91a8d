// Pure: the text fingerprints behind near-duplicate detection (查重).
//
// A story's text is normalized, cut into overlapping character shingles, and
// summarized by a MinHash signature. The signature is cut into bands: two
// stories that share any band hash are candidates (lib/duplicates looks them
// up in story_fingerprints), and only candidates are compared exactly with
// `similarity`. Every number here is part of what is stored: changing one
// means refreshing every story's bands.

// Five characters: a Chinese character carries about as much as a short Latin
// word, so five of them are two or three words. Shorter shingles make
// unrelated stories of the same field look alike (法院, 司法局, 通讯员 are
// everywhere); longer ones let each small edit destroy more shingles (one
// changed character changes up to five).
export const SHINGLE_LENGTH = 5;

// Below this many normalized characters a text is too short to compare: it
// gets no fingerprint and matches nothing.
export const MIN_COMPARABLE_CHARS = 20;

// 40 bands of 3 rows (120 hashes). Two stories of Jaccard similarity s share
// at least one band with probability 1 − (1 − s³)⁴⁰: 99.5% at s = 0.5, 93% at
// 0.4, 67% at 0.3, 4% at 0.1 and 0.03% at 0.02, about what two unrelated
// full-length stories of the same field score (two-line items that share
// "本网讯(通讯员 …)" reach 0.15, 13%; the exact measure then drops them).
// So near-duplicates are found and the lookup stays small at 100,000
// stories. 32 bands of 4 rows would find only 87% of the pairs at s = 0.5.
export const BAND_COUNT = 40;
export const ROWS_PER_BAND = 3;
export const SIGNATURE_LENGTH = BAND_COUNT * ROWS_PER_BAND;

export type ShingleSet = ReadonlySet<number>;

// Murmur3's finalizer: a bijection on 32 bits in which every input bit
// affects every output bit.
function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// FNV-1a over code points, finished with fmix32 so that the low bits are as
// well mixed as the high ones.
function hashCodePoints(codes: readonly number[], start: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + length; i += 1) {
    h ^= codes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

// One MinHash "permutation" per seed: x ↦ fmix32(x ⊕ seed) is a bijection on
// 32 bits. The seeds are a fixed Weyl sequence through fmix32, so every
// process, now and later, computes the same signature for the same text.
const PERMUTATION_SEEDS = Uint32Array.from({ length: SIGNATURE_LENGTH }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b9)));

const ASCII_LETTER_OR_DIGIT = /[a-z0-9]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

// What one code point of the original contributes: NFKC (fullwidth ＡＢ１ → ab1),
// lowercase, letters and digits only. Whitespace, punctuation of every script
// (，。、“”《》：；！？（） as much as ASCII) and symbols carry no content that a
// copy would keep, so they are dropped; so are combining marks.
function normalizeCodePoint(char: string, code: number): string {
  // Fast paths for the bulk of a story: CJK unified ideographs and ASCII.
  if (code >= 0x4e00 && code <= 0x9fff) return char;
  if (code < 0x80) {
    const lower = char.toLowerCase();
    return ASCII_LETTER_OR_DIGIT.test(lower) ? lower : '';
  }
  let kept = '';
  for (const c of char.normalize('NFKC').toLowerCase()) if (LETTER_OR_DIGIT.test(c)) kept += c;
  return kept;
}

export type NormalizedText = {
  // The normalized text.
  text: string;
  // For each UTF-16 unit of `text`, the offset in the original of the code
  // point it came from, so that a passage found in `text` can be shown as written.
  sourceOffsets: number[];
};

// Code point by code point, so that each normalized character knows where it
// came from.
export function normalizeWithOffsets(original: string): NormalizedText {
  let text = '';
  const sourceOffsets: number[] = [];
  let offset = 0;
  for (const char of original) {
    const kept = normalizeCodePoint(char, char.codePointAt(0)!);
    text += kept;
    for (let i = 0; i < kept.length; i += 1) sourceOffsets.push(offset);
    offset += char.length;
  }
  return { text, sourceOffsets };
}

export function normalizeText(original: string): string {
  return normalizeWithOffsets(original).text;
}

// The hashed SHINGLE_LENGTH-character shingles of a text; empty when the text
// is shorter than MIN_COMPARABLE_CHARS once normalized.
export function shingleSet(original: string): Set<number> {
  const codes = Array.from(normalizeText(original), (c) => c.codePointAt(0)!);
  const shingles = new Set<number>();
  if (codes.length < MIN_COMPARABLE_CHARS) return shingles;
  for (let i = 0; i + SHINGLE_LENGTH <= codes.length; i += 1) shingles.add(hashCodePoints(codes, i, SHINGLE_LENGTH));
  return shingles;
}

// For each permutation, the smallest permuted shingle. Two signatures agree
// at a position with probability equal to the sets' Jaccard similarity.
export function minHashSignature(shingles: ShingleSet): Uint32Array | null {
  if (shingles.size === 0) return null;
  const signature = new Uint32Array(SIGNATURE_LENGTH).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < SIGNATURE_LENGTH; i += 1) {
      const permuted = fmix32(shingle ^ PERMUTATION_SEEDS[i]!);
      if (permuted < signature[i]!) signature[i] = permuted;
    }
  }
  return signature;
}

// Murmur3's block step: folds one 32-bit word into a running hash.
function murmurCombine(hash: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = hash ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

// One hash per band (index = band number), as signed 32-bit integers because
// that is what the integer column holds.
export function bandHashes(signature: Uint32Array): number[] {
  const hashes: number[] = [];
  for (let band = 0; band < BAND_COUNT; band += 1) {
    let h = band;
    for (let row = 0; row < ROWS_PER_BAND; row += 1) h = murmurCombine(h, signature[band * ROWS_PER_BAND + row]!);
    hashes.push(fmix32(h ^ ROWS_PER_BAND) | 0);
  }
  return hashes;
}

// The band hashes stored for a text, or null when it is too short to compare.
export function textFingerprint(original: string): number[] | null {
  const signature = minHashSignature(shingleSet(original));
  return signature ? bandHashes(signature) : null;
}

export type SimilarityMeasures = {
  // Shared shingles over all distinct shingles of both.
  jaccard: number;
  // Share of each text's shingles found in the other.
  coverageOfA: number;
  coverageOfB: number;
  // What editors see: max(jaccard, containment of the smaller in the larger),
  // which is that containment. 1 means everything the shorter text says, five
  // characters at a time, is also in the other: the two are the same text,
  // or one is the other pasted twice, or the other plus some paragraphs.
  similarity: number;
};

export function compareShingleSets(a: ShingleSet, b: ShingleSet): SimilarityMeasures {
  if (a.size === 0 || b.size === 0) return { jaccard: 0, coverageOfA: 0, coverageOfB: 0, similarity: 0 };
  const [smaller, larger] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const shingle of smaller) if (larger.has(shingle)) shared += 1;
  const jaccard = shared / (a.size + b.size - shared);
  const containment = shared / smaller.size;
  return { jaccard, coverageOfA: shared / a.size, coverageOfB: shared / b.size, similarity: Math.max(jaccard, containment) };
}

// The percentage shown to editors, 0..1 (see SimilarityMeasures.similarity).
export function similarity(a: ShingleSet, b: ShingleSet): number {
  return compareShingleSets(a, b).similarity;
}
