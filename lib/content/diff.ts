import { diffArrays } from 'diff';
import { isWhitespaceToken, tokenizeText } from './text';

// Pure: "what the editor changed", between two plain texts of a story.
// Chinese is compared character by character, Latin text word by word (the
// tokens of ./text.ts). Joining the equal and deleted segments gives `before`
// back, joining the equal and inserted ones gives `after`.

export type DiffSegment = { kind: 'equal' | 'insert' | 'delete'; text: string };

// Myers' algorithm costs about the square of the edit distance, so a hunk is
// compared token by token only up to MAX_TOKEN_EDITS, and lines are aligned
// only up to MAX_ALIGN_EDITS; past that a hunk is shown replaced whole. Keeps
// a 30,000-character story rewritten from top to bottom well under a second.
const MAX_TOKEN_EDITS = 300;
const MAX_LINE_EDITS = 1000;
// Aligning lines by likeness compares whole lines at each step: kept smaller.
const MAX_ALIGN_EDITS = 200;
const MIN_SIMILARITY = 0.4;
const MIN_KEPT = 0.4;

function push(out: DiffSegment[], kind: DiffSegment['kind'], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last?.kind === kind) last.text += text;
  else out.push({ kind, text });
}

// A replaced hunk: deletions first, then insertions, as readers expect.
function replaced(out: DiffSegment[], before: string, after: string): void {
  push(out, 'delete', before);
  push(out, 'insert', after);
}

// Lines keep their "\n" so that joining them gives the text back.
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

// Pairs of neighbouring non-whitespace tokens, with their counts: what two
// texts are compared on when deciding whether one is an edit of the other.
// Pairs rather than single characters, because any two Chinese paragraphs
// share most of their common characters, but an edit keeps most pairs.
type Bag = { counts: Map<string, number>; size: number };

function bagOf(tokens: readonly string[]): Bag {
  const counts = new Map<string, number>();
  let size = 0;
  let previous = '';
  for (const token of tokens) {
    if (isWhitespaceToken(token)) continue;
    const pair = `${previous}\u0000${token}`;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
    size += 1;
    previous = token;
  }
  return { counts, size };
}

// Dice's coefficient of the two bags: cheap, and low enough means the text
// was rewritten rather than edited.
function similarity(a: Bag, b: Bag): number {
  const [small, large] = a.counts.size <= b.counts.size ? [a.counts, b.counts] : [b.counts, a.counts];
  let common = 0;
  for (const [token, n] of small) common += Math.min(n, large.get(token) ?? 0);
  return (2 * common) / Math.max(a.size + b.size, 1);
}

const countVisible = (tokens: readonly string[]) => tokens.reduce((n, t) => (isWhitespaceToken(t) ? n : n + 1), 0);

// Token diff of two texts, written to `out` only when it reads as an edit:
// it must stay within MAX_TOKEN_EDITS, and keep at least MIN_KEPT of the
// visible tokens of both texts (Dice again), else "replaced" reads better
// than confetti of shared characters. Long texts that are not even alike
// are not attempted, which is what keeps a full rewrite cheap.
function diffIfAlike(out: DiffSegment[], before: string[], after: string[]): boolean {
  const isSmall = before.length + after.length <= 2 * MAX_TOKEN_EDITS;
  if (!isSmall && similarity(bagOf(before), bagOf(after)) < MIN_SIMILARITY) return false;
  const changes = diffArrays(before, after, { maxEditLength: MAX_TOKEN_EDITS });
  if (!changes) return false;
  const kept = changes.reduce((n, c) => (c.added || c.removed ? n : n + countVisible(c.value)), 0);
  if ((2 * kept) / Math.max(countVisible(before) + countVisible(after), 1) < MIN_KEPT) return false;
  for (const change of changes) push(out, change.added ? 'insert' : change.removed ? 'delete' : 'equal', change.value.join(''));
  return true;
}

// One changed hunk of lines: tokens across the whole hunk when affordable
// (that follows paragraphs being split or merged). Otherwise the lines are
// aligned by likeness first, and each aligned pair is diffed together with
// the unmatched lines that follow it (a paragraph split off, merged in or
// added after it). What still fails is shown deleted and inserted whole.
function diffHunk(out: DiffSegment[], before: string[], after: string[]): void {
  if (diffIfAlike(out, tokenizeText(before.join('')), tokenizeText(after.join('')))) return;
  const b = before.map((line) => bagOf(tokenizeText(line)));
  const a = after.map((line) => bagOf(tokenizeText(line)));
  const isAlike = (i: number, j: number) => before[i] === after[j] || similarity(b[i]!, a[j]!) >= MIN_SIMILARITY;
  const aligned = diffArrays(
    before.map((_, i) => i),
    after.map((_, j) => j),
    { comparator: isAlike, maxEditLength: MAX_ALIGN_EDITS },
  );
  if (!aligned) {
    replaced(out, before.join(''), after.join(''));
    return;
  }
  // Groups of [before lines, after lines], each led by an aligned pair.
  const groups: [string[], string[]][] = [];
  let leading: [string[], string[]] = [[], []];
  let i = 0;
  let j = 0;
  for (const change of aligned) {
    const group = groups[groups.length - 1] ?? leading;
    if (change.removed) {
      group[0].push(...before.slice(i, i + change.count));
      i += change.count;
    } else if (change.added) {
      group[1].push(...after.slice(j, j + change.count));
      j += change.count;
    } else {
      for (let k = 0; k < change.count; k += 1, i += 1, j += 1) {
        groups.push(groups.length ? [[before[i]!], [after[j]!]] : [[...leading[0], before[i]!], [...leading[1], after[j]!]]);
        leading = [[], []];
      }
    }
  }
  if (!groups.length) groups.push(leading);
  for (const [groupBefore, groupAfter] of groups) {
    if (!diffIfAlike(out, tokenizeText(groupBefore.join('')), tokenizeText(groupAfter.join('')))) {
      replaced(out, groupBefore.join(''), groupAfter.join(''));
    }
  }
}

