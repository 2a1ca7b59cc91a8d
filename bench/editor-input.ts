// Typing latency in the story editor: a correspondent types into a
// 50,000-character story in Chromium at 4× CPU slowdown, with the word check
// (文字检查) on and off. Prints median and p95 of each keystroke's time from
// the key to the frame after it (keydown → requestAnimationFrame → the next
// task), and the Event Timing API's view of the same keys (entries of 16 ms
// and more; shorter ones are not reported by the browser and count as < 16).
// Proves nothing by assertion.
//
//   npm run bench:editor                          builds, then measures (~8 min here)
//   BENCH_SKIP_BUILD=1 npm run bench:editor       with the build already there
//
//   BENCH_EDITOR_CHARS     characters of the story (default 50000)
//   BENCH_EDITOR_KEYS      keystrokes per run (default 300)
//   BENCH_EDITOR_RUNS      runs per mode, alternating (default 2)
//   BENCH_CPU_SLOWDOWN     Chromium's CPU throttling rate (default 4)
//   BENCH_EDITOR_FAKE_CHECK=1   answer the checks in the browser (the editor's own
//                          cost alone, without the server's matcher and lists)
//   BENCH_EDITOR_NICE      the browser's nice value, e.g. -10 on a machine others keep
//                          busy (lower than 0 needs root; default: unchanged)
//   CHROMIUM_PATH          the browser (default /usr/bin/chromium)
//   DATABASE_URL           create the database on this server instead of a throwaway one
//
// The server runs on core 0; Chromium and this script on core 1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startAppServer } from './support/app-server';
import { cleanUpAll, cleanUpOnSignals, onCleanup } from './support/cleanup';
import { startBenchPostgres } from './support/database';
import { numberFromEnv } from './support/env';
import { percentile, round1 } from './support/latency';
import { describeMachine, loadAverage } from './support/machine';
import { pinSelfToCore } from './support/processes';
import { seedEditorBench, BENCH_CORRESPONDENT, BENCH_PASSWORD, WRONG_WORDS } from './support/editor-bench-data';

const storyChars = numberFromEnv('BENCH_EDITOR_CHARS', 50_000);
const keys = numberFromEnv('BENCH_EDITOR_KEYS', 300);
const runs = numberFromEnv('BENCH_EDITOR_RUNS', 2);
const slowdown = numberFromEnv('BENCH_CPU_SLOWDOWN', 4);
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const fakeCheck = process.env.BENCH_EDITOR_FAKE_CHECK === '1';
const BROWSER_CORE = 1;

type Mode = 'checks on' | 'checks off';
type RunResult = { mode: Mode; frameMs: number[]; eventMs: number[]; keys: number; checks: number; marks: number };

const PARAGRAPH =
  '本报讯 为进一步推进法治社会建设，区人民法院近日组织干警深入辖区社区、学校和企业开展普法宣传活动，围绕群众关心的婚姻家庭、劳动争议、民间借贷等问题进行现场解答，既使天气炎热，群众参与热情依然很高。活动中，干警还结合典型案例讲解了防范电信网络诈骗的常识，消息不径而走，吸引了许多居民前来咨询。';

// A long story of realistic paragraphs in which the words of the bench's
// correction list recur (about one hit per 100 characters).
function storyHtml(chars: number): string {
  const paragraphs: string[] = [];
  let total = 0;
  for (let i = 0; total < chars; i += 1) {
    const text = `${i + 1}. ${PARAGRAPH}`;
    paragraphs.push(i % 25 === 0 ? `<h2>第${i / 25 + 1}部分</h2>` : `<p>${text}</p>`);
    total += text.length;
  }
  return paragraphs.join('');
}

// What the server would answer for the bench's correction list.
function fakeHits(sent: string): { field: 'body'; start: number; end: number; text: string; category: 'correction'; suggestion: string }[] {
  const body = (JSON.parse(sent) as { body?: string }).body ?? '';
  const hits = [];
  for (const [wrong, right] of WRONG_WORDS) {
    for (let at = body.indexOf(wrong); at >= 0; at = body.indexOf(wrong, at + wrong.length)) hits.push({ field: 'body' as const, start: at, end: at + wrong.length, text: wrong, category: 'correction' as const, suggestion: right });
  }
  return hits;
}

