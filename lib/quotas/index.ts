import 'server-only';
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { unitQuotas, units, users } from '@/db/schema';
import { getDb, type Db, type Tx } from '@/db/client';
import { actorIdOf, auditActor } from '../actors';
import { recordAudit } from '../audit';
import { AppError, validationError, type FieldErrors } from '../errors';
import { getSiteSettings } from '../settings';
import { figuresByPersonAndUnit } from '../stats/figures';
import { readScoringRules } from '../stats/scoring';
import { roundPoints } from '../stats/scoring-rules';
import { typedText } from '../text-input';
import { requirePermission, type Viewer } from '../viewer';
import { compareContribution, compareProgress, isBehind, measureProgress, overallStatus, type MeasureProgress, type QuotaStatus } from './pace';
import { QUOTA_PERIOD_KINDS, elapsedShare, parsePeriodKey, periodContaining, periodKey, periodRange, previousPeriod, todayIn, type QuotaPeriod } from './periods';

export * from './periods';
export * from './pace';

// Unit quotas (任务指标): targets per unit for a month, a quarter or a year,
// of stories adopted and points, and each unit's progress against them,
// counted by the statistics' own query (lib/stats/figures.ts) over the
// period. Who sets them: quotas:manage; who reads all units' progress:
// stats:read; a correspondent reads their own unit's on the desk.

export type Targets = { adopted: number | null; points: number | null };

export type UnitTargets = { unitId: number; name: string } & Targets;

// ── Setting targets ─────────────────────────────────────────────────────

// The largest target a form accepts: far above any newsroom's, small
// enough that a slip of the keyboard (an extra 0000) is caught.
const MAX_ADOPTED = 100_000;
const MAX_POINTS = 10_000_000;

// Full-width digits and point (１２．５), as a Chinese keyboard types them.
const halfWidth = (value: string) => value.normalize('NFKC').replace(/\s+/g, '');

const adoptedField = z.union([typedText(), z.number(), z.null()]).transform((value, ctx) => {
  const text = value === null ? '' : halfWidth(String(value));
  if (text === '') return null;
  const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= MAX_ADOPTED)) {
    ctx.addIssue({ code: 'custom', message: 'quota_adopted_invalid' });
    return z.NEVER;
  }
  return n;
});

const pointsField = z.union([typedText(), z.number(), z.null()]).transform((value, ctx) => {
  const text = value === null ? '' : halfWidth(String(value));
  if (text === '') return null;
  const n = /^\d{1,9}(\.\d{1,2})?$/.test(text) ? Number(text) : NaN;
  if (!(n > 0 && n <= MAX_POINTS)) {
    ctx.addIssue({ code: 'custom', message: 'quota_points_invalid' });
    return z.NEVER;
  }
  return n;
});

const targetsInput = z.object({
  period: z.string(),
  targets: z.array(z.object({ unitId: z.number().int().positive(), adopted: adoptedField, points: pointsField })).max(10_000),
});

function parsePeriod(key: unknown): QuotaPeriod {
  const period = typeof key === 'string' ? parsePeriodKey(key) : null;
  if (!period) throw validationError({ form: 'quota_period_invalid' });
  return period;
}

// Field names as the targets form has them: adopted-<unit id>, points-<unit id>.
function parseTargets(input: unknown): { period: QuotaPeriod; targets: ({ unitId: number } & Targets)[] } {
  const parsed = targetsInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const [top, index, field] = issue.path;
      if (top === 'period') fieldErrors.form ??= 'quota_period_invalid';
      else if (top === 'targets' && typeof index === 'number' && (field === 'adopted' || field === 'points')) {
        const unitId = (input as { targets: { unitId?: unknown }[] }).targets[index]?.unitId;
        fieldErrors[`${field}-${String(unitId)}`] ??= issue.message;
      } else {
        // No such unit: as one deleted meanwhile.
        throw new AppError('not_found', 'malformed targets');
      }
    }
    throw validationError(fieldErrors);
  }
  return { period: parsePeriod(parsed.data.period), targets: parsed.data.targets };
}

