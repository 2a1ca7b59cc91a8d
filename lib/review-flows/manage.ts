import 'server-only';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { reviewFlows, reviewFlowVersions, siteColumns, stageDecisions, stories, users } from '@/db/schema';
import { getDb, type Tx } from '@/db/client';
import { auditActor, actorIdOf } from '../actors';
import { recordAudit } from '../audit';
import { stripControlChars } from '../content/text';
import { AppError, fieldErrorsFrom, takenAsFieldError, validationError, type FieldErrors } from '../errors';
import { isId } from '../ids';
import { holdsPermission } from '../permission-holders';
import { typedText } from '../text-input';
import { requirePermission, type Viewer } from '../viewer';
import { parseStoredStages, stagesSchema, type StageDef } from './stages';

// Review flows as administrators define them (/admin/workflows). A flow's
// stages are edited by appending a version: stories in flight keep the version
// of their first submit, so nothing here rewrites a version once written.

export const FLOW_NAME_MAX = 30;

// The states in which a story is still passing a flow's stages.
const IN_FLIGHT = ['submitted', 'in_review', 'changes_requested'] as const;

export type FlowVersionSummary = {
  id: number;
  number: number;
  createdAt: Date;
  createdByName: string | null;
  inFlight: number;
};

export type FlowSummary = {
  id: number;
  name: string;
  isDefault: boolean;
  // The edit form sends it back, so a save over someone else's rename is
  // refused like one over their new version.
  updatedAt: Date;
  // The newest version: what a story submitted now follows.
  version: { id: number; number: number; stages: StageDef[] };
  // Newest first.
  versions: FlowVersionSummary[];
  // Columns that chose this flow; for the default, also those that chose none.
  columns: { id: number; name: string }[];
  defaultColumns: { id: number; name: string }[];
  inFlight: number;
  // Stories bound to any version, in any state: a flow with any cannot be deleted.
  boundStories: number;
};

export type FlowPerson = { id: number; displayName: string; username: string; role: string; isEnabled: boolean; isDesk: boolean };
export type FlowColumn = { id: number; name: string; isActive: boolean; flowId: number | null };

export type FlowChoices = {
  // Enabled members of the review desk: who may be named at a stage.
  people: FlowPerson[];
  // Also anyone a flow names who is no longer on the desk, so the page can say so.
  named: FlowPerson[];
  columns: FlowColumn[];
  // Enabled unit approvers who belong to a unit: a unit stage needs one.
  unitApprovers: number;
};

// Administrators (workflows:manage): every flow with its newest stages, the
// columns that use it, the stories in flight and its version history.
export async function listFlows(viewer: Viewer): Promise<FlowSummary[]> {
  requirePermission(viewer, 'workflows:manage');
  const db = await getDb();
  const [flows, versionRows, columns, counts] = await Promise.all([
    db.select().from(reviewFlows).orderBy(desc(reviewFlows.isDefault), asc(reviewFlows.name), asc(reviewFlows.id)),
    db
      .select({
        id: reviewFlowVersions.id,
        flowId: reviewFlowVersions.flowId,
        number: reviewFlowVersions.number,
        stages: reviewFlowVersions.stages,
        createdAt: reviewFlowVersions.createdAt,
        createdByName: users.displayName,
      })
      .from(reviewFlowVersions)
      .leftJoin(users, eq(users.id, reviewFlowVersions.createdById))
      .orderBy(asc(reviewFlowVersions.flowId), desc(reviewFlowVersions.number)),
    db.select({ id: siteColumns.id, name: siteColumns.name, flowId: siteColumns.reviewFlowId }).from(siteColumns).orderBy(asc(siteColumns.sortOrder), asc(siteColumns.id)),
    db
      .select({
        versionId: stories.flowVersionId,
        bound: count(),
        inFlight: sql<number>`count(*) filter (where ${inArray(stories.status, [...IN_FLIGHT])})`.mapWith(Number),
      })
      .from(stories)
      .where(isNotNull(stories.flowVersionId))
      .groupBy(stories.flowVersionId),
  ]);
  const countsOf = new Map(counts.map((c) => [c.versionId, c]));
  return flows.flatMap((flow) => {
    const own = versionRows.filter((v) => v.flowId === flow.id);
    const newest = own[0];
    // A flow is created with its first version in one transaction.
    if (!newest) return [];
    const versions = own.map((v) => ({ id: v.id, number: v.number, createdAt: v.createdAt, createdByName: v.createdByName, inFlight: countsOf.get(v.id)?.inFlight ?? 0 }));
    return [
      {
        id: flow.id,
        name: flow.name,
        isDefault: flow.isDefault,
        updatedAt: flow.updatedAt,
        version: { id: newest.id, number: newest.number, stages: parseStoredStages(newest.stages) },
        versions,
        columns: columns.filter((c) => c.flowId === flow.id).map(({ id, name }) => ({ id, name })),
        defaultColumns: flow.isDefault ? columns.filter((c) => c.flowId === null).map(({ id, name }) => ({ id, name })) : [],
        inFlight: versions.reduce((sum, v) => sum + v.inFlight, 0),
        boundStories: own.reduce((sum, v) => sum + (countsOf.get(v.id)?.bound ?? 0), 0),
      },
    ];
  });
}

