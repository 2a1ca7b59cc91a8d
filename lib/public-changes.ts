import 'server-only';
import type { Tx } from '@/db/client';
import { announceStalePages, publishedFootprints, stalePagesFor } from './public-cache';
import { refreshSearchIndex } from './search-index';

// The one place that hears when what readers can see changes: a story
// published, edited while published, unpublished, or flipped by the
// scheduler. Called inside the transaction of the change, after it, so a
// rolled-back change announces nothing: the search copy follows the change,
// and every instance hears which cached pages went stale.

export type PublicChange = { storyIds: readonly number[] };

export async function publicStoriesChanged(tx: Tx, change: PublicChange): Promise<void> {
  if (change.storyIds.length === 0) return;
  // Where readers saw the stories (the copy before its refresh) and where
  // they see them now.
  const before = await publishedFootprints(tx, change.storyIds);
  await refreshSearchIndex(tx, change.storyIds);
  const after = await publishedFootprints(tx, change.storyIds);
  await announceStalePages(tx, await stalePagesFor(tx, change.storyIds, [...before, ...after]));
}