const periodWhere = (period: QuotaPeriod) => and(eq(unitQuotas.periodKind, period.kind), eq(unitQuotas.periodStart, period.start));

const targetsOf = (row: { adoptedTarget: number | null; pointsTarget: number | null } | undefined): Targets | null =>
  row ? { adopted: row.adoptedTarget, points: row.pointsTarget === null ? null : Number(row.pointsTarget) } : null;

const sameTargets = (a: Targets | null, b: Targets | null) => a?.adopted === b?.adopted && a?.points === b?.points;

// Every unit with its targets for the period, for the form that sets them;
// and how many units had targets the period before (what a copy would bring).
export async function listUnitTargets(viewer: Viewer, periodKeyInput: string): Promise<{ period: QuotaPeriod; units: UnitTargets[]; previousCount: number }> {
  requirePermission(viewer, 'quotas:manage');
  const period = parsePeriod(periodKeyInput);
  const db = await getDb();
  const [rows, previous] = await Promise.all([
    db
      .select({ unitId: units.id, name: units.name, adoptedTarget: unitQuotas.adoptedTarget, pointsTarget: unitQuotas.pointsTarget })
      .from(units)
      .leftJoin(unitQuotas, and(eq(unitQuotas.unitId, units.id), periodWhere(period)))
      .orderBy(asc(units.sortOrder), asc(units.name)),
    db.select({ unitId: unitQuotas.unitId }).from(unitQuotas).where(periodWhere(previousPeriod(period))),
  ]);
  return {
    period,
    units: rows.map((r) => ({ unitId: r.unitId, name: r.name, ...targetsOf(r)! })),
    previousCount: previous.length,
  };
}

type QuotaChange = { unitId: number; before: Targets | null; after: Targets | null };

// Writes one unit's targets (none: removes them) and its audit row, when they change.
async function writeTargets(tx: Tx, viewer: Viewer, period: QuotaPeriod, change: QuotaChange, action: 'quota.set' | 'quota.copy', meta: Record<string, unknown> = {}): Promise<void> {
  const { unitId, after } = change;
  if (after) {
    const values = { adoptedTarget: after.adopted, pointsTarget: after.points, updatedById: actorIdOf(viewer), updatedAt: new Date() };
    await tx
      .insert(unitQuotas)
      .values({ unitId, periodKind: period.kind, periodStart: period.start, ...values })
      .onConflictDoUpdate({ target: [unitQuotas.periodKind, unitQuotas.periodStart, unitQuotas.unitId], set: values });
  } else {
    await tx.delete(unitQuotas).where(and(periodWhere(period), eq(unitQuotas.unitId, unitId)));
  }
  await recordAudit(tx, {
    ...auditActor(viewer),
    action: after ? action : 'quota.remove',
    targetType: 'unit',
    targetId: unitId,
    meta: { period: periodKey(period), before: change.before, after: change.after, ...meta },
  });
}

// Sets, replaces or (both empty) removes the targets of the units given, for
// one period; units left out keep theirs. Each changed unit is one audit row.
// Returns how many units changed.
export async function setUnitTargets(viewer: Viewer, input: unknown): Promise<number> {
  requirePermission(viewer, 'quotas:manage');
  const { period, targets } = parseTargets(input);
  if (targets.length === 0) return 0;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const ids = targets.map((t) => t.unitId);
    const known = await tx.select({ id: units.id }).from(units).where(inArray(units.id, ids)).for('share');
    if (known.length !== new Set(ids).size) throw new AppError('not_found', 'unit gone');
    const current = await tx.select().from(unitQuotas).where(and(periodWhere(period), inArray(unitQuotas.unitId, ids))).for('update');
    const before = new Map(current.map((row) => [row.unitId, targetsOf(row)]));
    let changed = 0;
    for (const { unitId, adopted, points } of targets) {
      const after = adopted === null && points === null ? null : { adopted, points };
      const was = before.get(unitId) ?? null;
      if (sameTargets(was, after)) continue;
      await writeTargets(tx, viewer, period, { unitId, before: was, after }, 'quota.set');
      changed += 1;
    }
    return changed;
  });
}

