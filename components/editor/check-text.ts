import type { Node as PmNode } from '@tiptap/pm/model';
import { Decoration } from '@tiptap/pm/view';
import type { CheckCategory, CheckField, CheckHit } from '@/lib/content-check/types';

// Pure: the body's plain text as the word check receives it, and the way
// back from offsets in that text to positions in the document.
//
// Each textblock (paragraph, heading, caption, a table cell's paragraph) is
// one line and consecutive textblocks are joined with "\n"; a hard break is a
// "\n" too. Leaves without text (rules) add nothing. A word split by inline
// formatting (法<strong>治</strong>) stays one run of characters here.

export type BodyText = {
  text: string;
  // Text runs in order: run i covers text[offsets[i], offsets[i] + lengths[i])
  // and document positions [positions[i], positions[i] + lengths[i]).
  offsets: number[];
  positions: number[];
  lengths: number[];
};

export function extractBodyText(doc: PmNode): BodyText {
  const parts: string[] = [];
  const offsets: number[] = [];
  const positions: number[] = [];
  const lengths: number[] = [];
  let length = 0;
  let blocks = 0;
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      if (blocks > 0) {
        parts.push('\n');
        length += 1;
      }
      blocks += 1;
      return true;
    }
    if (node.isText) {
      const text = node.text ?? '';
      parts.push(text);
      offsets.push(length);
      positions.push(pos);
      lengths.push(text.length);
      length += text.length;
      return false;
    }
    if (node.type.name === 'hardBreak') {
      parts.push('\n');
      length += 1;
    }
    return true;
  });
  return { text: parts.join(''), offsets, positions, lengths };
}

