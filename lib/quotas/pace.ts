// How a unit stands against its target (任务指标), given what it has and how
// much of the period has passed. Pure; the rule is docs/quotas.md's.
//
// A measure (stories adopted, points) is
//   met       once the figure reaches the target (whenever that is);
//   behind    while the period runs and the figure is below the pace: the
//             target × the share of the period elapsed, rounded down to a
//             whole story or point, so nobody is behind for a fraction;
//   missed    when the period is over short of the target;
//   upcoming  before the period starts;
//   on_track  otherwise.
// A unit is behind when any of its measures is behind or missed.

export type QuotaStatus = 'met' | 'on_track' | 'behind' | 'missed' | 'upcoming';

export type MeasureProgress = {
  actual: number;
  target: number;
  // actual / target, not capped (a unit may do more than asked).
  ratio: number;
  // Where the pace stands now: target × elapsed share.
  expected: number;
  status: QuotaStatus;
};

// Points are kept to two decimals (lib/stats/scoring-rules.ts); the small
// tolerance keeps 0.1 + 0.2 from falling short of 0.3.
const EPSILON = 1e-9;

export function measureProgress(actual: number, target: number, share: number): MeasureProgress {
  const expected = target * share;
  const base = { actual, target, ratio: target > 0 ? actual / target : 0, expected };
  if (actual + EPSILON >= target) return { ...base, status: 'met' };
  if (share >= 1) return { ...base, status: 'missed' };
  if (share <= 0) return { ...base, status: 'upcoming' };
  return { ...base, status: actual + EPSILON < Math.floor(expected + EPSILON) ? 'behind' : 'on_track' };
}

// Worst first: what a list of units is sorted by and a unit is labelled with.
const severity: Record<QuotaStatus, number> = { missed: 0, behind: 1, upcoming: 2, on_track: 3, met: 4 };

export function overallStatus(measures: readonly (MeasureProgress | null)[]): QuotaStatus {
  const statuses = measures.filter((m): m is MeasureProgress => m !== null).map((m) => m.status);
  if (statuses.length === 0) return 'upcoming';
  return statuses.reduce((worst, s) => (severity[s] < severity[worst] ? s : worst));
}

export function isBehind(status: QuotaStatus): boolean {
  return status === 'behind' || status === 'missed';
}

// Units in the order "who is behind" reads: the worst status first, then the
// smallest share of a target reached.
export function compareProgress(a: { status: QuotaStatus; measures: readonly (MeasureProgress | null)[] }, b: typeof a): number {
  const bySeverity = severity[a.status] - severity[b.status];
  if (bySeverity !== 0) return bySeverity;
  const least = (x: typeof a) => Math.min(...x.measures.filter((m): m is MeasureProgress => m !== null).map((m) => m.ratio), Infinity);
  return least(a) - least(b);
}

// A unit's correspondents by what they brought in: points, then stories, then name.
export function compareContribution(a: { points: number; adopted: number; name: string }, b: typeof a): number {
  return b.points - a.points || b.adopted - a.adopted || a.name.localeCompare(b.name, 'zh-CN');
}
