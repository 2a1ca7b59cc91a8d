import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { refreshSearchIndex } from './search-index';

// The one place that hears when what readers can see changes: a story
// published, edited while published, unpublished, or flipped by the
// scheduler. Called inside the transaction of the change, so a rolled-back
// change announces nothing. Today it announces the change on a PostgreSQL
// channel; the public page cache (issue 5) listens on it in every instance.

export type PublicChange = { storyIds: readonly number[] };

// The channel on which every instance hears that public pages went stale.
export const PUBLIC_CHANGE_CHANNEL = 'tougao_public_change';

export async function publicStoriesChanged(tx: Tx, change: PublicChange): Promise<void> {
  if (change.storyIds.length === 0) return;
  await refreshSearchIndex(tx, change.storyIds);
  // Delivered to every listening instance when the transaction commits.
  await tx.execute(sql`select pg_notify(${PUBLIC_CHANGE_CHANNEL}, ${JSON.stringify({ storyIds: change.storyIds })})`);
}