// The last run starting at or before the offset (-1 when none).
function runAt(body: BodyText, offset: number): number {
  let lo = 0;
  let hi = body.offsets.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (body.offsets[mid]! <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

// A start offset that falls on a separator moves forward to the next
// character, an end offset back to the previous one, so a range never
// includes the gap between blocks at its edges. Null when the range holds no
// character of the document (only separators) or lies outside the text.
export function rangeToPositions(body: BodyText, start: number, end: number): { from: number; to: number } | null {
  if (!(start >= 0 && end > start && end <= body.text.length)) return null;
  let i = runAt(body, start);
  let from: number;
  if (i >= 0 && start < body.offsets[i]! + body.lengths[i]!) from = body.positions[i]! + (start - body.offsets[i]!);
  else {
    // Skip empty runs (an empty text node cannot exist, but stay safe).
    i += 1;
    while (i < body.offsets.length && body.lengths[i] === 0) i += 1;
    if (i >= body.offsets.length || body.offsets[i]! >= end) return null;
    from = body.positions[i]!;
  }
  let j = runAt(body, end - 1);
  let to: number;
  if (j >= 0 && end - 1 < body.offsets[j]! + body.lengths[j]!) to = body.positions[j]! + (end - body.offsets[j]!);
  else {
    while (j >= 0 && body.lengths[j] === 0) j -= 1;
    if (j < 0 || body.offsets[j]! + body.lengths[j]! <= start) return null;
    to = body.positions[j]! + body.lengths[j]!;
  }
  return to > from ? { from, to } : null;
}

// A hit as the editor keeps it: an id stable for one answer, the category's
// order, a little of the text around it.
export type CheckedHit = CheckHit & { id: string; before: string; after: string };

export const CATEGORY_ORDER: readonly CheckCategory[] = ['forbidden', 'caution', 'personal', 'name', 'correction'];
export const FIELD_ORDER: readonly CheckField[] = ['title', 'subtitle', 'summary', 'byline', 'body'];

const CONTEXT_CHARS = 12;

// The server's hits for the texts that were sent, checked against them
// (a range that does not hold the text it names is dropped) and sorted by
// category, field and position.
export function acceptHits(hits: readonly CheckHit[], sent: Readonly<Record<CheckField, string>>): CheckedHit[] {
  const kept: CheckedHit[] = [];
  for (const hit of hits) {
    const value = sent[hit.field];
    if (typeof value !== 'string' || !(hit.start >= 0 && hit.end > hit.start && hit.end <= value.length)) continue;
    const text = value.slice(hit.start, hit.end);
    const before = value.slice(Math.max(0, hit.start - CONTEXT_CHARS), hit.start);
    const after = value.slice(hit.end, hit.end + CONTEXT_CHARS);
    kept.push({ ...hit, text, id: '', before: lastLine(before), after: firstLine(after) });
  }
  kept.sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) || FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field) || a.start - b.start || a.end - b.end);
  // An id says which occurrence of which finding it is, not where: typing
  // elsewhere leaves it (and the mark drawn for it) unchanged from one
  // answer to the next, so the editor redraws only what really changed.
  const seen = new Map<string, number>();
  for (const hit of kept) {
    const key = `${hit.field}\u0000${hit.category}\u0000${hit.text}\u0000${hit.suggestion ?? ''}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    hit.id = `${key}\u0000${n}`;
  }
  return kept;
}

function lastLine(text: string): string {
  const i = text.lastIndexOf('\n');
  return i < 0 ? text : text.slice(i + 1);
}

function firstLine(text: string): string {
  const i = text.indexOf('\n');
  return i < 0 ? text : text.slice(0, i);
}

// What a decoration carries besides its range: which hit it marks.
export type HitSpec = { hitId: string; category: CheckCategory };

export type DecorationLabels = (hit: CheckedHit) => string;

// One inline decoration per body hit, styled by category; its title and
// aria-description say what is wrong (and what to write instead).
export function buildDecorations(body: BodyText, hits: readonly CheckedHit[], describe: DecorationLabels): Decoration[] {
  const decorations: Decoration[] = [];
  for (const hit of hits) {
    if (hit.field !== 'body') continue;
    const range = rangeToPositions(body, hit.start, hit.end);
    if (!range) continue;
    const label = describe(hit);
    const spec: HitSpec = { hitId: hit.id, category: hit.category };
    decorations.push(
      Decoration.inline(
        range.from,
        range.to,
        { class: `text-check-hit text-check-${hit.category}`, title: label, 'aria-description': label, 'data-check-category': hit.category },
        // Typing at either edge extends nothing: the mark is the server's range.
        { ...spec, inclusiveStart: false, inclusiveEnd: false },
      ),
    );
  }
  return decorations;
}

// A field's value with the given ranges replaced; ranges that overlap an
// earlier one (in text order) are skipped so no replacement eats another.
export function replaceRanges(value: string, replacements: readonly { start: number; end: number; text: string }[]): string {
  const sorted = [...replacements].filter((r) => r.start >= 0 && r.end >= r.start && r.end <= value.length).sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const r of sorted) {
    if (r.start < at) continue;
    out += value.slice(at, r.start) + r.text;
    at = r.end;
  }
  return out + value.slice(at);
}

// Whether a hit offers a one-click replacement.
export function isReplaceable<T extends CheckHit>(hit: T): hit is T & { suggestion: string } {
  return (hit.category === 'correction' || hit.category === 'name') && typeof hit.suggestion === 'string' && hit.suggestion.length > 0 && hit.suggestion !== hit.text;
}

// "Replace all" groups: the same wrong text with the same correction, over
// every field, when it occurs more than once.
export function correctionGroups(hits: readonly CheckedHit[]): { text: string; suggestion: string; hits: CheckedHit[] }[] {
  const groups = new Map<string, { text: string; suggestion: string; hits: CheckedHit[] }>();
  for (const hit of hits) {
    if (hit.category !== 'correction' || !isReplaceable(hit)) continue;
    const key = `${hit.text}\u0000${hit.suggestion}`;
    const group = groups.get(key) ?? { text: hit.text, suggestion: hit.suggestion, hits: [] };
    group.hits.push(hit);
    groups.set(key, group);
  }
  return [...groups.values()].filter((g) => g.hits.length > 1);
}
