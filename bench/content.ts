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

const runs = Number(process.env.BENCH_RUNS ?? 15);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function time(label: string, run: () => unknown): void {
  run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(62)} median ${quantile(samples, 0.5).toFixed(1).padStart(7)} ms   p95 ${quantile(samples, 0.95).toFixed(1).padStart(7)} ms`);
}

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
