// Adoption statistics at newsroom scale: 100,000 stories in every state over
// three years, filed by 1,000 correspondents in 50 units, a tenth of the
// adopted ones shared with a second correspondent and one in twenty made the
// headline; the desk's decisions are stage decisions of the default flow.
// Times each statistics read (lib/stats) and the exports; prints
// median and p95 per query; proves nothing by assertion.
//
//   npm run bench:stats
//   BENCH_STORIES=20000 BENCH_CORRESPONDENTS=200 npm run bench:stats
//
// Uses DATABASE_URL when set (it must be an empty database), otherwise a
// throwaway PostgreSQL server from the machine's binaries.
import { createDatabase, startPgServer, type PgServer } from '../tests/support/pg-server';

const total = Number(process.env.BENCH_STORIES ?? 100_000);
const correspondentCount = Number(process.env.BENCH_CORRESPONDENTS ?? 1_000);
const unitCount = 50;
const runs = Number(process.env.BENCH_RUNS ?? 15);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function time(label: string, run: () => Promise<unknown>): Promise<void> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(58)} median ${quantile(samples, 0.5).toFixed(1).padStart(7)} ms   p95 ${quantile(samples, 0.95).toFixed(1).padStart(7)} ms`);
}

async function main() {
  let pg: PgServer | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    pg = await startPgServer({ database: 'bench' });
    url = await createDatabase(pg.url, `stats_${Date.now()}`);
  }
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL ??= 'warn';
  // Imported after DATABASE_URL is set: the client picks its driver on load.
  const { getDb, closeDb } = await import('../db/client');
  const { seedDemo } = await import('../lib/seed/demo');
  const { seedVolume } = await import('../lib/seed/volume');
  const { loadViewer } = await import('../lib/auth/session-viewer');
  const { getAdoptionStats } = await import('../lib/stats/figures');
  const { getAnnualReport } = await import('../lib/stats/reports');
  const { getOwnFigures } = await import('../lib/stats/own-figures');
  const { getStageStats } = await import('../lib/stats/stages');
  const { resolveRange } = await import('../lib/stats/range');
  const { toCsv, toXlsx } = await import('../lib/stats/export');
  const { units, users } = await import('../db/schema');
  const { eq, sql } = await import('drizzle-orm');

  try {
    const db = await getDb();
    await seedDemo(db);
    const t0 = performance.now();
    // Accounts in bulk, sharing one password hash: 1,000 argon2 hashes would
    // time the hashing, not the statistics.
    const [template] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.username, 'fangyong'));
    const unitRows = await db
      .insert(units)
      .values(Array.from({ length: unitCount }, (_, i) => ({ name: `统计单位${String(i + 1).padStart(2, '0')}` })))
      .returning({ id: units.id });
    for (let start = 0; start < correspondentCount; start += 500) {
      const n = Math.min(500, correspondentCount - start);
      await db.insert(users).values(
        Array.from({ length: n }, (_, k) => ({
          username: `bench-c${start + k}`,
          displayName: `通讯员${start + k}`,
          passwordHash: template!.hash,
          role: 'correspondent' as const,
          unitId: unitRows[(start + k) % unitCount]!.id,
          mustChangePassword: false,
        })),
      );
    }
    await seedVolume(db, { stories: total, days: 3 * 365, chunk: 1000 });
    // Shared bylines and headlines, spread through the archive.
    await db.execute(sql`insert into story_credits (story_id, user_id, unit_id)
      select s.id, u.id, u.unit_id from stories s
      join lateral (select id, unit_id from users where role = 'correspondent' and id <> s.owner_id order by (id * 7919 + s.id) % 1000 limit 1) u on true
      where s.status = 'published' and s.id % 10 = 0`);
    await db.execute(sql`update stories set is_headline = true where status = 'published' and id % 20 = 3`);
    // The desk's decisions as stage decisions of the default flow's one
    // stage, at the times the timeline has them (the seed writes no decisions).
    await db.execute(sql`insert into stage_decisions (story_id, flow_version_id, stage, stage_name, decision, actor_id, story_version, text_hash, created_at)
      select e.story_id, s.flow_version_id, 0, '审核',
        (case e.action when 'return' then 'return' when 'reject' then 'reject' else 'sign_off' end)::stage_decision,
        e.actor_id, 1, '', e.created_at
      from story_events e join stories s on s.id = e.story_id
      where e.action in ('return', 'reject', 'publish', 'schedule') and e.actor_id is not null and s.flow_version_id is not null`);
    await db.execute(sql`analyze`);
    const [{ n: correspondents }] = (await db.execute(sql`select count(*)::int as n from users where role = 'correspondent'`)) as unknown as [{ n: number }];
    console.log(`seeded ${total} stories, ${correspondents} correspondents in ${unitCount + 2} units in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const [editorRow] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'editor1'));
    const editor = (await loadViewer(editorRow!.id))!;
    const [someone] = await db.execute(sql`select owner_id as id, unit_id from stories where status = 'published' group by 1, 2 order by count(*) desc limit 1`) as unknown as [{ id: number; unit_id: number }];
    const correspondent = (await loadViewer(someone.id))!;
    const tz = 'Asia/Shanghai';
    const range = (input: Record<string, string>) => resolveRange(input, tz).range;
    const now = new Date();
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: tz, year: 'numeric' }).format(now));
    const threeYears = range({ from: `${year - 2}-01-01`, to: `${year}-12-31` });

    console.log(`\n${runs} runs each, after one warm-up; one statistics page reads: figures by correspondent and by unit, the months`);
    await time('this month, everyone', () => getAdoptionStats(editor, { range: range({ range: 'this-month' }) }));
    await time('this year, everyone', () => getAdoptionStats(editor, { range: range({ range: 'this-year' }) }));
    await time('last year, everyone', () => getAdoptionStats(editor, { range: range({ range: 'last-year' }) }));
    await time('three years (the longest range), everyone', () => getAdoptionStats(editor, { range: threeYears }));
    await time('this year, one unit', () => getAdoptionStats(editor, { range: range({ range: 'this-year' }), unitId: someone.unit_id }));
    await time('this year, one column', () => getAdoptionStats(editor, { range: range({ range: 'this-year' }), columnId: 1 }));
    await time('annual report, one correspondent', () => getAnnualReport(editor, { kind: 'correspondent', id: someone.id }, year));
    await time('annual report, one unit', () => getAnnualReport(editor, { kind: 'unit', id: someone.unit_id }, year));
    await time("a correspondent's own figures on the desk", () => getOwnFigures(correspondent));
    console.log('\nthe review stages: decisions, median and 90th percentile per stage and reviewer, and the waiting now');
    await time('stages, this month, everyone', () => getStageStats(editor, { range: range({ range: 'this-month' }) }));
    await time('stages, this year, everyone', () => getStageStats(editor, { range: range({ range: 'this-year' }) }));
    await time('stages, three years, everyone', () => getStageStats(editor, { range: threeYears }));
    await time('stages, this year, one unit', () => getStageStats(editor, { range: range({ range: 'this-year' }), unitId: someone.unit_id }));
    const stats = await getAdoptionStats(editor, { range: range({ range: 'this-year' }) });
    const sheet = {
      title: '通讯员',
      columns: [
        { key: 'name' as const, header: '通讯员', kind: 'text' as const },
        { key: 'submitted' as const, header: '投稿', kind: 'count' as const },
        { key: 'adopted' as const, header: '采用', kind: 'count' as const },
        { key: 'adoptionRate' as const, header: '采用率', kind: 'rate' as const },
        { key: 'points' as const, header: '积分', kind: 'decimal' as const },
      ],
      rows: stats.correspondents,
      totals: stats.totals,
      totalsLabel: '合计',
    };
    console.log(`\nexports of this year's table: ${stats.correspondents.length} correspondents, ${stats.units.length} units`);
    await time('xlsx, correspondents and units', () => toXlsx([sheet, { ...sheet, title: '单位', rows: stats.units }]));
    await time('csv, correspondents', async () => toCsv(sheet));
  } finally {
    await closeDb();
    await pg?.stop();
  }
}

await main();
