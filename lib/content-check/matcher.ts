import { AhoCorasick } from '@monyone/aho-corasick/fast';
import { normalizeEntry, normalizeText } from './normalize';
import { findPersonalInfo } from './pii';
import { CHECK_FIELDS, type CheckCategory, type CheckField, type CheckHit, type CheckInput } from './types';

// Pure: the word lists compiled into one automaton (Aho–Corasick over the
// folded forms of every entry) and the check of a story's fields against it.

export type ListCategory = 'forbidden' | 'caution' | 'correction' | 'name';

// How strictly personal information is treated (a site setting): not looked
// for, a caution, or forbidden.
export type PersonalLevel = 'off' | 'caution' | 'forbidden';

export type MatchEntry = {
  listName: string;
  category: ListCategory;
  word: string;
  // A correction's right form.
  replacement: string;
  // A name's title, written right before (市长张三) or right after (张三市长) it.
  title: string;
  titlePosition: 'before' | 'after';
  // Inclusive dates (YYYY-MM-DD) a name's title holds; null: open.
  validFrom: string | null;
  validTo: string | null;
};

type Compiled = MatchEntry & { folded: string; foldedTitle: string };

export type CompiledLists = {
  automaton: AhoCorasick | null;
  byWord: Map<string, Compiled[]>;
  entryCount: number;
};

const HIT_CATEGORY: Record<ListCategory, CheckCategory> = { forbidden: 'forbidden', caution: 'caution', correction: 'correction', name: 'name' };
const CATEGORY_ORDER: readonly CheckCategory[] = ['forbidden', 'caution', 'personal', 'name', 'correction'];

export function compileLists(entries: readonly MatchEntry[]): CompiledLists {
  const byWord = new Map<string, Compiled[]>();
  for (const entry of entries) {
    const folded = normalizeEntry(entry.word);
    if (!folded) continue;
    const compiled: Compiled = { ...entry, folded, foldedTitle: entry.category === 'name' ? normalizeEntry(entry.title) : '' };
    const same = byWord.get(folded);
    if (same) same.push(compiled);
    else byWord.set(folded, [compiled]);
  }
  return { automaton: byWord.size ? new AhoCorasick([...byWord.keys()]) : null, byWord, entryCount: entries.length };
}

export function expectedName(entry: Pick<MatchEntry, 'word' | 'title' | 'titlePosition'>): string {
  return entry.titlePosition === 'before' ? `${entry.title}${entry.word}` : `${entry.word}${entry.title}`;
}

function appliesOn(entry: Pick<MatchEntry, 'validFrom' | 'validTo'>, today: string): boolean {
  return (entry.validFrom === null || entry.validFrom <= today) && (entry.validTo === null || today <= entry.validTo);
}

function checkField(lists: CompiledLists, field: CheckField, value: string, personal: PersonalLevel, today: string): CheckHit[] {
  const hits: CheckHit[] = [];
  const at = (start: number, end: number, category: CheckCategory, extra: Pick<CheckHit, 'suggestion' | 'detail'>): CheckHit => ({
    field,
    start,
    end,
    text: value.slice(start, end),
    category,
    ...extra,
  });
  if (lists.automaton && value) {
    const folded = normalizeText(value);
    for (const match of lists.automaton.matchInText(folded.text)) {
      const start = folded.origin[match.begin]!;
      const end = folded.origin[match.end - 1]! + 1;
      const entries = lists.byWord.get(match.keyword)!;
      const names = entries.filter((e) => e.category === 'name' && appliesOn(e, today));
      // A name is fine when any title in force for it stands where its entry says.
      const named = names.some((e) =>
        e.titlePosition === 'before'
          ? folded.text.slice(match.begin - e.foldedTitle.length, match.begin) === e.foldedTitle
          : folded.text.slice(match.end, match.end + e.foldedTitle.length) === e.foldedTitle,
      );
      for (const entry of entries) {
        if (entry.category === 'name') {
          if (!named && appliesOn(entry, today)) hits.push(at(start, end, 'name', { suggestion: expectedName(entry), detail: entry.listName }));
        } else if (entry.category === 'correction') {
          hits.push(at(start, end, 'correction', { suggestion: entry.replacement, detail: entry.listName }));
        } else hits.push(at(start, end, HIT_CATEGORY[entry.category], { detail: entry.listName }));
      }
    }
  }
  if (personal !== 'off' && value) {
    for (const found of findPersonalInfo(value)) hits.push(at(found.start, found.end, 'personal', { detail: found.kind }));
  }
  return hits;
}

function hitKey(hit: CheckHit): string {
  return `${hit.field}\u0000${hit.start}\u0000${hit.end}\u0000${hit.category}\u0000${hit.suggestion ?? ''}\u0000${hit.detail ?? ''}`;
}

// Every hit, overlaps included, in one order: field, start, longest first,
// then category and the rest, so two checks of one text agree exactly.
export function sortHits(hits: CheckHit[]): CheckHit[] {
  const fieldIndex = (f: CheckField) => CHECK_FIELDS.indexOf(f);
  return hits.sort(
    (a, b) =>
      fieldIndex(a.field) - fieldIndex(b.field) ||
      a.start - b.start ||
      b.end - a.end ||
      CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
      (a.suggestion ?? '').localeCompare(b.suggestion ?? '') ||
      (a.detail ?? '').localeCompare(b.detail ?? ''),
  );
}

export type CheckOptions = { personal: PersonalLevel; today: string };

export function checkContent(lists: CompiledLists, input: CheckInput, options: CheckOptions): CheckHit[] {
  const seen = new Set<string>();
  const hits: CheckHit[] = [];
  for (const field of CHECK_FIELDS) {
    for (const hit of checkField(lists, field, input[field] ?? '', options.personal, options.today)) {
      const key = hitKey(hit);
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push(hit);
    }
  }
  return sortHits(hits);
}

// How a hit weighs at submit and sign-off: forbidden blocks, caution needs a
// confirmation, corrections and names are advice; personal information as
// the setting says.
export function severityOf(hit: Pick<CheckHit, 'category'>, personal: PersonalLevel): 'forbidden' | 'caution' | 'advice' {
  if (hit.category === 'forbidden') return 'forbidden';
  if (hit.category === 'caution') return 'caution';
  if (hit.category === 'personal') return personal === 'forbidden' ? 'forbidden' : 'caution';
  return 'advice';
}
