// Soak: the production server as `npm start` runs it, on one core, under ten
// minutes of a mixed load (home and columns, articles, thousands of distinct
// searches, the view beacon, signed-in /review and /desk), sampling its
// memory; then a burst of 1,000 connections to the home page, for how long
// readers wait when far more arrive than one instance serves. Prints the
// figures; proves nothing by assertion.
//
//   npm run bench:soak                                10 minutes mixed, 30 s burst
//   SOAK_SECONDS=60 SOAK_BURST_SECONDS=10 npm run bench:soak   a quick look
//
//   SOAK_SECONDS           length of the mixed soak (default 600)
//   SOAK_CONNECTIONS       its concurrent connections (default 12)
//   SOAK_SEARCHES          distinct search queries it cycles through (default 2700)
//   SOAK_STORIES           published stories seeded beside the demo (default 2000)
//   SOAK_BURST_CONNECTIONS, SOAK_BURST_SECONDS   the burst (default 1000, 30; 0 s skips it)
//   SOAK_PORT              the server's port (default 3300)
//   DATABASE_URL           create the database on this server instead of a throwaway one
//
// Needs a production build (`npm run build`) and taskset. The server runs on
// core 0, the load generators on core 1.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVER_CORE, startAppServer } from './support/app-server';
import { cleanUpAll, cleanUpOnSignals, onCleanup } from './support/cleanup';
import { seedSite, startBenchPostgres } from './support/database';
import { numberFromEnv } from './support/env';
import { beaconHeaders, getPage, waitUntilIdle } from './support/http';
import { LOAD_CORE, runLoad, type LoadResult } from './support/load';
import { describeMachine, loadAverage } from './support/machine';
import { runMixedLoad, type MixedResult, type RequestKind } from './support/mixed-load';
import { pinSelfToCore } from './support/processes';
import { sampleRss, type RssSummary } from './support/rss-sampler';
import { linksIn } from './support/site-pages';
import { PRODUCTION_SERVER_ENTRY } from '../scripts/production-server';

const seconds = numberFromEnv('SOAK_SECONDS', 600);
const connections = numberFromEnv('SOAK_CONNECTIONS', 12);
const searchCount = numberFromEnv('SOAK_SEARCHES', 2700);
const stories = numberFromEnv('SOAK_STORIES', 2000);
const burstConnections = numberFromEnv('SOAK_BURST_CONNECTIONS', 1000);
const burstSeconds = numberFromEnv('SOAK_BURST_SECONDS', 30);
const port = numberFromEnv('SOAK_PORT', 3300);

async function signIn(base: string, username: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, username, password }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.endsWith('tougao.session'))) throw new Error(`sign-in as ${username} failed (${res.status})`);
  return cookie();
}

type Site = { columns: string[]; articles: { path: string; storyId: number }[]; queries: string[] };

const CJK_RUN = /[\u4e00-\u9fff]{2,}/g;

