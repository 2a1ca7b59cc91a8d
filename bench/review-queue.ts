// The editors' lists at newsroom scale: 100,000 filed stories, the queue and
// every tab, a tab per review stage, filters, deep keyset pages, the duplicate check. Prints median
// and p95 per query; proves nothing by assertion.
//
//   npx tsx --import ./scripts/server-only-hook.mjs bench/review-queue.ts   100,000 stories
//   BENCH_STORIES=20000 npx tsx --import ./scripts/server-only-hook.mjs bench/review-queue.ts
//
// Uses DATABASE_URL when set (it must be an empty database), otherwise a
// throwaway PostgreSQL server from the machine's binaries.
import { createDatabase, startPgServer, type PgServer } from '../tests/support/pg-server';
import { getVisibleStory } from '@/lib/stories';

const total = Number(process.env.BENCH_STORIES ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 30);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function main() {
  let pg: PgServer | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    pg = await startPgServer({ database: 'bench' });
    url = await createDatabase(pg.url, `queue_${Date.now()}`);
  }
  process.env.DATABASE_URL = url;
  // Imported after DATABASE_URL is set: the client picks its driver on load.
  const { getDb, closeDb } = await import('../db/client');
  const { seedDemo } = await import('../lib/seed/demo');
  const { seedVolume } = await import('../lib/seed/volume');
  const { backfillFingerprints } = await import('../lib/duplicates');
  const { listReviewStories, parseQueueFilters } = await import('../lib/review-queue');
  const { findSimilarStories } = await import('../lib/duplicates');
  const { loadViewer } = await import('../lib/auth/session-viewer');
  const { users } = await import('../db/schema');
  const { eq, sql } = await import('drizzle-orm');

  try {
    const db = await getDb();
    await seedDemo(db);
    let t0 = performance.now();
    await seedVolume(db, { stories: total, days: 3 * 365, chunk: 1000 });
    console.log(`seeded ${total} stories in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    t0 = performance.now();
    await backfillFingerprints(db, { batchSize: 1000 });
    console.log(`fingerprinted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await db.execute(sql`analyze`);

    const [editorRow] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'editor1'));
    const editor = (await loadViewer(editorRow!.id))!;
    const tz = 'Asia/Shanghai';

    // A deep cursor: the 40th page of the published tab.
    let deep: string | undefined;
    for (let page = 0, after: string | undefined; page < 40; page++) {
      const result = await listReviewStories(editor, parseQueueFilters({ tab: 'published', after }), tz);
      after = result.next ?? undefined;
      deep = after;
    }
    const [sample] = await db.execute<{ id: number }>(sql`select id from stories where status = 'submitted' order by id desc limit 1`);

    // Review in stages: a three-stage flow (初审 by the desk, 复审 and 终审 by
    // editor1), and half the stories waiting or claimed spread over its stages,
    // as a site some time after adopting it would have them.
    const { reviewFlows, reviewFlowVersions } = await import('../db/schema');
    const [flow] = await db.insert(reviewFlows).values({ name: '三审' }).returning();
    const stages = [
      { name: '初审', holders: 'desk', userIds: [], columnIds: null, opinionRequired: false },
      { name: '复审', holders: 'named', userIds: [editor.id], columnIds: null, opinionRequired: false },
      { name: '终审', holders: 'named', userIds: [editor.id], columnIds: null, opinionRequired: true },
    ];
    const [version] = await db.insert(reviewFlowVersions).values({ flowId: flow!.id, number: 1, stages }).returning();
    await db.execute(sql`update stories set flow_version_id = ${version!.id}, stage = (id % 3) where status in ('submitted', 'in_review') and id % 2 = 0`);
    await db.execute(sql`analyze stories`);

    const cases: [string, () => Promise<unknown>][] = [
      ['queue, first page', () => listReviewStories(editor, parseQueueFilters({}), tz)],
      ['queue, unclaimed, newest first', () => listReviewStories(editor, parseQueueFilters({ assignee: 'unclaimed', sort: 'newest' }), tz)],
      ['queue, one column + unit', () => listReviewStories(editor, parseQueueFilters({ column: '2', unit: '1' }), tz)],
      ['queue, date range (a month)', () => listReviewStories(editor, parseQueueFilters({ from: '2026-06-01', to: '2026-06-30' }), tz)],
      ['queue, search "律师"', () => listReviewStories(editor, parseQueueFilters({ q: '律师' }), tz)],
      ['published, first page', () => listReviewStories(editor, parseQueueFilters({ tab: 'published' }), tz)],
      ['published, page 41 (keyset)', () => listReviewStories(editor, parseQueueFilters({ tab: 'published', after: deep }), tz)],
      ['published, search "枫桥"', () => listReviewStories(editor, parseQueueFilters({ tab: 'published', q: '枫桥' }), tz)],
      ['rejected tab', () => listReviewStories(editor, parseQueueFilters({ tab: 'rejected' }), tz)],
      ['stage tab 初审', () => listReviewStories(editor, parseQueueFilters({ stage: '初审' }), tz)],
      ['stage tab 复审', () => listReviewStories(editor, parseQueueFilters({ stage: '复审' }), tz)],
      ['stage tab 终审, oldest first', () => listReviewStories(editor, parseQueueFilters({ stage: '终审', sort: 'oldest' }), tz)],
      ['duplicate check of one story', () => getVisibleStory(editor, Number(sample!.id)).then((story) => findSimilarStories(editor, story))],
    ];
    console.log(`\n${total} stories, ${runs} runs each (ms)\n`);
    console.log(`${'query'.padEnd(34)} ${'median'.padStart(8)} ${'p95'.padStart(8)}`);
    for (const [name, run] of cases) {
      await run();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      console.log(`${name.padEnd(34)} ${quantile(times, 0.5).toFixed(1).padStart(8)} ${quantile(times, 0.95).toFixed(1).padStart(8)}`);
    }
  } finally {
    await closeDb();
    await pg?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
