import 'server-only';
import type { Story } from '@/db/schema';
import { can } from '../authz';
import { findSimilarStories, type SimilarStory } from '../duplicates';
import { requirePermission, type Viewer } from '../viewer';
import { canTransition } from '../workflow';
import { readStory, type VisibleStory } from './access';
import { listActiveColumns, type ColumnOption } from './editing';
import {
  getRevisionPair,
  getStoryCreditIds,
  getStoryPeople,
  listComments,
  listCreditableCorrespondents,
  listRevisions,
  listStoryTimeline,
  type CommentItem,
  type CreditOption,
  type RevisionItem,
  type RevisionText,
  type StoryPeople,
  type TimelineEntry,
} from './reads';

// Everything the review page shows of one story, read for one viewer: the
// story's row once for access (the handle) and once with its text, then
// what lies around it. The page renders it; a test counts its queries.
export type ReviewFile = {
  story: Story;
  timeline: TimelineEntry[];
  columns: ColumnOption[];
  people: StoryPeople;
  comments: CommentItem[];
  revisions: RevisionItem[];
  matches: SimilarStory[];
  pair: { from: RevisionText; to: RevisionText } | null;
  // For the publish dialog; empty for who may not publish this story now.
  correspondents: CreditOption[];
  credits: number[];
};

export async function getReviewFile(viewer: Viewer, handle: VisibleStory, compare: { from: number | null; to: number | null } = { from: null, to: null }): Promise<ReviewFile> {
  requirePermission(viewer, 'review:use');
  const mayPublish = can(viewer, 'story:publish') && (canTransition(viewer, handle, 'publish') || canTransition(viewer, handle, 'schedule'));
  const { from, to } = compare;
  const [story, timeline, columns, people, comments, revisions, matches, pair, correspondents, credits] = await Promise.all([
    readStory(viewer, handle),
    listStoryTimeline(viewer, handle),
    listActiveColumns(viewer),
    getStoryPeople(viewer, handle),
    listComments(viewer, handle),
    listRevisions(viewer, handle),
    findSimilarStories(viewer, handle),
    from && to ? getRevisionPair(viewer, handle, from, to) : null,
    mayPublish ? listCreditableCorrespondents(viewer) : [],
    mayPublish ? getStoryCreditIds(viewer, handle) : [],
  ]);
  return { story, timeline, columns, people, comments, revisions, matches, pair, correspondents, credits };
}