// Administrators: what the flow form offers (people, columns) and the names
// of people the flows name.
export async function listFlowChoices(viewer: Viewer): Promise<FlowChoices> {
  requirePermission(viewer, 'workflows:manage');
  const db = await getDb();
  const namedIds = await db.select({ stages: reviewFlowVersions.stages }).from(reviewFlowVersions);
  const referenced = [...new Set(namedIds.flatMap((row) => parseStoredStages(row.stages).flatMap((s) => [...s.userIds, ...s.supervisorIds])))];
  const person = {
    id: users.id,
    displayName: users.displayName,
    username: users.username,
    role: users.role,
    isEnabled: sql<boolean>`${users.disabledAt} is null`,
    isDesk: sql<boolean>`${holdsPermission('review:use')}`,
  };
  const [people, named, columns, [approvers]] = await Promise.all([
    db
      .select(person)
      .from(users)
      .where(and(holdsPermission('review:use'), isNull(users.disabledAt)))
      .orderBy(asc(users.displayName), asc(users.id)),
    referenced.length ? db.select(person).from(users).where(inArray(users.id, referenced)) : Promise.resolve([]),
    db
      .select({ id: siteColumns.id, name: siteColumns.name, isActive: siteColumns.isActive, flowId: siteColumns.reviewFlowId })
      .from(siteColumns)
      .orderBy(asc(siteColumns.sortOrder), asc(siteColumns.id)),
    db
      .select({ n: count() })
      .from(users)
      .where(and(holdsPermission('review:unit'), isNull(users.disabledAt), isNotNull(users.unitId))),
  ]);
  return { people, named: named.filter((p) => !p.isEnabled || !p.isDesk), columns, unitApprovers: approvers?.n ?? 0 };
}

// A stage's name is typed text like any other; the rest is stagesSchema's.
function cleanStageNames(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((stage: unknown) =>
    stage && typeof stage === 'object' && typeof (stage as { name?: unknown }).name === 'string' ? { ...stage, name: stripControlChars((stage as { name: string }).name) } : stage,
  );
}

const flowInput = z.object({
  name: typedText().trim().min(1, 'required').max(FLOW_NAME_MAX, 'too_long'),
  stages: z.preprocess(cleanStageNames, stagesSchema),
});

export type FlowInput = { name: string; stages: StageDef[] };

// Each stage in one shape, so "did the stages change" is a comparison of
// values: people and columns without repeats, a column restriction only
// where it applies (a desk stage), none for "every column".
function normalizeStage(stage: StageDef): StageDef {
  const columnIds = stage.holders === 'desk' && stage.columnIds?.length ? [...new Set(stage.columnIds)] : null;
  return {
    name: stage.name,
    holders: stage.holders,
    userIds: [...new Set(stage.userIds)],
    columnIds,
    opinionRequired: stage.opinionRequired,
    limitHours: stage.limitHours,
    supervisorIds: [...new Set(stage.supervisorIds)],
  };
}

// Field errors where the form shows them: stages.<i>.<field>.
function stageIssueField(issue: z.core.$ZodIssue): readonly [string, string] {
  const [top, index, field] = issue.path;
  if (top === 'stages' && typeof index === 'number') return [field === undefined ? `stages.${index}` : `stages.${index}.${String(field)}`, issue.message];
  return [String(top ?? 'form'), issue.message];
}