// What readers reach from the home page: the columns it links to, the
// articles those list, and, for searches, the two-character words of those
// articles (every one finds something), then pairs of their characters (most
// find nothing: readers mistype too) until there are `count` queries.
async function discoverSite(base: string, count: number): Promise<Site> {
  const home = await getPage(`${base}/`);
  const columns = [...new Set(linksIn(home.html).map((l) => l.href).filter((href) => /^\/columns\/[^/?#]+$/.test(href)))];
  const articlePaths = new Set(linksIn(home.html).map((l) => l.href).filter((href) => href.startsWith('/articles/')));
  for (const column of columns) {
    for (const l of linksIn((await getPage(base + column)).html)) if (l.href.startsWith('/articles/')) articlePaths.add(l.href);
  }
  const articles: Site['articles'] = [];
  const words = new Set<string>();
  for (const articlePath of [...articlePaths].slice(0, 80)) {
    const page = await getPage(base + articlePath);
    const storyId = Number(/^\/articles\/(\d+)$/.exec(articlePath)?.[1] ?? /storyId\\?":(\d+)/.exec(page.html)?.[1]);
    if (page.status === 200 && storyId) articles.push({ path: articlePath, storyId });
    for (const run of page.html.match(CJK_RUN) ?? []) for (let i = 0; i + 2 <= run.length; i++) words.add(run.slice(i, i + 2));
  }
  if (!columns.length || !articles.length) throw new Error('the home page links to no column or no article');
  const queries = [...words].slice(0, count);
  const chars = [...new Set([...words].join(''))];
  for (let i = 0; queries.length < count && i < chars.length; i++) {
    for (let j = 0; queries.length < count && j < chars.length; j++) {
      const pair = chars[i]! + chars[j]!;
      if (i !== j && !words.has(pair)) queries.push(pair);
    }
  }
  return { columns, articles, queries };
}

// A day's traffic in one cycle of 20 requests: readers' pages (each also in
// English), searches each a query not asked for a while, the beacon every
// article view sends, and the two busiest signed-in pages.
function requestKinds(base: string, site: Site, editorCookie: string, correspondentCookie: string): RequestKind[] {
  const rotate = <T>(items: readonly T[]) => {
    let i = 0;
    return () => items[i++ % items.length]!;
  };
  const withEnglish = (paths: string[]) => paths.flatMap((p) => [p, p === '/' ? '/en' : `/en${p}`]);
  const home = rotate(withEnglish(['/']));
  const column = rotate(withEnglish(site.columns));
  const article = rotate(withEnglish(site.articles.map((a) => a.path)));
  const query = rotate(site.queries);
  const story = rotate(site.articles.map((a) => a.storyId));
  return [
    { name: 'home', weight: 2, next: () => ({ path: home() }) },
    { name: 'column', weight: 2, next: () => ({ path: column() }) },
    { name: 'article', weight: 5, next: () => ({ path: article() }) },
    { name: 'search', weight: 3, next: () => ({ path: `/search?q=${encodeURIComponent(query())}` }) },
    { name: 'beacon', weight: 4, next: () => ({ method: 'POST', path: `/api/views/${story()}`, headers: beaconHeaders(base) }) },
    { name: 'review (editor)', weight: 2, next: () => ({ path: '/review', headers: { cookie: editorCookie } }) },
    { name: 'desk (correspondent)', weight: 2, next: () => ({ path: '/desk', headers: { cookie: correspondentCookie } }) },
  ];
}

const thousands = (n: number) => n.toLocaleString('en');
const percent = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(2)} %` : '–');

function reportMix(mix: MixedResult, rss: RssSummary, queries: number): string[] {
  return [
    `| kind | responses | non-2xx |`,
    `| --- | --- | --- |`,
    ...Object.entries(mix.byKind).map(([name, k]) => `| ${name} | ${thousands(k.responses)} | ${thousands(k.non2xx)} |`),
    '',
    `${thousands(mix.responses)} responses (${mix.rps} req/s), p50 ${mix.p50} ms, p99 ${mix.p99} ms, max ${mix.maxMs} ms, errors ${mix.errors}, timeouts ${mix.timeouts}; ${thousands(queries)} distinct searches`,
    `RSS (server process tree, every second): median ${rss.medianMb} MB, peak ${rss.peakMb} MB (${rss.samples} samples)`,
  ];
}

function reportBurst(burst: LoadResult, rss: RssSummary): string[] {
  const answered = burst.responses;
  const sent = answered + burst.errors;
  const shed = burst.status['503'] ?? 0;
  return [
    `| connections | responses | answered | 503 | > 5 s | p50 ms | p99 ms | p99.9 ms | max ms | errors | load gen CPU |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
    `| ${thousands(burstConnections)} | ${thousands(answered)} | ${percent(answered, sent)} | ${percent(shed, answered)} | ${percent(burst.over5s, answered)} | ${burst.p50} | ${burst.p99} | ${burst.p999} | ${burst.maxMs} | ${burst.errors} (${burst.timeouts} timeouts) | ${burst.generatorCpuPercent} % |`,
    `statuses: ${Object.entries(burst.status).map(([code, n]) => `${code}×${thousands(n)}`).join(' ')}; RSS median ${rss.medianMb} MB, peak ${rss.peakMb} MB`,
  ];
}

async function main() {
  cleanUpOnSignals();
  if (!existsSync(PRODUCTION_SERVER_ENTRY)) throw new Error('No production build: run `npm run build` first.');
  console.log(describeMachine().join('\n'));
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'tougao-soak-'));
  // Kept when the run fails: the server's log is there.
  let isDone = false;
  onCleanup(() => {
    if (isDone) rmSync(workDir, { recursive: true, force: true });
  });
  const db = await startBenchPostgres();
  const seed = await seedSite({ DATABASE_URL: db.url }, stories);
  console.log(`seeded the demo and ${thousands(seed.stories)} published stories in ${Math.round(seed.storiesS + seed.searchIndexS + seed.fingerprintsS)} s`);

  const server = await startAppServer({ DATABASE_URL: db.url, DATA_DIR: path.join(workDir, 'data') }, workDir, port);
  console.log(`server up in ${server.startupS} s (pid ${server.pid}, core ${SERVER_CORE}), load ${loadAverage()}`);
  pinSelfToCore(LOAD_CORE);
  const editor = await signIn(server.base, 'editor1', 'tougao-demo-2026');
  const correspondent = await signIn(server.base, 'fangyong', 'tougao-demo-2026');
  const site = await discoverSite(server.base, searchCount);
  const kinds = requestKinds(server.base, site, editor, correspondent);

  const rss = sampleRss(server.pid);
  rss.resume();
  const mix = await runMixedLoad(server.base, kinds, connections, seconds);
  const mixRss = rss.stop();
  console.log(`\n## Mixed soak: ${seconds} s, ${connections} connections, ${site.articles.length} articles, ${site.columns.length} columns, load ${loadAverage()}\n`);
  console.log(reportMix(mix, mixRss, Math.min(site.queries.length, mix.byKind.search?.responses ?? 0)).join('\n'));
  // The figures of a server that stopped halfway are not a soak's: say so.
  await waitUntilIdle(server.base, 5_000, 60_000).catch(() => {
    throw new Error(`the server stopped answering during the soak; its log: ${path.join(workDir, `server-${port}.log`)}`);
  });

  if (burstSeconds > 0) {
    const burstRss = sampleRss(server.pid);
    burstRss.resume();
    const burst = await runLoad({ url: `${server.base}/`, connections: burstConnections, durationS: burstSeconds });
    console.log(`\n## Burst: ${burstConnections} connections to / for ${burstSeconds} s, load ${loadAverage()}\n`);
    console.log(reportBurst(burst, burstRss.stop()).join('\n'));
  }
  isDone = true;
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanUpAll());