// 复制上期指标: the previous period's targets for the units that have none in
// this one (targets already set are kept). Returns how many were copied.
export async function copyPreviousTargets(viewer: Viewer, periodKeyInput: unknown): Promise<number> {
  requirePermission(viewer, 'quotas:manage');
  const period = parsePeriod(periodKeyInput);
  const from = previousPeriod(period);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [previous, current] = await Promise.all([
      tx.select().from(unitQuotas).where(periodWhere(from)),
      tx.select({ unitId: unitQuotas.unitId }).from(unitQuotas).where(periodWhere(period)).for('update'),
    ]);
    const taken = new Set(current.map((row) => row.unitId));
    const copied = previous.filter((row) => !taken.has(row.unitId));
    for (const row of copied) await writeTargets(tx, viewer, period, { unitId: row.unitId, before: null, after: targetsOf(row) }, 'quota.copy', { from: periodKey(from) });
    return copied.length;
  });
}

// ── Progress ────────────────────────────────────────────────────────────

export type ContributorFigures = { id: number; name: string; username: string; adopted: number; points: number };

export type UnitProgress = {
  unitId: number;
  name: string;
  adopted: MeasureProgress | null;
  points: MeasureProgress | null;
  status: QuotaStatus;
  behind: boolean;
  // The unit's correspondents and whoever else earned it figures, by contribution.
  correspondents: ContributorFigures[];
};

export type QuotaProgress = {
  period: QuotaPeriod;
  // Share of the period elapsed now, 0 to 1.
  elapsed: number;
  // The site's, which the period's days are in.
  timeZone: string;
  units: UnitProgress[];
};

type Figures = { adopted: number; points: number };

// Each unit's and each of its people's adopted stories and points in the
// period, as /stats counts them: the same pairs, summed per unit.
async function periodFigures(db: Db, range: ReturnType<typeof periodRange>, unitId: number | null) {
  const pairs = await figuresByPersonAndUnit(db, { range, unitId }, await readScoringRules(db));
  const byUnit = new Map<number, Figures>();
  const byPerson = new Map<number, Map<number, Figures>>();
  for (const row of pairs) {
    if (row.unit_id === null) continue;
    const unit = Number(row.unit_id);
    const sum = byUnit.get(unit) ?? { adopted: 0, points: 0 };
    sum.adopted += Number(row.adopted);
    sum.points += Number(row.points);
    byUnit.set(unit, sum);
    const people = byPerson.get(unit) ?? new Map<number, Figures>();
    const own = people.get(Number(row.user_id)) ?? { adopted: 0, points: 0 };
    own.adopted += Number(row.adopted);
    own.points += Number(row.points);
    people.set(Number(row.user_id), own);
    byPerson.set(unit, people);
  }
  return { byUnit, byPerson };
}

function progressOf(targets: Targets, figures: Figures | undefined, share: number) {
  const adopted = targets.adopted === null ? null : measureProgress(figures?.adopted ?? 0, targets.adopted, share);
  const points = targets.points === null ? null : measureProgress(roundPoints(figures?.points ?? 0), targets.points, share);
  const status = overallStatus([adopted, points]);
  return { adopted, points, status, behind: isBehind(status) };
}