// Myers may match a character on the wrong side of a change: 今天天气 → 今日天气
// can come out as 今[+日]天[-天]气. An equality with a neighbouring change of
// the same text can swap places with it (both sides read the same), which
// puts the change next to its partner: 今[-天][+日]天气.
function slideEdits(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i]!;
    const previous = out[out.length - 1];
    const next = segments[i + 1];
    const isBetweenChanges = segment.kind === 'equal' && previous && previous.kind !== 'equal' && next && next.kind !== 'equal';
    if (isBetweenChanges && next.text === segment.text) {
      push(out, next.kind, next.text);
      push(out, 'equal', segment.text);
      i += 1;
    } else if (isBetweenChanges && previous.text === segment.text) {
      out.pop();
      push(out, 'equal', segment.text);
      push(out, previous.kind, previous.text);
    } else {
      push(out, segment.kind, segment.text);
    }
  }
  return out;
}

// Short runs of equal text between two changes make a diff hard to read
// (every shared 的 and 了 becomes an island); they are folded into the changes
// around them when shorter than the changes on both sides and one of those
// replaces text (after diff-match-patch's semantic cleanup). Between two
// plain insertions an unchanged character reads fine and stays.
function foldSmallEqualities(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  // The larger side of the change run starting at `from`, and whether it
  // replaces text (deletes and inserts) rather than only adding or removing.
  const change = (from: number, step: 1 | -1, list: DiffSegment[]) => {
    let inserted = 0;
    let deleted = 0;
    for (let i = from; i >= 0 && i < list.length && list[i]!.kind !== 'equal'; i += step) {
      if (list[i]!.kind === 'insert') inserted += list[i]!.text.length;
      else deleted += list[i]!.text.length;
    }
    return { length: Math.max(inserted, deleted), isReplacement: inserted > 0 && deleted > 0 };
  };
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i]!;
    const isBetweenChanges = segment.kind === 'equal' && out.length > 0 && i < segments.length - 1;
    const before = isBetweenChanges ? change(out.length - 1, -1, out) : null;
    const after = isBetweenChanges ? change(i + 1, 1, segments) : null;
    if (
      before &&
      after &&
      !segment.text.includes('\n') &&
      segment.text.length < before.length &&
      segment.text.length < after.length &&
      (before.isReplacement || after.isReplacement)
    ) {
      // Move the deletions and insertions of the preceding change to the end
      // so the folded text lands on both sides in order.
      let start = out.length;
      while (start > 0 && out[start - 1]!.kind !== 'equal') start -= 1;
      const previous = out.splice(start);
      const deleted = previous.filter((s) => s.kind === 'delete').map((s) => s.text).join('');
      const inserted = previous.filter((s) => s.kind === 'insert').map((s) => s.text).join('');
      replaced(out, deleted + segment.text, inserted + segment.text);
      continue;
    }
    push(out, segment.kind, segment.text);
  }
  return normalizeOrder(out);
}

const tidy = (segments: DiffSegment[]): DiffSegment[] => foldSmallEqualities(slideEdits(normalizeOrder(segments)));

// Within each run of changes, one deletion then one insertion.
function normalizeOrder(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  let deleted = '';
  let inserted = '';
  for (const segment of segments) {
    if (segment.kind === 'delete') deleted += segment.text;
    else if (segment.kind === 'insert') inserted += segment.text;
    else {
      replaced(out, deleted, inserted);
      deleted = inserted = '';
      push(out, 'equal', segment.text);
    }
  }
  replaced(out, deleted, inserted);
  return out;
}

// Anyone with both texts may call it; both are plain text (sanitizeStoryHtml().text).
export function diffStoryText(before: string, after: string): DiffSegment[] {
  if (before === after) return before ? [{ kind: 'equal', text: before }] : [];
  if (!before || !after) return before ? [{ kind: 'delete', text: before }] : [{ kind: 'insert', text: after }];
  const beforeLines = splitLines(before);
  const afterLines = splitLines(after);
  const lineChanges = diffArrays(beforeLines, afterLines, { maxEditLength: MAX_LINE_EDITS });
  const out: DiffSegment[] = [];
  if (!lineChanges) {
    diffHunk(out, beforeLines, afterLines);
    return tidy(out);
  }
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    if (removed.length || added.length) diffHunk(out, removed, added);
    removed = [];
    added = [];
  };
  for (const change of lineChanges) {
    if (change.removed) removed.push(...change.value);
    else if (change.added) added.push(...change.value);
    else {
      flush();
      push(out, 'equal', change.value.join(''));
    }
  }
  flush();
  return tidy(out);
}

// Characters (code points) inserted and deleted, for a one-line summary.
export function summarizeDiff(segments: readonly DiffSegment[]): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const { kind, text } of segments) {
    if (kind === 'insert') inserted += [...text].length;
    else if (kind === 'delete') deleted += [...text].length;
  }
  return { inserted, deleted };
}
