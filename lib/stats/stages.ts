import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, queryRows, type Db } from '@/db/client';
import { stageDecision, type StageDecisionKind } from '@/db/schema';
import { currentFlowVersionFor } from '../review-flows';
import { requirePermission, type Viewer } from '../viewer';
import { storyFilter, type StatsScope } from './figures';
import { instant } from './sql';

// Statistics per review stage (三审): how many stories each stage handled in
// a period, what it decided, and how long stories stayed there — per stage
// name and per reviewer within it. docs/review-stages-stats.md says the same
// for readers of the figures.
//
// Handled: a stage handles a story when someone takes a decision on it there
// (stage_decisions: approve, send_back, return, reject, sign_off). A period
// counts the decisions taken in it; a story decided twice at one stage (sent
// back to it, or returned and resubmitted) is one story handled and two
// decisions. Stories still waiting at a stage are not handled: they are
// counted apart, as waiting now, with how long the oldest has waited.
//
// Time in stage, one per decision: from the moment the story entered that
// stage to the decision. A story enters a stage by
//   - a submit (story_events 'submit'): stage 0;
//   - a resubmit ('resubmit'): the stage whose return sent it to the
//     correspondent (a story returned before stages existed: stage 0);
//   - an approve at N: stage N + 1; a send_back at N: stage N − 1;
// and leaves the review by a return, a reject or a sign-off. So the entry is
// always the story's move just before the decision, among these; the time a
// returned story spends with the correspondent falls between the return and
// the resubmit and is never counted. When that move does not put the story
// at the decision's stage (history older than the retention period, or a
// move these statistics do not know), the decision still counts as handled
// but its time is unknown and left out of the median and the 90th
// percentile (percentile_cont over the decisions' times, in seconds).
//
// Stages are grouped by the name the decision recorded, across flows and
// their versions: the default flow's stages first, in its order, then any
// other name in the order of its position in its flow. The unit and column
// filters apply to the story (the unit it was filed from, its column now).

export type DecisionCounts = Record<StageDecisionKind, number>;

export type StageTimes = {
  // Distinct stories decided on.
  handled: number;
  decisions: DecisionCounts;
  // Seconds; null when no decision's time is known.
  medianSeconds: number | null;
  p90Seconds: number | null;
  // Review deadlines (审稿时限): decisions taken where the stage had a time
  // limit and their time is known, and those of them taken after it.
  limited: number;
  late: number;
};

export type ReviewerStageFigures = StageTimes & { actorId: number; name: string; username: string };

export type StageFigures = StageTimes & {
  name: string;
  reviewers: ReviewerStageFigures[];
  // Now, whatever the period: stories waiting or claimed at this stage.
  waiting: number;
  oldestWaitingSeconds: number | null;
  // Of those waiting: how many have a deadline at their stay, and how many are past it.
  withDeadline: number;
  overdueNow: number;
};

export type StageStats = { stages: StageFigures[] };

// The story events that put a story at a stage; the rest of its moves are
// stage decisions.
const ENTRY_EVENTS = ['submit', 'resubmit'] as const;

// In the order a story meets them; the page and the export list them so.
export const DECISION_KINDS = stageDecision.enumValues;

// CTEs over the stories of the CTE `storyIdsCte` (a column story_id, each
// once; joined rather than `in (…)`, which the planner takes for a few): every
// move of each (`moves`), with the stage each move puts the story at
// (`entered.enters`, null when it leaves the review) and, for decisions,
// the seconds since the story entered the decision's stage (`timed`).
function stageMoves(storyIdsCte: string): SQL {
  const ids = sql.raw(storyIdsCte);
  return sql`moves as (
      select e.story_id, e.created_at, 0 as seq, e.id, e.action as kind, null::int as stage, null::text as stage_name, null::int as actor_id, null::int as flow_version_id
      from ${ids} x join story_events e on e.story_id = x.story_id
      where e.action in (${sql.join(ENTRY_EVENTS.map((a) => sql`${a}`), sql`, `)})
      union all
      select d.story_id, d.created_at, 1, d.id, d.decision::text, d.stage::int, d.stage_name, d.actor_id, d.flow_version_id
      from ${ids} x join stage_decisions d on d.story_id = x.story_id
    ), ordered as (
      select m.*, lag(m.kind) over w as prev_kind, lag(m.stage) over w as prev_stage
      from moves m window w as (partition by m.story_id order by m.created_at, m.seq, m.id)
    ), entered as (
      select o.*, case o.kind
          when 'submit' then 0
          when 'resubmit' then case when o.prev_kind = 'return' then o.prev_stage else 0 end
          when 'approve' then o.stage + 1
          when 'send_back' then o.stage - 1
        end as enters
      from ordered o
    ), timed as (
      select n.*,
        case when n.seq = 1 and lag(n.enters) over w = n.stage
          then extract(epoch from n.created_at - lag(n.created_at) over w)::float8 end as seconds
      from entered n window w as (partition by n.story_id order by n.created_at, n.seq, n.id)
    )`;
}

