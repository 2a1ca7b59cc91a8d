import 'server-only';
import type { Story } from '@/db/schema';
import { can } from '../authz';
import { findSimilarStories, type SimilarStory } from '../duplicates';
import { requirePermission, type Viewer } from '../viewer';
import { canTransition } from '../workflow';
import { readStory, type VisibleStory } from './access';
import { listActiveColumns, type ColumnOption } from './editing';
import * as reads from './reads';

// Everything the review page shows of one story, read for one viewer: the
// story's row once for access (the handle) and once with its text, then
// what lies around it. The page renders it; a test counts its queries.
export type ReviewFile = {
  story: Story;
  timeline: reads.TimelineEntry[];
  columns: ColumnOption[];
  people: reads.StoryPeople;
  comments: reads.CommentItem[];
  revisions: reads.RevisionItem[];
  matches: SimilarStory[];
  pair: { from: reads.RevisionText; to: reads.RevisionText } | null;
  // For the publish dialog; empty for who may not publish this story now.
  correspondents: reads.CreditOption[];
  credits: number[];
};

export async function getReviewFile(viewer: Viewer, handle: VisibleStory, compare: { from: number | null; to: number | null } = { from: null, to: null }): Promise<ReviewFile> {
  requirePermission(viewer, 'review:use');
  const mayPublish = can(viewer, 'story:publish') && (canTransition(viewer, handle, 'publish') || canTransition(viewer, handle, 'schedule'));
  const { from, to } = compare;
  const [story, timeline, columns, people, comments, revisions, matches, pair, correspondents, credits] = await Promise.all([
    readStory(viewer, handle),
    reads.listStoryTimeline(viewer, handle),
    listActiveColumns(viewer),
    reads.getStoryPeople(viewer, handle),
    reads.listComments(viewer, handle),
    reads.listRevisions(viewer, handle),
    findSimilarStories(viewer, handle),
    from && to ? reads.getRevisionPair(viewer, handle, from, to) : null,
    mayPublish ? reads.listCreditableCorrespondents(viewer) : [],
    mayPublish ? reads.getStoryCreditIds(viewer, handle) : [],
  ]);
  return { story, timeline, columns, people, comments, revisions, matches, pair, correspondents, credits };
}
