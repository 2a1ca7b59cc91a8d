import 'server-only';
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { siteColumns, units, users } from '@/db/schema';
import { getDb, queryRows, type Db } from '@/db/client';
import { getSiteSettings } from '../settings';
import { requirePermission, type Viewer } from '../viewer';
import { monthsOf, type StatsRange } from './range';
import { instant } from './sql';
import { readScoringRules } from './scoring';
import { roundPoints, type ScoringRules } from './scoring-rules';
import { isPublishedRow } from '../published';

// Adoption statistics (采用统计), counted from the stories' own record of
// what happened and when: a story is *submitted* in the period of its first
// submission (stories.first_submitted_at, written with the submit event),
// *adopted* in the period it first went public (first_published_at) if it is
// still published, *returned* and *rejected* once per such event in the
// period (story_events). *Pending* are the period's submissions still
// awaiting a decision now. Counts belong to the story's owner and the unit it
// was filed from; points (lib/stats/scoring-rules.ts) are split among the
// owner and any co-credited correspondents, each with their unit.

export type StatsScope = { range: StatsRange; unitId?: number | null; columnId?: number | null };

export type Figures = {
  submitted: number;
  adopted: number;
  returned: number;
  rejected: number;
  pending: number;
  // Adopted stories where this correspondent is co-credited, not the owner.
  coCredited: number;
  views: number;
  characters: number;
  points: number;
};

export type FigureRow = Figures & {
  key: number | null;
  name: string;
  // The correspondent's unit (correspondent rows only).
  unitName?: string | null;
  username?: string;
  adoptionRate: number | null;
  averageViews: number | null;
};

export type MonthFigure = { month: string; submitted: number; adopted: number };

export type AdoptionStats = {
  correspondents: FigureRow[];
  units: FigureRow[];
  totals: FigureRow;
  monthly: MonthFigure[];
  rules: ScoringRules;
};

const emptyFigures = (): Figures => ({ submitted: 0, adopted: 0, returned: 0, rejected: 0, pending: 0, coCredited: 0, views: 0, characters: 0, points: 0 });

// The scope's unit and column, over stories aliased `s` (the stage figures too).
export function storyFilter(scope: StatsScope, options: { unit: boolean } = { unit: true }): SQL {
  const parts: SQL[] = [sql`true`];
  if (scope.unitId && options.unit) parts.push(sql`s.unit_id = ${scope.unitId}`);
  if (scope.columnId) parts.push(sql`s.column_id = ${scope.columnId}`);
  return sql.join(parts, sql` and `);
}

// With a unit chosen, points are the shares of that unit's people: their own
// stories and the ones they are co-credited on, whoever filed them.
function shareFilter(scope: StatsScope): SQL {
  return scope.unitId ? sql`unit_id = ${scope.unitId}` : sql`true`;
}

// The points of one adopted story for each credited correspondent, in SQL,
// over a row with column_id, is_headline and the count of co-credits.
function shareExpression(rules: ScoringRules): SQL {
  return sql`((${rules.pointsPerStory}::float8 * coalesce((${JSON.stringify(rules.columnWeights)}::jsonb ->> a.column_id::text)::float8, 1)
      + case when a.is_headline then ${rules.headlineBonus}::float8 else 0 end)
    / (1 + coalesce(cc.n, 0))::float8)`;
}

export type RawRow = { user_id: number; unit_id: number | null } & { [K in keyof Figures]: number };

// Every figure per (person, unit) pair, in one pass over each source; the
// tables per correspondent and per unit are sums of these few rows, and so
// is a unit's progress against its target (lib/quotas).
export async function figuresByPersonAndUnit(db: Db, scope: StatsScope, rules: ScoringRules): Promise<RawRow[]> {
  const { start, end } = scope.range;
  const filter = storyFilter(scope);
  return queryRows<RawRow>(
    db,
    sql`with filed as (
        select s.owner_id as user_id, s.unit_id, count(*) as submitted,
          count(*) filter (where s.status in ('submitted', 'in_review', 'changes_requested', 'scheduled')) as pending
        from stories s
        where s.first_submitted_at >= ${instant(start)} and s.first_submitted_at < ${instant(end)} and ${filter}
        group by 1, 2
      ), decided as (
        select s.owner_id as user_id, s.unit_id,
          count(*) filter (where e.action = 'return') as returned,
          count(*) filter (where e.action = 'reject') as rejected
        from story_events e join stories s on s.id = e.story_id
        where e.action in ('return', 'reject') and e.created_at >= ${instant(start)} and e.created_at < ${instant(end)} and ${filter}
        group by 1, 2
      ), adopted as materialized (
        select s.id, s.owner_id, s.unit_id, s.column_id, s.is_headline, s.view_count, char_length(s.body_text) as characters,
          ${scope.unitId ? sql`s.unit_id = ${scope.unitId}` : sql`true`} as in_scope
        from stories s
        where ${isPublishedRow('s')} and s.first_published_at >= ${instant(start)} and s.first_published_at < ${instant(end)} and ${storyFilter(scope, { unit: false })}
      ), credits as materialized (
        select c.story_id, c.user_id, c.unit_id from story_credits c where c.story_id in (select id from adopted)
      ), priced as (
        select a.*, ${shareExpression(rules)} as share
        from adopted a left join (select story_id, count(*) as n from credits group by 1) cc on cc.story_id = a.id
      ), shares as (
        select * from (
          select p.owner_id as user_id, p.unit_id, p.share, 0 as co from priced p
          union all
          select c.user_id, c.unit_id, p.share, 1 from priced p join credits c on c.story_id = p.id
        ) x where ${shareFilter(scope)}
      ), facts as (
        select user_id, unit_id, submitted, pending, 0 as returned, 0 as rejected, 0 as adopted, 0 as views, 0 as characters, 0::float8 as points, 0 as co_credited from filed
        union all
        select user_id, unit_id, 0, 0, returned, rejected, 0, 0, 0, 0, 0 from decided
        union all
        select owner_id, unit_id, 0, 0, 0, 0, count(*), sum(view_count), sum(characters), 0, 0 from adopted where in_scope group by 1, 2
        union all
        select user_id, unit_id, 0, 0, 0, 0, 0, 0, 0, sum(share), sum(co) from shares group by 1, 2
      )
      select user_id, unit_id, sum(submitted)::int as submitted, sum(pending)::int as pending, sum(returned)::int as returned,
        sum(rejected)::int as rejected, sum(adopted)::int as adopted, sum(views)::float8 as views,
        sum(characters)::float8 as characters, sum(points)::float8 as points, sum(co_credited)::int as "coCredited"
      from facts group by 1, 2`,
  );
}

