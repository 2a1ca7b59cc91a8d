import 'server-only';
import { and, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import { stories } from '@/db/schema';
import { can, isDesk } from '../../authz';
import { hiddenFromEditors, type Actor } from '../../workflow';

// Which stories a viewer may see, as one SQL predicate: the twin of canView
// (lib/workflow.ts) for queries, and the one place a column or unit scope
// will narrow it. Editors see every filed story; a correspondent, their own.
export function visibleTo(viewer: Actor): SQL {
  if (isDesk(viewer)) return notInArray(stories.status, [...hiddenFromEditors]);
  if (can(viewer, 'desk:use')) return eq(stories.ownerId, viewer.id);
  return sql`false`;
}

export function visibleStoryWhere(viewer: Actor, id: number): SQL {
  return and(eq(stories.id, id), visibleTo(viewer))!;
}
