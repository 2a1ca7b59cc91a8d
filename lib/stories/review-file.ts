import 'server-only';
import type { Story } from '@/db/schema';
import { can } from '../authz';
import { findSimilarStories, type SimilarStory } from '../duplicates';
import { requireAnyPermission, type Viewer } from '../viewer';
import { canTransition } from '../workflow';
import { readStory, readWorkingCopy, type VisibleStory } from './access';
import { getLiveFile, type LiveFile } from './live';
import { listActiveColumns, type ColumnOption } from './editing';
import * as reads from './reads';
import { getStoryFlow, type StoryFlowView } from './stages';

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
  ownerHistory: reads.OwnerStoryItem[];
  credits: number[];
  // Its review flow and the decisions taken (null before a first submit).
  flow: StoryFlowView | null;
  // What the editor works on (a published story's pending revision, else
  // the story), and a live story's pending revision, corrections and expiry.
  working: Story;
  live: LiveFile;
};

export async function getReviewFile(viewer: Viewer, handle: VisibleStory, compare: { from: number | null; to: number | null } = { from: null, to: null }): Promise<ReviewFile> {
  requireAnyPermission(viewer, ['review:use', 'review:unit']);
  // A unit approver reads the story, its timeline, people and flow; the
  // desk's tools (revisions, duplicates, comments, credits) are the desk's.
  const onDesk = can(viewer, 'review:use');
  const mayPublish = can(viewer, 'story:publish') && (canTransition(viewer, handle, 'publish') || canTransition(viewer, handle, 'schedule'));
  const { from, to } = compare;
  const [story, timeline, columns, people, comments, revisions, matches, pair, correspondents, credits, flow, ownerHistory] = await Promise.all([
    readStory(viewer, handle),
    reads.listStoryTimeline(viewer, handle),
    listActiveColumns(viewer),
    reads.getStoryPeople(viewer, handle),
    onDesk ? reads.listComments(viewer, handle) : [],
    onDesk ? reads.listRevisions(viewer, handle) : [],
    onDesk ? findSimilarStories(viewer, handle) : [],
    onDesk && from && to ? reads.getRevisionPair(viewer, handle, from, to) : null,
    mayPublish ? reads.listCreditableCorrespondents(viewer) : [],
    mayPublish ? reads.getStoryCreditIds(viewer, handle) : [],
    getStoryFlow(viewer, handle),
    reads.listOwnerHistory(viewer, handle),
  ]);
  const [working, live] = await Promise.all([readWorkingCopy(viewer, handle), getLiveFile(viewer, handle)]);
  return { story, timeline, columns, people, comments, revisions, matches, pair, correspondents, credits, flow, ownerHistory, working, live };
}