function parseFlowInput(input: unknown): FlowInput {
  const parsed = flowInput.safeParse(input);
  if (!parsed.success) throw validationError(fieldErrorsFrom(parsed.error, stageIssueField));
  return { name: parsed.data.name, stages: parsed.data.stages.map(normalizeStage) };
}

function sameStages(a: readonly StageDef[], b: readonly StageDef[]): boolean {
  return JSON.stringify(a.map(normalizeStage)) === JSON.stringify(b.map(normalizeStage));
}

// What the database must confirm about stages the schema accepted: the
// people named are enabled members of the desk, the columns exist, and a unit
// stage has someone to act at it. Every problem at once, per stage.
async function assertStagesUsable(tx: Tx, stages: readonly StageDef[]): Promise<void> {
  // Beyond an integer column's range an id is simply unknown, not a database error.
  const userIds = [...new Set(stages.flatMap((s) => [...s.userIds, ...s.supervisorIds]))].filter(isId);
  const columnIds = [...new Set(stages.flatMap((s) => s.columnIds ?? []))].filter(isId);
  const [deskPeople, columns, approvers] = await Promise.all([
    userIds.length
      ? tx
          .select({ id: users.id })
          .from(users)
          .where(and(inArray(users.id, userIds), holdsPermission('review:use'), isNull(users.disabledAt)))
      : Promise.resolve([]),
    columnIds.length ? tx.select({ id: siteColumns.id }).from(siteColumns).where(inArray(siteColumns.id, columnIds)) : Promise.resolve([]),
    stages.some((s) => s.holders === 'unit')
      ? tx
          .select({ n: count() })
          .from(users)
          .where(and(holdsPermission('review:unit'), isNull(users.disabledAt), isNotNull(users.unitId)))
      : Promise.resolve([{ n: 1 }]),
  ]);
  const onDesk = new Set(deskPeople.map((p) => p.id));
  const known = new Set(columns.map((c) => c.id));
  const errors: FieldErrors = {};
  stages.forEach((stage, i) => {
    if (stage.userIds.some((id) => !onDesk.has(id))) errors[`stages.${i}.userIds`] = 'stage_person_unavailable';
    if (stage.supervisorIds.some((id) => !onDesk.has(id))) errors[`stages.${i}.supervisorIds`] = 'stage_person_unavailable';
    if (stage.columnIds?.some((id) => !known.has(id))) errors[`stages.${i}.columnIds`] = 'stage_column_unknown';
    if (stage.holders === 'unit' && (approvers[0]?.n ?? 0) === 0) errors[`stages.${i}.holders`] = 'no_unit_approver';
  });
  if (Object.keys(errors).length > 0) throw validationError(errors);
}

async function assertNameFree(tx: Tx, name: string, exceptId?: number): Promise<void> {
  const [taken] = await tx
    .select({ id: reviewFlows.id })
    .from(reviewFlows)
    .where(and(eq(reviewFlows.name, name), exceptId === undefined ? undefined : ne(reviewFlows.id, exceptId)))
    .limit(1);
  if (taken) throw validationError({ name: 'flow_name_taken' });
}

// Two administrators creating the same name at once: the second meets the index.
const FLOW_TAKEN = [{ constraint: 'review_flows_name_key', field: 'name', key: 'flow_name_taken' }];

// The stages as the trail keeps them: what each says, names resolved by the
// trail's page from the ids.
function stagesForAudit(stages: readonly StageDef[]) {
  return stages.map((s) => ({ name: s.name, holders: s.holders, userIds: s.userIds, columnIds: s.columnIds, opinionRequired: s.opinionRequired, limitHours: s.limitHours, supervisorIds: s.supervisorIds }));
}

export type SavedFlow = { id: number; name: string; versionNumber: number; updatedAt: Date };

