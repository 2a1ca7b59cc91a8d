// The public site under load on one core: the article, home, a deep column
// page, search and the view beacon of the production server on a large
// archive, then nginx serving the article as a static file and through the
// shipped deploy/nginx.conf, then the app again on the embedded database.
// Prints the figures and the issue's targets met or not; asserts nothing.
//
//   npm run bench                      the full run: 100,000 stories, 5 s warm-up + 20 s per row
//   BENCH_STORIES=2000 BENCH_WARMUP_S=2 BENCH_SECONDS=5 BENCH_SKIP_BUILD=1 npm run bench
//                                      a quick look
//
//   BENCH_STORIES         published stories to seed (default 100000)
//   BENCH_PGLITE_STORIES  the same for the embedded-database run (default BENCH_STORIES)
//   BENCH_WARMUP_S, BENCH_SECONDS, BENCH_CONNECTIONS   per row (default 5, 20, 50)
//   BENCH_SKIP_BUILD=1    use the existing production build
//   BENCH_SKIP_PGLITE=1   PostgreSQL only
//   DATABASE_URL          create the benchmark database on this server instead
//                         of starting a throwaway one (it is dropped at the end)
//
// The server, and a throwaway PostgreSQL with it, run on core 0; the load
// generator on core 1. Needs taskset and nginx (Debian: util-linux, nginx).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVER_CORE, startAppServer, type AppDatabaseEnv } from './support/app-server';
import { cleanUpAll, cleanUpOnSignals, onCleanup } from './support/cleanup';
import { readViewTotal, seedSite, startBenchPostgres } from './support/database';
import { numberFromEnv } from './support/env';
import { LOAD_CORE } from './support/load';
import { describeMachine, loadAverage } from './support/machine';
import { measureNginx, type NginxFigures } from './support/measure-nginx';
import { beaconViewCounter, discoverPages, measureSite, type LoadSettings, type SiteFigures, type ViewCounter } from './support/measure-site';
import { formatTable, verdict, type Row } from './support/report';
import { pinSelfToCore } from './support/processes';
import { sampleRss, type RssSummary } from './support/rss-sampler';
import type { SeedTimings } from './seed-public-site';
import { PRODUCTION_SERVER_ENTRY } from '../scripts/production-server';

const stories = numberFromEnv('BENCH_STORIES', 100_000);
const pgliteStories = numberFromEnv('BENCH_PGLITE_STORIES', stories);
const settings: LoadSettings = {
  connections: numberFromEnv('BENCH_CONNECTIONS', 50),
  warmupS: numberFromEnv('BENCH_WARMUP_S', 5),
  measureS: numberFromEnv('BENCH_SECONDS', 20),
};

type Phase = { label: string; stories: number; site: SiteFigures; rss: RssSummary; nginx: NginxFigures | null };