function addFigures(sum: Figures, row: Figures): Figures {
  for (const field of Object.keys(sum) as (keyof Figures)[]) sum[field] += Number(row[field]);
  return sum;
}

// Sums the pairs by one side.
function figuresBy(rows: RawRow[], side: 'user_id' | 'unit_id'): Map<number | null, Figures> {
  const out = new Map<number | null, Figures>();
  for (const row of rows) {
    const key = row[side] === null ? null : Number(row[side]);
    out.set(key, addFigures(out.get(key) ?? emptyFigures(), row));
  }
  return out;
}

function withRates(key: number | null, name: string, figures: Figures, extra: Partial<FigureRow> = {}): FigureRow {
  return {
    key,
    name,
    ...extra,
    ...figures,
    points: roundPoints(figures.points),
    adoptionRate: figures.submitted > 0 ? figures.adopted / figures.submitted : null,
    averageViews: figures.adopted > 0 ? figures.views / figures.adopted : null,
  };
}

// A row of nothing, for a unit or person the figures do not name.
export const emptyFigureRow = (key: number | null, name: string): FigureRow => withRates(key, name, emptyFigures());

async function monthlyFigures(db: Db, scope: StatsScope, timeZone: string): Promise<MonthFigure[]> {
  const { start, end } = scope.range;
  const filter = storyFilter(scope);
  const rows = await queryRows<{ month: string; submitted: number; adopted: number }>(
    db,
    sql`select month, sum(submitted)::int as submitted, sum(adopted)::int as adopted from (
        select to_char(s.first_submitted_at at time zone ${timeZone}, 'YYYY-MM') as month, 1 as submitted, 0 as adopted
        from stories s where s.first_submitted_at >= ${instant(start)} and s.first_submitted_at < ${instant(end)} and ${filter}
        union all
        select to_char(s.first_published_at at time zone ${timeZone}, 'YYYY-MM'), 0, 1
        from stories s where ${isPublishedRow('s')} and s.first_published_at >= ${instant(start)} and s.first_published_at < ${instant(end)} and ${filter}
      ) x group by month`,
  );
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return monthsOf(scope.range).map((month) => ({ month, submitted: byMonth.get(month)?.submitted ?? 0, adopted: byMonth.get(month)?.adopted ?? 0 }));
}

// The statistics page: every correspondent (those of the chosen unit, when
// one is chosen) with or without activity, every unit with activity, the
// totals and the months.
export async function getAdoptionStats(viewer: Viewer, scope: StatsScope): Promise<AdoptionStats> {
  requirePermission(viewer, 'stats:read');
  const db = await getDb();
  const { site } = await getSiteSettings();
  const rules = await readScoringRules(db);
  const [pairs, monthly, unitRows] = await Promise.all([
    figuresByPersonAndUnit(db, scope, rules),
    monthlyFigures(db, scope, site.timeZone),
    db.select({ id: units.id, name: units.name }).from(units).orderBy(asc(units.sortOrder), asc(units.name)),
  ]);
  const byUser = figuresBy(pairs, 'user_id');
  const byUnit = figuresBy(pairs, 'unit_id');
  // The scope's active correspondents, and whoever has figures in it.
  const withFigures = [...byUser.keys()].filter((k): k is number => k !== null);
  const inScope = and(eq(users.role, 'correspondent'), isNull(users.disabledAt), scope.unitId ? eq(users.unitId, scope.unitId) : undefined);
  const people = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, unitName: units.name })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(withFigures.length ? or(inScope, inArray(users.id, withFigures)) : inScope);
  const correspondents = people.map((p) => withRates(p.id, p.displayName, byUser.get(p.id) ?? emptyFigures(), { username: p.username, unitName: p.unitName }));
  const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
  const unitFigures = [...byUnit.entries()].map(([id, figures]) => withRates(id, id === null ? '' : (unitName.get(id) ?? `#${id}`), figures));
  const totals = withRates(null, '', pairs.reduce(addFigures, emptyFigures()));
  return { correspondents, units: unitFigures, totals, monthly, rules };
}

// For the filter menus.
export async function listStatsFilters(viewer: Viewer): Promise<{ units: { id: number; name: string }[]; columns: { id: number; name: string }[] }> {
  requirePermission(viewer, 'stats:read');
  const db = await getDb();
  const [unitRows, columnRows] = await Promise.all([
    db.select({ id: units.id, name: units.name }).from(units).orderBy(asc(units.sortOrder), asc(units.name)),
    db.select({ id: siteColumns.id, name: siteColumns.name }).from(siteColumns).orderBy(asc(siteColumns.sortOrder), asc(siteColumns.name)),
  ]);
  return { units: unitRows, columns: columnRows };
}
