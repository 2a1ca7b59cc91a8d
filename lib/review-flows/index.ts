import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { reviewFlows, reviewFlowVersions, siteColumns } from '@/db/schema';
import type { Db, Tx } from '@/db/client';
import { parseStoredStages, type StageDef } from './stages';

// Reading the flows the stories follow. A version never changes once written,
// so each is parsed once per process and kept.

export type FlowVersion = { id: number; flowId: number; flowName: string; number: number; stages: StageDef[] };

const versions = new Map<number, FlowVersion>();

export async function getFlowVersion(db: Db | Tx, id: number): Promise<FlowVersion> {
  const known = versions.get(id);
  if (known) return known;
  const [row] = await db
    .select({ id: reviewFlowVersions.id, flowId: reviewFlowVersions.flowId, number: reviewFlowVersions.number, stages: reviewFlowVersions.stages, flowName: reviewFlows.name })
    .from(reviewFlowVersions)
    .innerJoin(reviewFlows, eq(reviewFlows.id, reviewFlowVersions.flowId))
    .where(eq(reviewFlowVersions.id, id))
    .limit(1);
  if (!row) throw new Error(`no review flow version ${id}`);
  const version: FlowVersion = { ...row, stages: parseStoredStages(row.stages) };
  versions.set(id, version);
  return version;
}

// The flow a story filed now in this column follows: the column's own, or the
// site's default; its newest version.
export async function currentFlowVersionFor(db: Db | Tx, columnId: number | null): Promise<FlowVersion> {
  let flowId: number | null = null;
  if (columnId !== null) {
    const [column] = await db.select({ flowId: siteColumns.reviewFlowId }).from(siteColumns).where(eq(siteColumns.id, columnId)).limit(1);
    flowId = column?.flowId ?? null;
  }
  const [row] = await db
    .select({ id: reviewFlowVersions.id })
    .from(reviewFlowVersions)
    .innerJoin(reviewFlows, eq(reviewFlows.id, reviewFlowVersions.flowId))
    .where(flowId !== null ? eq(reviewFlows.id, flowId) : and(eq(reviewFlows.isDefault, true)))
    .orderBy(desc(reviewFlowVersions.number))
    .limit(1);
  if (!row) throw new Error('no default review flow');
  return getFlowVersion(db, row.id);
}

// Defining flows: the administrators' side (/admin/workflows).
export * from './manage';