// Administrators: a new flow with its first version. Not the default, and no
// column uses it until an administrator says so.
export async function createFlow(viewer: Viewer, input: unknown): Promise<SavedFlow> {
  requirePermission(viewer, 'workflows:manage');
  const data = parseFlowInput(input);
  const db = await getDb();
  return takenAsFieldError(FLOW_TAKEN, () =>
    db.transaction(async (tx) => {
      await assertNameFree(tx, data.name);
      await assertStagesUsable(tx, data.stages);
      const now = new Date();
      const [flow] = await tx.insert(reviewFlows).values({ name: data.name, createdAt: now, updatedAt: now }).returning();
      await tx.insert(reviewFlowVersions).values({ flowId: flow!.id, number: 1, stages: data.stages, createdById: actorIdOf(viewer), createdAt: now });
      await recordAudit(tx, {
        ...auditActor(viewer),
        action: 'flow.create',
        targetType: 'review_flow',
        targetId: flow!.id,
        meta: { name: data.name, version: 1, stages: stagesForAudit(data.stages) },
      });
      return { id: flow!.id, name: flow!.name, versionNumber: 1, updatedAt: flow!.updatedAt };
    }),
  );
}

// What the editor saw when the form opened. The version number alone would
// let a rename (which adds no version) be overwritten unseen.
export type FlowSeen = { updatedAt?: Date | null };

function staleFlow(currentVersion: number): AppError {
  return new AppError('conflict', 'flow changed since it was read', { form: 'flow_changed' }, { version: currentVersion });
}

// Administrators: rename a flow and/or give it new stages. New stages are a
// new version (stories in flight keep theirs; new submissions follow it); a
// rename only changes the flow. The version the form was opened on must
// still be the newest, or someone else saved first: a conflict.
export async function updateFlow(viewer: Viewer, flowId: number, expectedVersionNumber: number, input: unknown, seen: FlowSeen = {}): Promise<SavedFlow> {
  requirePermission(viewer, 'workflows:manage');
  const data = parseFlowInput(input);
  const db = await getDb();
  return takenAsFieldError(FLOW_TAKEN, () =>
    db.transaction(async (tx) => {
      // Locked first: two saves of one flow take turns, and the second sees
      // the first's version below.
      const [flow] = await tx.select().from(reviewFlows).where(eq(reviewFlows.id, flowId)).for('update');
      if (!flow) throw new AppError('not_found');
      const [newest] = await tx
        .select()
        .from(reviewFlowVersions)
        .where(eq(reviewFlowVersions.flowId, flowId))
        .orderBy(desc(reviewFlowVersions.number))
        .limit(1);
      if (!newest) throw new AppError('not_found');
      if (newest.number !== expectedVersionNumber) throw staleFlow(newest.number);
      if (seen.updatedAt && seen.updatedAt.getTime() !== flow.updatedAt.getTime()) throw staleFlow(newest.number);
      const before = parseStoredStages(newest.stages);
      const renamed = data.name !== flow.name;
      const restaged = !sameStages(before, data.stages);
      if (!renamed && !restaged) return { id: flow.id, name: flow.name, versionNumber: newest.number, updatedAt: flow.updatedAt };
      if (renamed) await assertNameFree(tx, data.name, flowId);
      if (restaged) await assertStagesUsable(tx, data.stages);
      const now = new Date();
      const number = restaged ? newest.number + 1 : newest.number;
      if (restaged) await tx.insert(reviewFlowVersions).values({ flowId, number, stages: data.stages, createdById: actorIdOf(viewer), createdAt: now });
      await tx.update(reviewFlows).set({ name: data.name, updatedAt: now }).where(eq(reviewFlows.id, flowId));
      await recordAudit(tx, {
        ...auditActor(viewer),
        action: 'flow.update',
        targetType: 'review_flow',
        targetId: flowId,
        meta: {
          name: data.name,
          ...(renamed ? { from: { name: flow.name }, to: { name: data.name } } : {}),
          ...(restaged ? { version: number, stagesBefore: stagesForAudit(before), stagesAfter: stagesForAudit(data.stages) } : {}),
        },
      });
      return { id: flowId, name: data.name, versionNumber: number, updatedAt: now };
    }),
  );
}

// Administrators: the flow columns without one of their own follow. Exactly
// one default at any time (a unique index holds it too).
export async function setDefaultFlow(viewer: Viewer, flowId: number): Promise<void> {
  requirePermission(viewer, 'workflows:manage');
  const db = await getDb();
  await db.transaction(async (tx) => {
    // Every flow locked, in one order: two switches at once take turns, and
    // the second reads the default the first left.
    const flows = await tx.select({ id: reviewFlows.id, name: reviewFlows.name, isDefault: reviewFlows.isDefault }).from(reviewFlows).orderBy(asc(reviewFlows.id)).for('update');
    const target = flows.find((f) => f.id === flowId);
    if (!target) throw new AppError('not_found');
    if (target.isDefault) return;
    const previous = flows.find((f) => f.isDefault);
    // The old default first: the index allows one true at any moment.
    await tx.update(reviewFlows).set({ isDefault: false }).where(eq(reviewFlows.isDefault, true));
    await tx.update(reviewFlows).set({ isDefault: true }).where(eq(reviewFlows.id, flowId));
    await recordAudit(tx, {
      ...auditActor(viewer),
      action: 'flow.default',
      targetType: 'review_flow',
      targetId: flowId,
      meta: { name: target.name, previous: previous ? { id: previous.id, name: previous.name } : null },
    });
  });
}

