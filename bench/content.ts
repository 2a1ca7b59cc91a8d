// The text functions on the longest stories an editor meets: the revision
// diff (lib/content/diff.ts) and the server's sanitizer (lib/content). Prints
// median and p95 per case; proves nothing by assertion (the unit tests check
// what these inputs come out as).
//
//   npm run bench:content
//   BENCH_RUNS=5 npm run bench:content
import { diffStoryText } from '../lib/content/diff';
import { sanitizeStoryHtml } from '../lib/content/sanitize';
import { largeStoryHtml, sampleLines, sampleStory, scatterEdits, seededRandom } from '../tests/support/sample-text';
import { timeRepeated } from './support/repeat';

const runs = Number(process.env.BENCH_RUNS ?? 15);

const time = (label: string, run: () => unknown) => timeRepeated(label, runs, run);

function main() {
  console.log(`# Text functions (${runs} runs each after one warm-up; node ${process.version})\n`);
  const edited = seededRandom(42);
  const story = sampleStory(edited, 30_000);
  const withEdits = scatterEdits(edited, story);
  time('diff: 30,000 characters, 100 scattered edits', () => diffStoryText(story, withEdits));

  const rewritten = seededRandom(7);
  const first = sampleStory(rewritten, 30_000);
  const second = sampleStory(rewritten, 30_000);
  time('diff: 30,000 characters rewritten from top to bottom', () => diffStoryText(first, second));

  const lines = seededRandom(11);
  const before = sampleLines(lines, 15_000);
  const after = sampleLines(lines, 15_000);
  time('diff: 15,000 one-character lines against 15,000 others', () => diffStoryText(before, after));

  const html = largeStoryHtml(1_500_000);
  time(`sanitize: a ${(html.length / 1e6).toFixed(1)} M-character story with tables`, () => sanitizeStoryHtml(html));
}

main();
