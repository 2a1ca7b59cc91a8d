// The app's public pages under load, one after another: the article, home,
// a column page deep in the archive, search and the view beacon, the last
// with a check that every view answered 200 was counted exactly once.
import os from 'node:os';
import type { AppServer } from './app-server';
import { beaconHeaders, getPage, medianAloneMs, waitUntilIdle } from './http';
import { runLoad, warmThenMeasure, type LoadResult } from './load';
import type { Row } from './report';
import type { RssSampler } from './rss-sampler';
import { findArticle, findDeepColumnPage, type Article, type DeepColumnPage } from './site-pages';

export type LoadSettings = { connections: number; warmupS: number; measureS: number };

// How a story's read count is read before and after the beacon's run. A
// probe through the beacon counts a view itself (probeCountsItself).
export type ViewCounter = { read: () => Promise<number>; probeCountsItself: boolean; how: string };

export type BeaconCheck = { answered200: number; counted: number; isExact: boolean; how: string };

export type SiteFigures = {
  article: LoadResult;
  home: LoadResult;
  column: LoadResult;
  search: LoadResult | null;
  beacon: LoadResult;
  beaconCheck: BeaconCheck;
  rows: Row[];
};

// A word of two characters: the search must find it inside longer words.
export const SEARCH_PATH = `/search?q=${encodeURIComponent('律师')}`;
// How far down a column the deep page is: ~1,000 stories at 20 a page.
export const COLUMN_PAGES_DEEP = 50;

export type SitePages = { article: Article; column: DeepColumnPage; searchStatus: number };

export async function discoverPages(base: string): Promise<SitePages> {
  const article = await findArticle(base);
  const column = await findDeepColumnPage(base, COLUMN_PAGES_DEEP);
  const search = await getPage(base + SEARCH_PATH);
  return { article, column, searchStatus: search.status };
}

// Counts through the beacon itself: the one way to read the count of an
// embedded database, which only the server's process may open.
export function beaconViewCounter(base: string, storyId: number): ViewCounter {
  return {
    how: 'read through the beacon (each probe counts one view, subtracted)',
    probeCountsItself: true,
    read: async () => {
      const res = await fetch(`${base}/api/views/${storyId}`, { method: 'POST', headers: beaconHeaders(base) });
      const body = (await res.json()) as { views?: number };
      if (typeof body.views !== 'number') throw new Error(`the view beacon answered ${res.status}`);
      return body.views;
    },
  };
}

const load1 = () => os.loadavg()[0]!;

// The count once it has stopped moving: the warm-up, cut off by time, leaves
// requests in flight that land later (on the embedded database, which runs
// one query at a time, seconds later), and each instance writes the views it
// counted once a second (lib/view-buffer.ts). Returns the last reading and
// how many readings were taken (each counts a view when the probe does).
async function readSettledCount(counter: ViewCounter): Promise<{ count: number; reads: number }> {
  let previous = await counter.read();
  // Longer apart than an instance's write interval, so a write due between
  // two readings has landed by the second.
  for (let reads = 2; reads <= 50; reads++) {
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const current = await counter.read();
    if (current - previous - (counter.probeCountsItself ? 1 : 0) === 0) return { count: current, reads };
    previous = current;
  }
  throw new Error('the read count was still moving 2 minutes after the load');
}

// The beacon's rate is measured like the pages', but the measured run is a
// fixed number of requests (the warm-up's rate times the duration): a run cut
// off by time leaves requests in flight that the server may count after
// the generator stopped listening, and the check must be exact.
async function measureBeacon(server: AppServer, storyId: number, settings: LoadSettings, counter: ViewCounter): Promise<{ result: LoadResult; check: BeaconCheck }> {
  const spec = { url: `${server.base}/api/views/${storyId}`, method: 'POST' as const, headers: beaconHeaders(server.base), connections: settings.connections };
  const warm = await runLoad({ ...spec, durationS: Math.max(1, settings.warmupS) });
  await waitUntilIdle(server.base);
  const before = (await readSettledCount(counter)).count;
  const result = await runLoad({ ...spec, amount: Math.max(200, Math.round(warm.rps * settings.measureS)) });
  // Settled as well: views answered at the end may still be on their way to
  // the database.
  const after = await readSettledCount(counter);
  const counted = after.count - before - (counter.probeCountsItself ? after.reads : 0);
  const answered200 = result.status['200'] ?? 0;
  return { result, check: { answered200, counted, isExact: counted === answered200, how: counter.how } };
}

// `rss` samples the server only while load runs.
export async function measureSite(server: AppServer, pages: SitePages, settings: LoadSettings, counter: ViewCounter, rss: RssSampler): Promise<SiteFigures> {
  const rows: Row[] = [];
  const measurePage = async (name: string, path: string, note?: string): Promise<LoadResult> => {
    await waitUntilIdle(server.base);
    const aloneMs = await medianAloneMs(server.base + path);
    rss.resume();
    const result = await warmThenMeasure({ url: server.base + path, connections: settings.connections }, settings.warmupS, settings.measureS);
    rss.pause();
    rows.push({ name, result, note, load: load1(), aloneMs });
    console.log(`  measured ${name}: ${result.rps} req/s, p99 ${result.p99} ms`);
    return result;
  };
  const article = await measurePage('article', pages.article.path, pages.article.path);
  const home = await measurePage('home', '/');
  const column = await measurePage(`column, ${pages.column.depth} pages deep`, pages.column.path, pages.column.path);
  let search: LoadResult | null = null;
  if (pages.searchStatus === 404) {
    rows.push({ name: 'search 律师', result: null, note: `${SEARCH_PATH} is a 404 on this commit` });
  } else {
    search = await measurePage('search 律师', SEARCH_PATH, pages.searchStatus === 200 ? undefined : `answered ${pages.searchStatus} before the run`);
  }
  await waitUntilIdle(server.base);
  rss.resume();
  const beacon = await measureBeacon(server, pages.article.storyId, settings, counter);
  rss.pause();
  const exactness = `${beacon.check.answered200.toLocaleString('en')} answered 200, ${beacon.check.counted.toLocaleString('en')} counted: ${beacon.check.isExact ? 'exact' : 'NOT exact'}`;
  rows.push({ name: 'view beacon (POST)', result: beacon.result, note: exactness, load: load1() });
  console.log(`  measured view beacon: ${beacon.result.rps} req/s; ${exactness}`);
  return { article, home, column, search, beacon: beacon.result, beaconCheck: beacon.check, rows };
}
