import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { reviewFlowVersions, stories } from '@/db/schema';
import type { Db } from '@/db/client';
import { can, isDesk } from '../authz';
import type { Viewer } from '../viewer';
import { getFlowVersion } from './index';
import type { StageDef } from './stages';

// The review queue's tab per stage ("待初审 3 / 待复审 1"): for each stage
// name the viewer may act at in some flow version, the SQL that finds the
// stories waiting or claimed there that are theirs to act on. The twin of
// mayActAtStage (stages.ts) for queries; the viewer's own scope (columns,
// unit) is visibleTo's, applied beside it.

export type StageTab = { name: string; where: SQL };

function stageWhere(viewer: Viewer, versionId: number, index: number, stage: StageDef): SQL | null {
  const at = and(eq(stories.flowVersionId, versionId), eq(stories.stage, index))!;
  if (isDesk(viewer) && stage.userIds.includes(viewer.id)) return at;
  switch (stage.holders) {
    case 'desk':
      if (!isDesk(viewer)) return null;
      return stage.columnIds ? and(at, stage.columnIds.length ? inArray(stories.columnId, stage.columnIds) : sql`false`)! : at;
    case 'unit':
      return can(viewer, 'review:unit') && viewer.unitId != null ? and(at, eq(stories.unitId, viewer.unitId))! : null;
    case 'named':
      return null;
  }
}

export async function stageTabsFor(db: Db, viewer: Viewer): Promise<StageTab[]> {
  const versions = await db.select({ id: reviewFlowVersions.id }).from(reviewFlowVersions).orderBy(reviewFlowVersions.id);
  const flows = await Promise.all(versions.map(({ id }) => getFlowVersion(db, id)));
  // A site whose flows are all one stage has nothing to tell apart.
  if (!flows.some((flow) => flow.stages.length > 1)) return [];
  const byName = new Map<string, SQL[]>();
  for (const flow of flows) {
    const id = flow.id;
    flow.stages.forEach((stage, index) => {
      const where = stageWhere(viewer, id, index, stage);
      if (where) byName.set(stage.name, [...(byName.get(stage.name) ?? []), where]);
    });
  }
  return [...byName].map(([name, wheres]) => ({ name, where: wheres.length === 1 ? wheres[0]! : sql`(${sql.join(wheres, sql` or `)})` }));
}
