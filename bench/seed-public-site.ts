// Seeds the public-site benchmark's archive into whichever database the
// environment names (DATABASE_URL, else the embedded one in DATA_DIR): the
// demo site, then BENCH_STORIES published stories of about 1,500 characters,
// their duplicate-check bands and their search copy, so the server's start-up
// backfills find nothing left to do and the measured start is the app's own.
// Run by bench/public-site.ts in a child process, because the database client
// picks its engine once per process. Prints one JSON line of timings last.
import { sql } from 'drizzle-orm';
import { closeDb, getDb } from '../db/client';
import { backfillFingerprints } from '../lib/duplicates';
import { backfillSearchIndex } from '../lib/search-index';
import { seedDemo } from '../lib/seed/demo';
import { seedVolume } from '../lib/seed/volume';

export type SeedTimings = { stories: number; demoS: number; storiesS: number; fingerprintsS: number; searchIndexS: number; vacuumS: number };

const stories = Number(process.env.BENCH_STORIES ?? 100_000);
// What a full-length news story runs to; the search cuts every character, so
// a short generated body would flatter it.
const BODY_CHARS = 1_500;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return Math.round((performance.now() - start) / 100) / 10;
}

async function main() {
  const db = await getDb();
  const demoS = await timed(() => seedDemo(db));
  const storiesS = await timed(() => seedVolume(db, { stories, days: 3 * 365, chunk: 1000, publishedOnly: true, bodyChars: BODY_CHARS }));
  const fingerprintsS = await timed(() => backfillFingerprints(db, { batchSize: 1000 }));
  // The same function the server runs at start-up, timed here so the figure
  // for a fresh 100,000-story archive is on record.
  const searchIndexS = await timed(() => backfillSearchIndex(db, { batchSize: 1000 }));
  // VACUUM as well as ANALYZE: the search copy's GIN indexes hold a bulk load
  // in their pending list until a vacuum merges it, and until then the
  // planner prices the index so high that it runs the search's word cutting
  // on every row instead (seconds per search). Autovacuum would get there on
  // its own, at a time nobody chose.
  const vacuumS = await timed(() => db.execute(sql`vacuum analyze`));
  // The seed leaves a gigabyte of pages to write out; without a checkpoint
  // now, PostgreSQL's checkpointer writes them during the measured rows, on
  // the app's core.
  await db.execute(sql`checkpoint`);
  const timings: SeedTimings = { stories, demoS, storiesS, fingerprintsS, searchIndexS, vacuumS };
  console.log(JSON.stringify(timings));
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