type TimesRow = {
  stage_name: string;
  limited: number;
  late: number;
  actor_id: number | null;
  is_stage: boolean;
  min_stage: number;
  handled: number;
  median: number | null;
  p90: number | null;
  display_name: string | null;
  username: string | null;
} & Record<StageDecisionKind, number>;

async function decisionTimes(db: Db, scope: StatsScope): Promise<TimesRow[]> {
  const { start, end } = scope.range;
  const inPeriod = (alias: string) => sql`${sql.raw(alias)}.created_at >= ${instant(start)} and ${sql.raw(alias)}.created_at < ${instant(end)}`;
  return queryRows<TimesRow>(
    db,
    sql`with decided as materialized (
        select distinct d.story_id from stage_decisions d join stories s on s.id = d.story_id
        where ${inPeriod('d')} and ${storyFilter(scope)}
      ), ${stageMoves('decided')}, figures as (
        select t.stage_name, t.actor_id, grouping(t.actor_id) = 1 as is_stage, min(t.stage)::int as min_stage,
          count(distinct t.story_id)::int as handled,
          ${sql.join(DECISION_KINDS.map((kind) => sql`count(*) filter (where t.kind = ${kind})::int as ${sql.identifier(kind)}`), sql`, `)},
          percentile_cont(0.5) within group (order by t.seconds)::float8 as median,
          percentile_cont(0.9) within group (order by t.seconds)::float8 as p90,
          count(*) filter (where t.seconds is not null and l.hours is not null)::int as limited,
          count(*) filter (where t.seconds > l.hours * 3600)::int as late
        from timed t
        -- The limit the decision's stage had in its flow version (null: none).
        left join lateral (
          select (v.stages -> t.stage ->> 'limitHours')::float8 as hours from review_flow_versions v where v.id = t.flow_version_id
        ) l on true
        where t.seq = 1 and ${inPeriod('t')}
        group by grouping sets ((t.stage_name), (t.stage_name, t.actor_id))
      )
      select f.*, u.display_name, u.username from figures f left join users u on u.id = f.actor_id`,
  );
}

type WaitingRow = { stage_name: string; min_stage: number; waiting: number; oldest: number | null; with_deadline: number; overdue: number };

async function waitingNow(db: Db, scope: StatsScope, now: Date): Promise<WaitingRow[]> {
  return queryRows<WaitingRow>(
    db,
    sql`with queue as materialized (
        select s.id as story_id, s.stage::int as stage, v.stages -> s.stage::int ->> 'name' as stage_name
        from stories s join review_flow_versions v on v.id = s.flow_version_id
        where s.status in ('submitted', 'in_review') and s.stage is not null and ${storyFilter(scope)}
      ), ${stageMoves('queue')}, latest as (
        select distinct on (t.story_id) t.story_id, t.created_at, t.enters
        from entered t order by t.story_id, t.created_at desc, t.seq desc, t.id desc
      )
      select q.stage_name, min(q.stage)::int as min_stage, count(*)::int as waiting,
        max(extract(epoch from ${instant(now)} - l.created_at)) filter (where l.enters = q.stage)::float8 as oldest,
        count(sv.due_at)::int as with_deadline,
        count(*) filter (where sv.due_at <= ${instant(now)})::int as overdue
      from queue q left join latest l on l.story_id = q.story_id
      -- The story's stay at the stage: its deadline, as the queue shows it.
      left join stage_visits sv on sv.story_id = q.story_id and sv.left_at is null
      group by q.stage_name`,
  );
}

function timesOf(row: TimesRow): StageTimes {
  const decisions = Object.fromEntries(DECISION_KINDS.map((kind) => [kind, Number(row[kind])])) as DecisionCounts;
  return {
    handled: Number(row.handled),
    decisions,
    medianSeconds: row.median === null ? null : Number(row.median),
    p90Seconds: row.p90 === null ? null : Number(row.p90),
    limited: Number(row.limited),
    late: Number(row.late),
  };
}