async function signIn(page: Page, base: string): Promise<void> {
  const csrf = await page.request.get(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await page.request.post(`${base}/api/auth/callback/credentials`, { form: { csrfToken, username: BENCH_CORRESPONDENT, password: BENCH_PASSWORD }, maxRedirects: 0 });
  if (res.status() !== 302 || /error=/.test(res.headers()['location'] ?? '')) throw new Error(`sign-in failed (${res.status()})`);
}

// The story is pasted into a new draft as a writer would paste it from Word, and autosaved.
async function createStory(browser: Browser, base: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await signIn(page, base);
  await page.goto(`${base}/desk/new`);
  await page.locator('#title').fill('长篇稿件输入延迟测试');
  const editor = page.locator('.story-editor-content');
  await editor.click();
  await editor.evaluate((el, html) => {
    const data = new DataTransfer();
    data.setData('text/html', html);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, storyHtml(storyChars));
  await page.waitForURL(/\/desk\/\d+$/, { timeout: 120_000 });
  await page.getByText(/已保存|Saved/).first().waitFor({ timeout: 120_000 });
  const id = Number(/\/desk\/(\d+)$/.exec(page.url())![1]);
  await context.close();
  return id;
}

// Keys as a writer types them: 60–250 ms apart, a pause of about a second
// every 15–30 keys (each one lets a check run), a space now and then.
function typingPlan(count: number, seed: number): { key: string; gapMs: number }[] {
  let s = seed;
  const random = () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const plan: { key: string; gapMs: number }[] = [];
  let untilPause = 15 + Math.floor(random() * 15);
  for (let i = 0; i < count; i += 1) {
    const key = random() < 0.15 ? ' ' : String.fromCharCode(97 + Math.floor(random() * 26));
    untilPause -= 1;
    const gapMs = untilPause <= 0 ? 900 + random() * 700 : 60 + random() * 190;
    if (untilPause <= 0) untilPause = 15 + Math.floor(random() * 15);
    plan.push({ key, gapMs });
  }
  return plan;
}

async function measure(browser: Browser, base: string, storyId: number, mode: Mode, seed: number): Promise<RunResult> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await signIn(page, base);
  let checks = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/content-check')) checks += 1;
  });
  if (fakeCheck) await page.route('**/api/content-check', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ hits: fakeHits(route.request().postData() ?? '{}') }) }));
  await page.addInitScript((off) => {
    if (off) window.localStorage.setItem('tougao:text-check:auto', 'off');
    else window.localStorage.removeItem('tougao:text-check:auto');
    const w = window as unknown as { __frameMs: number[]; __eventMs: number[] };
    w.__frameMs = [];
    w.__eventMs = [];
    document.addEventListener(
      'keydown',
      (e) => {
        const t0 = e.timeStamp;
        requestAnimationFrame(() => setTimeout(() => w.__frameMs.push(performance.now() - t0), 0));
      },
      true,
    );
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'keydown') w.__eventMs.push(entry.duration);
    }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  }, mode === 'checks off');
  await page.goto(`${base}/desk/${storyId}`);
  const editor = page.locator('.story-editor-content');
  await editor.waitFor();
  // The first check of the whole story, before typing starts.
  if (mode === 'checks on') await page.locator('[data-testid=text-check-count]').waitFor({ timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  // Typing goes into the middle of the story.
  await editor.locator('p').nth(Math.floor(storyChars / PARAGRAPH.length / 2)).click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    const w = window as unknown as { __frameMs: number[]; __eventMs: number[] };
    w.__frameMs.length = 0;
    w.__eventMs.length = 0;
  });
  const checksBefore = checks;
  for (const { key, gapMs } of typingPlan(keys, seed)) {
    await page.keyboard.press(key === ' ' ? 'Space' : key);
    await page.waitForTimeout(gapMs);
  }
  await page.waitForTimeout(1500);
  const result = await page.evaluate(() => {
    const w = window as unknown as { __frameMs: number[]; __eventMs: number[] };
    return { frameMs: [...w.__frameMs], eventMs: [...w.__eventMs], marks: document.querySelectorAll('.text-check-hit').length };
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await context.close();
  return { mode, ...result, keys, checks: checks - checksBefore };
}

// p95 of the Event Timing durations, reading the keys the browser did not
// report (under 16 ms) as 0: null when fewer than 5 % reached 16 ms.
function eventP(durations: number[], total: number, p: number): number | null {
  const sorted = [...durations].sort((a, b) => a - b);
  const missing = total - sorted.length;
  const rank = Math.ceil((p / 100) * total) - 1 - missing;
  return rank < 0 ? null : (sorted[Math.min(rank, sorted.length - 1)] ?? null);
}

function summarize(results: RunResult[]) {
  const frame = results.flatMap((r) => r.frameMs).sort((a, b) => a - b);
  const events = results.flatMap((r) => r.eventMs);
  const total = results.reduce((n, r) => n + r.keys, 0);
  const fmt = (v: number | null) => (v === null ? '< 16' : round1(v).toFixed(1));
  return {
    keys: total,
    frameMedian: round1(percentile(frame, 50)),
    frameP95: round1(percentile(frame, 95)),
    frameMax: round1(frame.at(-1) ?? 0),
    eventMedian: fmt(eventP(events, total, 50)),
    eventP95: fmt(eventP(events, total, 95)),
    over50: events.filter((d) => d >= 50).length,
    checks: results.reduce((n, r) => n + r.checks, 0),
    marks: Math.max(...results.map((r) => r.marks)),
  };
}

async function main() {
  cleanUpOnSignals();
  console.log(describeMachine().join('\n'));
  console.log(`story:    ${storyChars} characters, ${keys} keys per run, ${runs} runs per mode, CPU slowdown ${slowdown}×${process.env.BENCH_EDITOR_NICE ? `, browser at nice ${process.env.BENCH_EDITOR_NICE}` : ''}\n`);
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the build failed');
  }
  const pg = await startBenchPostgres();
  await seedEditorBench(pg.url);
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'tougao-bench-editor-'));
  onCleanup(() => rmSync(logDir, { recursive: true, force: true }));
  const server = await startAppServer({ DATABASE_URL: pg.url, DATA_DIR: logDir }, logDir);
  pinSelfToCore(BROWSER_CORE);
  // Chromium inherits this process's core and priority.
  if (process.env.BENCH_EDITOR_NICE) os.setPriority(0, Number(process.env.BENCH_EDITOR_NICE));
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-renderer-backgrounding'] });
  onCleanup(() => browser.close());

  const storyId = await createStory(browser, server.base);
  console.log(`story ${storyId} created; correction words in it: ${WRONG_WORDS.map(([w, r]) => `${w} → ${r}`).join(', ')}${fakeCheck ? ' (checks answered in the browser)' : ''}\n`);
  const results: RunResult[] = [];
  for (let i = 0; i < runs; i += 1) {
    for (const mode of (i % 2 === 0 ? ['checks off', 'checks on'] : ['checks on', 'checks off']) as Mode[]) {
      const result = await measure(browser, server.base, storyId, mode, 7 + i);
      const s = summarize([result]);
      console.log(`run ${i + 1}, ${mode}: frame median ${s.frameMedian} ms, p95 ${s.frameP95} ms; event p95 ${s.eventP95} ms; checks sent ${s.checks}; marks ${s.marks}; load ${loadAverage()}`);
      results.push(result);
    }
  }
  console.log('\n| mode | keys | key → next frame median ms | p95 ms | max ms | Event Timing median / p95 ms | keys ≥ 50 ms | checks sent | marks in the body |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const mode of ['checks off', 'checks on'] as Mode[]) {
    const s = summarize(results.filter((r) => r.mode === mode));
    console.log(`| ${mode} | ${s.keys} | ${s.frameMedian} | ${s.frameP95} | ${s.frameMax} | ${s.eventMedian} / ${s.eventP95} | ${s.over50} | ${s.checks} | ${s.marks} |`);
  }
  const on = summarize(results.filter((r) => r.mode === 'checks on'));
  console.log(`\ntarget p95 < 50 ms at ${slowdown}× slowdown with the checks on: ${on.frameP95 < 50 ? 'met' : 'NOT met'} (${on.frameP95} ms)`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanUpAll());