function build(): void {
  if (process.env.BENCH_SKIP_BUILD === '1') {
    if (!existsSync(PRODUCTION_SERVER_ENTRY)) throw new Error('BENCH_SKIP_BUILD=1 but there is no production build: run `npm run build`.');
    console.log('Using the existing production build (BENCH_SKIP_BUILD=1).');
    return;
  }
  console.log('Building (npm run build)…');
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

function describeSeed(seed: SeedTimings): string {
  return (
    `seeded ${seed.stories.toLocaleString('en')} published stories: ${seed.storiesS} s, ` +
    `duplicate-check bands ${seed.fingerprintsS} s, search copy (the start-up backfill's own function) ${seed.searchIndexS} s, vacuum analyze ${seed.vacuumS} s`
  );
}

// Starts the app on `database`, finds its pages, measures them (and nginx in
// front of it when asked), stops it.
async function measurePhase(label: string, database: AppDatabaseEnv, count: number, counterFor: (base: string, storyId: number) => ViewCounter, withNginx: boolean, logDir: string): Promise<Phase> {
  // Not earlier: the build and the PostgreSQL seed use both cores (the
  // embedded database's seed runs on one thread either way).
  pinSelfToCore(LOAD_CORE);
  const server = await startAppServer(database, logDir);
  try {
    console.log(`server up in ${server.startupS} s (pid ${server.pid}, core ${SERVER_CORE}), load ${loadAverage()}`);
    const pages = await discoverPages(server.base);
    console.log(`article ${pages.article.path} (story ${pages.article.storyId}, ${(pages.article.html.length / 1024).toFixed(1)} KiB); column page ${pages.column.path} (${pages.column.depth} "older" links followed)`);
    const rss = sampleRss(server.pid);
    const site = await measureSite(server, pages, settings, counterFor(server.base, pages.article.storyId), rss);
    const nginx = withNginx ? await measureNginx(server, pages.article, settings, rss) : null;
    return { label, stories: count, site, rss: rss.stop(), nginx };
  } finally {
    await server.stop();
  }
}

async function postgresPhase(workDir: string): Promise<Phase> {
  const db = await startBenchPostgres();
  try {
    console.log(`\n## PostgreSQL: ${db.where}`);
    console.log(describeSeed(await seedSite({ DATABASE_URL: db.url }, stories)));
    const pinned = await db.pinToCore(SERVER_CORE);
    if (pinned) console.log(`PostgreSQL (${pinned} processes) pinned to core ${SERVER_CORE} with the app`);
    const readFromDatabase = (_base: string, storyId: number): ViewCounter => ({
      how: 'read from the database: stories.view_count plus story_view_slots',
      probeCountsItself: false,
      read: () => readViewTotal(db.url, storyId),
    });
    return await measurePhase(
      `PostgreSQL, ${stories.toLocaleString('en')} stories`,
      { DATABASE_URL: db.url, DATA_DIR: path.join(workDir, 'pg-data') },
      stories,
      readFromDatabase,
      true,
      workDir,
    );
  } finally {
    await db.stop();
  }
}

async function pglitePhase(workDir: string): Promise<Phase> {
  const dataDir = path.join(workDir, 'pglite');
  console.log(`\n## PGlite: the embedded database in a fresh DATA_DIR${pgliteStories !== stories ? ` — ${pgliteStories.toLocaleString('en')} stories, not ${stories.toLocaleString('en')}` : ''}`);
  console.log(describeSeed(await seedSite({ DATA_DIR: dataDir }, pgliteStories)));
  return measurePhase(`PGlite, ${pgliteStories.toLocaleString('en')} stories`, { DATA_DIR: dataDir }, pgliteStories, beaconViewCounter, false, workDir);
}

function printPhase(phase: Phase): void {
  const rows: Row[] = [...phase.site.rows, ...(phase.nginx?.rows ?? [])];
  console.log(`\n### ${phase.label}\n`);
  console.log(formatTable(rows));
  console.log(`\nview beacon: ${phase.site.beaconCheck.answered200.toLocaleString('en')} answered 200, ${phase.site.beaconCheck.counted.toLocaleString('en')} counted (${phase.site.beaconCheck.how})`);
  console.log(`server RSS under load (process tree): median ${phase.rss.medianMb} MB, peak ${phase.rss.peakMb} MB (${phase.rss.samples} samples, 1 s apart)`);
}

function printTargets(phase: Phase): void {
  const { site, nginx, rss } = phase;
  const full = phase.stories >= 100_000 ? '' : ` (with ${phase.stories.toLocaleString('en')} stories, not 100,000)`;
  const lines = [
    `article ≥ 1,000 req/s, p99 < 100 ms: ${verdict(site.article.rps >= 1000 && site.article.p99 < 100)} (${site.article.rps} req/s, p99 ${site.article.p99} ms)`,
    nginx
      ? `behind the shipped nginx cache ≥ 50 % of nginx static: ${verdict(nginx.cached.rps >= 0.5 * nginx.staticFile.rps)} (${Math.round((100 * nginx.cached.rps) / nginx.staticFile.rps)} %: ${nginx.cached.rps} of ${nginx.staticFile.rps} req/s)`
      : null,
    `beacon ≥ 1,000 req/s with exact counts: ${verdict(site.beacon.rps >= 1000 && site.beaconCheck.isExact)} (${site.beacon.rps} req/s, ${site.beaconCheck.isExact ? 'exact' : 'not exact'})`,
    `deep column page p95 < 100 ms${full}: ${verdict(site.column.p95 < 100)} (p95 ${site.column.p95} ms)`,
    `search p95 < 100 ms${full}: ${site.search ? `${verdict(site.search.p95 < 100)} (p95 ${site.search.p95} ms)` : verdict(null)}`,
    `server RSS < 400 MB under load: ${verdict(rss.peakMb < 400)} (peak ${rss.peakMb} MB)`,
  ];
  console.log(`\nTargets, ${phase.label}:`);
  for (const line of lines) if (line) console.log(`- ${line}`);
}

async function main() {
  cleanUpOnSignals();
  console.log('# Public site benchmark\n');
  for (const line of describeMachine()) console.log(line);
  console.log(
    `settings: ${stories.toLocaleString('en')} published stories of ~1,500 characters; ${settings.connections} connections, ` +
      `${settings.warmupS} s warm-up + ${settings.measureS} s measured per row; server on core ${SERVER_CORE}, load generator on core ${LOAD_CORE}`,
  );
  build();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'tougao-bench-'));
  onCleanup(() => rmSync(workDir, { recursive: true, force: true }));

  const phases = [await postgresPhase(workDir)];
  if (process.env.BENCH_SKIP_PGLITE !== '1') phases.push(await pglitePhase(workDir));

  console.log(`\n## Results (load average at the end: ${loadAverage()})`);
  for (const phase of phases) printPhase(phase);
  for (const phase of phases) printTargets(phase);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanUpAll());