// Administrators: the flow stories filed in a column follow from now on;
// null, the site's default. Stories already filed keep their version.
export async function setColumnFlow(viewer: Viewer, columnId: number, flowId: number | null): Promise<void> {
  requirePermission(viewer, 'workflows:manage');
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [column] = await tx.select({ id: siteColumns.id, name: siteColumns.name, flowId: siteColumns.reviewFlowId }).from(siteColumns).where(eq(siteColumns.id, columnId)).for('update');
    if (!column) throw new AppError('not_found');
    // Shared, so a flow being deleted meanwhile is waited for and then missing.
    const named = await tx
      .select({ id: reviewFlows.id, name: reviewFlows.name })
      .from(reviewFlows)
      .where(inArray(reviewFlows.id, [flowId, column.flowId].filter((id): id is number => id !== null)))
      .for('share');
    const to = flowId === null ? null : named.find((f) => f.id === flowId);
    if (to === undefined) throw new AppError('not_found', 'no such flow', { flowId: 'flow_unknown' });
    if (column.flowId === flowId) return;
    await tx.update(siteColumns).set({ reviewFlowId: flowId, updatedAt: new Date() }).where(eq(siteColumns.id, columnId));
    const from = column.flowId === null ? null : (named.find((f) => f.id === column.flowId) ?? { id: column.flowId, name: null });
    await recordAudit(tx, {
      ...auditActor(viewer),
      action: 'column.flow',
      targetType: 'column',
      targetId: columnId,
      meta: { name: column.name, from, to },
    });
  });
}

// Administrators: only a flow nothing depends on — not the default, no
// column's, and no story ever bound to one of its versions (their decisions
// and 审查单 name it).
export async function deleteFlow(viewer: Viewer, flowId: number): Promise<void> {
  requirePermission(viewer, 'workflows:manage');
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [flow] = await tx.select().from(reviewFlows).where(eq(reviewFlows.id, flowId)).for('update');
    if (!flow) throw new AppError('not_found');
    if (flow.isDefault) throw new AppError('conflict', 'default flow', { form: 'flow_is_default' });
    // Locked too: a story bound to one meanwhile waits, then finds it gone.
    const versions = await tx.select({ id: reviewFlowVersions.id }).from(reviewFlowVersions).where(eq(reviewFlowVersions.flowId, flowId)).for('update');
    const versionIds = versions.map((v) => v.id);
    const usedBy = await tx.select({ name: siteColumns.name }).from(siteColumns).where(eq(siteColumns.reviewFlowId, flowId)).orderBy(asc(siteColumns.sortOrder));
    if (usedBy.length) throw new AppError('conflict', 'flow used by columns', { form: 'flow_in_use' }, { columns: usedBy.map((c) => c.name).join('、') });
    if (versionIds.length) {
      const [bound] = await tx
        .select({ n: count() })
        .from(stories)
        .where(inArray(stories.flowVersionId, versionIds));
      const [decided] = await tx.select({ n: count() }).from(stageDecisions).where(inArray(stageDecisions.flowVersionId, versionIds));
      const n = Math.max(bound?.n ?? 0, decided?.n ? 1 : 0);
      if (n > 0) throw new AppError('conflict', 'flow has stories', { form: 'flow_has_stories' }, { count: n });
      await tx.delete(reviewFlowVersions).where(inArray(reviewFlowVersions.id, versionIds));
    }
    await tx.delete(reviewFlows).where(eq(reviewFlows.id, flowId));
    await recordAudit(tx, {
      ...auditActor(viewer),
      action: 'flow.delete',
      targetType: 'review_flow',
      targetId: flowId,
      meta: { name: flow.name, versions: versionIds.length },
    });
  });
}