// Every unit with a target for the period (one unit when asked), its
// progress and its people, the units furthest behind first.
export async function getQuotaProgress(viewer: Viewer, scope: { period: QuotaPeriod; unitId?: number | null }, now = new Date()): Promise<QuotaProgress> {
  requirePermission(viewer, 'stats:read');
  const { period } = scope;
  const db = await getDb();
  const { site } = await getSiteSettings();
  const elapsed = elapsedShare(period, site.timeZone, now);
  const targetRows = await db
    .select({ unitId: units.id, name: units.name, adoptedTarget: unitQuotas.adoptedTarget, pointsTarget: unitQuotas.pointsTarget })
    .from(unitQuotas)
    .innerJoin(units, eq(units.id, unitQuotas.unitId))
    .where(and(periodWhere(period), scope.unitId ? eq(unitQuotas.unitId, scope.unitId) : undefined));
  if (targetRows.length === 0) return { period, elapsed, timeZone: site.timeZone, units: [] };
  const unitIds = targetRows.map((r) => r.unitId);
  const { byUnit, byPerson } = await periodFigures(db, periodRange(period, site.timeZone), scope.unitId ?? null);
  // The units' active correspondents, with or without figures, and anyone
  // (moved, disabled, co-credited from elsewhere) who earned them some.
  const earners = [...new Set(unitIds.flatMap((id) => [...(byPerson.get(id)?.keys() ?? [])]))];
  const people = await db
    .select({ id: users.id, name: users.displayName, username: users.username, unitId: users.unitId })
    .from(users)
    .where(
      or(
        and(eq(users.role, 'correspondent'), isNull(users.disabledAt), inArray(users.unitId, unitIds)),
        earners.length ? inArray(users.id, earners) : undefined,
      ),
    );
  const unitProgress = targetRows.map((row): UnitProgress => {
    const earned = byPerson.get(row.unitId) ?? new Map<number, Figures>();
    const correspondents = people
      .filter((p) => earned.has(p.id) || p.unitId === row.unitId)
      .map((p) => ({ id: p.id, name: p.name, username: p.username, adopted: earned.get(p.id)?.adopted ?? 0, points: roundPoints(earned.get(p.id)?.points ?? 0) }))
      .sort(compareContribution);
    return { unitId: row.unitId, name: row.name, ...progressOf(targetsOf(row)!, byUnit.get(row.unitId), elapsed), correspondents };
  });
  unitProgress.sort((a, b) => compareProgress({ status: a.status, measures: [a.adopted, a.points] }, { status: b.status, measures: [b.adopted, b.points] }));
  return { period, elapsed, timeZone: site.timeZone, units: unitProgress };
}

export type OwnUnitProgress = { unitName: string; periods: ({ period: QuotaPeriod; elapsed: number } & Omit<UnitProgress, 'unitId' | 'name' | 'correspondents'>)[] };

// A correspondent's unit against the targets of the month, quarter and year
// it is now; null when the unit has none of them (the desk shows nothing).
export async function getOwnUnitProgress(viewer: Viewer, now = new Date()): Promise<OwnUnitProgress | null> {
  requirePermission(viewer, 'desk:use');
  if (!viewer.unitId) return null;
  const db = await getDb();
  const { site } = await getSiteSettings();
  const today = todayIn(site.timeZone, now);
  const current = QUOTA_PERIOD_KINDS.map((kind) => periodContaining(kind, today));
  const rows = await db
    .select({ kind: unitQuotas.periodKind, start: unitQuotas.periodStart, adoptedTarget: unitQuotas.adoptedTarget, pointsTarget: unitQuotas.pointsTarget, unitName: units.name })
    .from(unitQuotas)
    .innerJoin(units, eq(units.id, unitQuotas.unitId))
    .where(and(eq(unitQuotas.unitId, viewer.unitId), or(...current.map((p) => periodWhere(p)))));
  if (rows.length === 0) return null;
  const periods = await Promise.all(
    current.flatMap((period) => {
      const row = rows.find((r) => r.kind === period.kind && r.start === period.start);
      if (!row) return [];
      return [
        periodFigures(db, periodRange(period, site.timeZone), viewer.unitId).then(({ byUnit }) => {
          const elapsed = elapsedShare(period, site.timeZone, now);
          return { period, elapsed, ...progressOf(targetsOf(row)!, byUnit.get(viewer.unitId!), elapsed) };
        }),
      ];
    }),
  );
  return { unitName: rows[0]!.unitName, periods };
}
