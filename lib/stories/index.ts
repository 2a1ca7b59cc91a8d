import 'server-only';

// The story domain's front door: every function here takes the acting user
// and checks it. The helpers they share (the transition engine, revisions,
// receipts, credits, recipients) live in internal/, which app/ and
// components/ may not import (eslint.config.mjs); the scheduler, which acts
// for nobody, is lib/stories/scheduler.ts, run by lib/jobs.ts.

export { getReviewFile, type ReviewFile } from './review-file';
export { getStory, getVisibleStory, readStory, readWorkingCopy, type StoryHead, type VisibleStory } from './access';
export { addComment, COMMENT_MAX } from './comments';
export { approveStory, claimStory, restartStoryFlow, NOTE_MAX, publishStory, rejectStory, releaseStory, returnStory, sendBackStory, takeOverStory, unpublishStory, type PublishInput } from './desk';
export { createStory, deleteDraft, listActiveColumns, listOwnStories, saveStory, type ColumnOption, type OwnStoryRow } from './editing';
export { submitStory, withdrawStory } from './owner';
export { CORRECTION_NOTE_MAX, discardPending, getLiveFile, publishUpdate, restoreRevision, setStoryExpiry, type LiveCorrection, type LiveFile, type PublishUpdateInput } from './live';
export { canRecordLeaderApproval, LEADER_NAME_MAX, LEADER_NOTE_MAX, recordLeaderApproval, type LeaderApprovalInput } from './leader-approval';
export {
  getPublishedChanges,
  getReturnedChanges,
  getRevisionPair,
  getStoryCreditIds,
  getStoryPeople,
  listComments,
  listCreditableCorrespondents,
  listRevisions,
  listStoryTimeline,
  revealStoryOwnerContact,
  type CommentItem,
  type CreditOption,
  type RevisionItem,
  type RevisionText,
  type StoryPeople,
  type TimelineEntry,
} from './reads';
export { assignStory, getStageClock, unassignStory, type StageClock, type StageColleague } from './assignment';
export { getStageContext, getStoryFlow, type DecisionItem, type StoryFlowView } from './stages';
