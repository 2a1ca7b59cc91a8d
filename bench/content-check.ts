// The word check on the server (lib/content-check): 50,000 list entries
// against a 1.5 MB story body (UTF-8), compiled matcher reused as in a
// running instance. Prints the build time once, then median and p95 of the
// scan alone (folded text through the automaton) and of the whole check
// (folding, scan, hits, personal information) over repeated runs.
//
//   npm run bench:content
//   BENCH_RUNS=30 npm run bench:content
import { compileLists, checkContent, type MatchEntry } from '../lib/content-check/matcher';
import { foldTable, normalizeText } from '../lib/content-check/normalize';
import { SAMPLE_ALPHABET, seededRandom } from '../tests/support/sample-text';
import { timeRepeated } from './support/repeat';

const runs = Number(process.env.BENCH_RUNS ?? 20);
const ENTRIES = 50_000;
const BODY_BYTES = 1.5 * 1024 * 1024;

const time = (label: string, run: () => unknown) => timeRepeated(label, runs, run);

const random = seededRandom(2026);
const pick = () => SAMPLE_ALPHABET[Math.floor(random() * SAMPLE_ALPHABET.length)]!;
const word = (min: number, max: number) => Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, pick).join('');

// Lists as a site keeps them: mostly words of 3–8 characters, a quarter each
// forbidden, caution, correction and names with titles.
function entries(): MatchEntry[] {
  const categories: MatchEntry['category'][] = ['forbidden', 'caution', 'correction', 'name'];
  const seen = new Set<string>();
  const out: MatchEntry[] = [];
  while (out.length < ENTRIES) {
    const w = word(3, 8);
    if (seen.has(w)) continue;
    seen.add(w);
    const category = categories[out.length % 4]!;
    out.push({ listName: category, category, word: w, replacement: category === 'correction' ? word(3, 8) : '', title: category === 'name' ? word(2, 4) : '', titlePosition: 'before', validFrom: null, validTo: null });
  }
  return out;
}

// Paragraphs of 150 characters with Chinese punctuation and now and then a
// phone-like number, to 1.5 MB of UTF-8 (or, as the sanitizer's benchmark
// counts, 1.5 M characters).
function body(limit: number, unit: 'bytes' | 'chars'): string {
  const parts: string[] = [];
  let size = 0;
  while (size < limit) {
    let paragraph = '';
    for (let i = 0; i < 150; i++) paragraph += i % 17 === 16 ? '，' : pick();
    if (random() < 0.05) paragraph += `电话1${3 + Math.floor(random() * 7)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
    paragraph += '。';
    parts.push(paragraph);
    size += (unit === 'bytes' ? Buffer.byteLength(paragraph) : paragraph.length) + 1;
  }
  return parts.join('\n');
}

function main() {
  console.log(`# Word check (${runs} runs each after one warm-up; node ${process.version})\n`);
  let t0 = performance.now();
  foldTable();
  console.log(`fold table (once per process)${' '.repeat(33)} ${(performance.now() - t0).toFixed(1).padStart(7)} ms`);
  const list = entries();
  t0 = performance.now();
  const lists = compileLists(list);
  console.log(`compile ${ENTRIES.toLocaleString('en')} entries (on each change of the lists)${' '.repeat(9)} ${(performance.now() - t0).toFixed(1).padStart(7)} ms`);
  for (const [limit, unit] of [[BODY_BYTES, 'bytes'], [1_500_000, 'chars']] as const) {
    const text = body(limit, unit);
    console.log(`\nbody: ${text.length.toLocaleString('en')} characters, ${Buffer.byteLength(text).toLocaleString('en')} bytes`);
    const folded = normalizeText(text).text;
    let hits = 0;
    time('scan: folded body through the automaton', () => (hits = lists.automaton!.matchInText(folded).length));
    time('fold: the body to its matching form with offsets', () => normalizeText(text));
    let found = 0;
    time('check: fold, scan, hits, personal information', () => (found = checkContent(lists, { body: text }, { personal: 'caution', today: '2026-12-05' }).length));
    console.log(`${hits.toLocaleString('en')} raw matches, ${found.toLocaleString('en')} hits reported`);
  }
}

main();
