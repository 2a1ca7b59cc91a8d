import 'server-only';
import { and, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import { stories } from '@/db/schema';
import { can, isDesk } from '../../authz';
import { hiddenFromEditors, type Actor } from '../../workflow';

// Which stories a viewer may see, as one SQL predicate: the twin of canView
// (lib/workflow.ts) for queries. Editors see every filed story of their
// columns (all, unless scoped); a unit approver, the filed stories of their
// unit; a correspondent, their own.
export function visibleTo(viewer: Actor): SQL {
  const filed = notInArray(stories.status, [...hiddenFromEditors]);
  if (isDesk(viewer)) {
    if (!viewer.columnIds) return filed;
    return viewer.columnIds.length ? and(filed, inArray(stories.columnId, [...viewer.columnIds]))! : sql`false`;
  }
  if (can(viewer, 'review:unit')) return viewer.unitId != null ? and(filed, eq(stories.unitId, viewer.unitId))! : sql`false`;
  if (can(viewer, 'desk:use')) return eq(stories.ownerId, viewer.id);
  return sql`false`;
}

export function visibleStoryWhere(viewer: Actor, id: number): SQL {
  return and(eq(stories.id, id), visibleTo(viewer))!;
}