const collator = new Intl.Collator('zh-CN');

// The default flow's names in its order, then the others by their position
// in their flows, then by name. Pure.
export function orderStageNames(defaultNames: readonly string[], others: readonly { name: string; position: number }[]): string[] {
  const seen = new Set(defaultNames);
  const rest = new Map<string, number>();
  for (const { name, position } of others) {
    if (seen.has(name)) continue;
    rest.set(name, Math.min(position, rest.get(name) ?? Infinity));
  }
  const sorted = [...rest.entries()].sort(([a, x], [b, y]) => x - y || collator.compare(a, b)).map(([name]) => name);
  return [...defaultNames, ...sorted];
}

const noDecisions = (): DecisionCounts => Object.fromEntries(DECISION_KINDS.map((kind) => [kind, 0])) as DecisionCounts;

// The statistics page and its export, for whoever may read statistics:
// every stage of the default flow (with or without decisions) and every
// other stage with decisions in the period or stories waiting now.
export async function getStageStats(viewer: Viewer, scope: StatsScope, now = new Date()): Promise<StageStats> {
  requirePermission(viewer, 'stats:read');
  const db = await getDb();
  const [times, waiting, defaultFlow] = await Promise.all([decisionTimes(db, scope), waitingNow(db, scope, now), currentFlowVersionFor(db, null)]);
  const names = orderStageNames(
    defaultFlow.stages.map((s) => s.name),
    [...times.filter((r) => r.is_stage), ...waiting].map((r) => ({ name: r.stage_name, position: Number(r.min_stage) })),
  );
  const collatorByName = (a: ReviewerStageFigures, b: ReviewerStageFigures) => b.handled - a.handled || collator.compare(a.name, b.name) || a.actorId - b.actorId;
  const stages = names.map((name): StageFigures => {
    const own = times.find((r) => r.is_stage && r.stage_name === name);
    const queue = waiting.find((r) => r.stage_name === name);
    const reviewers = times
      .filter((r) => !r.is_stage && r.stage_name === name && r.actor_id !== null)
      .map((r) => ({ ...timesOf(r), actorId: Number(r.actor_id), name: r.display_name ?? `#${r.actor_id}`, username: r.username ?? '' }))
      .sort(collatorByName);
    return {
      name,
      ...(own ? timesOf(own) : { handled: 0, decisions: noDecisions(), medianSeconds: null, p90Seconds: null, limited: 0, late: 0 }),
      reviewers,
      waiting: queue ? Number(queue.waiting) : 0,
      oldestWaitingSeconds: queue?.oldest == null ? null : Number(queue.oldest),
      withDeadline: queue ? Number(queue.with_deadline) : 0,
      overdueNow: queue ? Number(queue.overdue) : 0,
    };
  });
  return { stages };
}

// The export's sheet: each stage's row (reviewer: `allReviewers`), then one
// row per reviewer there; times in hours, as a spreadsheet sums them.
export type StageSheetRow = DecisionCounts & {
  stage: string;
  reviewer: string;
  username: string;
  handled: number;
  decisionCount: number;
  medianHours: number | null;
  p90Hours: number | null;
  // Decisions taken after the stage's time limit.
  late: number;
  // The stage's rows only.
  waiting: number | null;
  oldestWaitingHours: number | null;
  overdueNow: number | null;
};

const inHours = (seconds: number | null) => (seconds === null ? null : seconds / 3600);

export function stageSheetRows(stats: StageStats, allReviewers: string): StageSheetRow[] {
  const row = (stage: string, reviewer: string, username: string, times: StageTimes) => ({
    stage,
    reviewer,
    username,
    handled: times.handled,
    ...times.decisions,
    decisionCount: DECISION_KINDS.reduce((sum, kind) => sum + times.decisions[kind], 0),
    medianHours: inHours(times.medianSeconds),
    p90Hours: inHours(times.p90Seconds),
    late: times.late,
  });
  return stats.stages.flatMap((stage) => [
    { ...row(stage.name, allReviewers, '', stage), waiting: stage.waiting, oldestWaitingHours: inHours(stage.oldestWaitingSeconds), overdueNow: stage.overdueNow },
    ...stage.reviewers.map((r) => ({ ...row(stage.name, r.name, r.username, r), waiting: null, oldestWaitingHours: null, overdueNow: null })),
  ]);
}
