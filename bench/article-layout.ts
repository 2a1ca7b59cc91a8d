// Style and layout work of one article page, Chinese (/articles/<id>) against
// English (/en/articles/<id>): Chromium at 4× CPU slowdown and a phone's
// width (as Lighthouse's mobile run), each load in a browser of its own, the
// languages alternating. Traces the renderer's main thread and prints the
// medians of style recalculation, layout, both together, all its tasks, and
// how many font faces it looked up, for both, and English over Chinese.
// Proves nothing by assertion.
//
//   npm run bench:article                       builds, then measures
//   BENCH_SKIP_BUILD=1 npm run bench:article    with the build already there
//   BENCH_BASE_URL=http://localhost:3000 npm run bench:article
//                                               against a server already running
//
//   BENCH_ARTICLE_RUNS     page loads per language (default 9)
//   BENCH_ARTICLE_ID       the article (default: the home page's first)
//   BENCH_CPU_SLOWDOWN     Chromium's CPU throttling rate (default 4)
//   BENCH_ARTICLE_CSS      a style sheet added to both pages (to try a cause without a build)
//   CHROMIUM_PATH          the browser (default /usr/bin/chromium)
//
// Without BENCH_BASE_URL the production server runs on the embedded
// database in a temporary directory, which seeds the demo's articles.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { startAppServer } from './support/app-server';
import { cleanUpAll, cleanUpOnSignals, onCleanup } from './support/cleanup';
import { numberFromEnv } from './support/env';
import { round1 } from './support/latency';
import { describeMachine, loadAverage } from './support/machine';

const runs = numberFromEnv('BENCH_ARTICLE_RUNS', 9);
const slowdown = numberFromEnv('BENCH_CPU_SLOWDOWN', 4);
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// CSS added to both pages: to try a cause without a build.
const extraCss = process.env.BENCH_ARTICLE_CSS ?? '';

type Sample = { styleLayoutMs: number; styleMs: number; layoutMs: number; taskMs: number; fontLookups: number };
const LANGUAGES = [
  { name: 'Chinese', prefix: '' },
  { name: 'English', prefix: '/en' },
] as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function firstArticle(base: string): Promise<string> {
  const explicit = process.env.BENCH_ARTICLE_ID;
  if (explicit) return explicit;
  const html = await (await fetch(`${base}/`)).text();
  const id = /href="\/articles\/(\d+)"/.exec(html)?.[1];
  if (!id) throw new Error(`no article linked from ${base}/`);
  return id;
}

// One cold load, traced: the renderer's main thread from navigation until
// the page settles. Style is UpdateLayoutTree (recalculation), layout is
// Layout; tasks are every top-level task of that thread. Each in the
// thread's own CPU time (tdur), not the wall clock: on a shared machine the
// wall clock mostly measures the neighbours.
type TraceEvent = { name: string; ph: string; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string } };

function sumTrace(events: TraceEvent[]): Sample {
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const total = (name: string) => events.filter((e) => e.ph === 'X' && e.name === name && mainThreads.has(`${e.pid}:${e.tid}`)).reduce((sum, e) => sum + (e.tdur ?? e.dur ?? 0), 0) / 1000;
  const styleMs = total('UpdateLayoutTree');
  const layoutMs = total('Layout');
  // How often a face was looked up for a family and style: counted, not
  // timed, so the same on a busy machine as on a quiet one.
  const fontLookups = events.filter((e) => e.name === 'FontCache::GetFontPlatformData' && mainThreads.has(`${e.pid}:${e.tid}`)).length;
  return { styleMs, layoutMs, styleLayoutMs: styleMs + layoutMs, taskMs: total('RunTask'), fontLookups };
}

async function measure(url: string): Promise<Sample> {
  // A browser of its own each time, as Lighthouse starts one: fonts are
  // found and loaded afresh, which is part of what a reader's first visit costs.
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    if (extraCss) await page.addInitScript((css) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        document.adoptedStyleSheets = [sheet];
      }, extraCss);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'fonts'] });
    await page.goto(url, { waitUntil: 'load' });
    // Hydration, the view beacon and the font size switch land after load.
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => page.waitForTimeout(2_000));
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    return sumTrace(trace.traceEvents);
  } finally {
    await browser.close();
  }
}

function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

async function main(): Promise<void> {
  cleanUpOnSignals();
  let base = process.env.BENCH_BASE_URL?.replace(/\/$/, '');
  if (!base) {
    if (process.env.BENCH_SKIP_BUILD !== '1') {
      const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
      if (build.status !== 0) throw new Error('npm run build failed');
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-article-'));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    base = (await startAppServer({ DATA_DIR: path.join(dir, 'data') }, dir)).base;
  }
  const id = await firstArticle(base);

  for (const line of describeMachine()) console.log(line);
  console.log(`article ${id}, ${runs} loads per language at ${slowdown}× CPU slowdown, 412 px wide`);
  // A first load of each fills the server's page cache.
  for (const language of LANGUAGES) await measure(`${base}${language.prefix}/articles/${id}`);

  const samples: Record<string, Sample[]> = { Chinese: [], English: [] };
  for (let run = 0; run < runs; run += 1) {
    for (const language of run % 2 ? [...LANGUAGES].reverse() : LANGUAGES) {
      samples[language.name]!.push(await measure(`${base}${language.prefix}/articles/${id}`));
    }
  }

  if (process.env.BENCH_ARTICLE_VERBOSE === '1') for (const [name, list] of Object.entries(samples)) console.log(name, list.map((x) => `${round1(x.styleMs)}+${round1(x.layoutMs)}`).join('  '));
  const summary = Object.fromEntries(
    LANGUAGES.map(({ name }) => {
      const s = samples[name]!;
      return [name, { style: median(s.map((x) => x.styleMs)), layout: median(s.map((x) => x.layoutMs)), styleLayout: median(s.map((x) => x.styleLayoutMs)), task: median(s.map((x) => x.taskMs)), fonts: median(s.map((x) => x.fontLookups)) }];
    }),
  ) as Record<'Chinese' | 'English', { style: number; layout: number; styleLayout: number; task: number; fonts: number }>;

  console.log('\n| page | style ms | layout ms | style + layout ms | main-thread tasks ms | font lookups |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const { name, prefix } of LANGUAGES) {
    const m = summary[name];
    console.log(`| ${name} (${prefix}/articles/${id}) | ${round1(m.style)} | ${round1(m.layout)} | ${round1(m.styleLayout)} | ${round1(m.task)} | ${m.fonts} |`);
  }
  console.log(`\nEnglish / Chinese, style + layout: ${(summary.English.styleLayout / summary.Chinese.styleLayout).toFixed(2)}; main-thread tasks: ${(summary.English.task / summary.Chinese.task).toFixed(2)}`);
  console.log(`load average ${loadAverage()}`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(cleanUpAll);
