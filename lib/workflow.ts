import type { StoryStatus, UserRole } from '@/db/schema/enums';
import { can, isDesk } from './authz';

// The story's state machine from DESIGN.md, as data. Pure: lib/ functions use
// it to guard their UPDATE … WHERE status = ANY(from), the UI to show buttons.
export type StoryAction =
  | 'submit'
  | 'withdraw'
  | 'claim'
  | 'release'
  | 'take_over'
  | 'approve'
  | 'send_back'
  | 'return'
  | 'reject'
  | 'publish'
  | 'schedule'
  | 'publish_due'
  | 'unpublish'
  | 'restart_flow'
  | 'publish_update'
  | 'discard_pending'
  | 'set_expiry'
  | 'unpublish_due';

export type Transition = {
  from: readonly StoryStatus[];
  to: StoryStatus;
  // 'owner' = the correspondent who owns the story; 'editor' = the review
  // desk; 'unit' = a unit approver (单位审核员); 'system' = the scheduler.
  actors: readonly ActorKind[];
  // A note the acting person must give.
  needsNote?: boolean;
};

type ActorKind = 'owner' | 'editor' | 'unit' | 'system';

export const transitions: Record<StoryAction, Transition> = {
  submit: { from: ['draft', 'changes_requested'], to: 'submitted', actors: ['owner'] },
  withdraw: { from: ['submitted'], to: 'draft', actors: ['owner'] },
  claim: { from: ['submitted'], to: 'in_review', actors: ['editor', 'unit'] },
  release: { from: ['in_review'], to: 'submitted', actors: ['editor', 'unit'] },
  // Another editor takes a claimed story over (logged); the state stays.
  take_over: { from: ['in_review'], to: 'in_review', actors: ['editor'] },
  // To the next stage of its flow (never from the last: that one signs off
  // by publishing), and back to the previous one.
  approve: { from: ['in_review'], to: 'submitted', actors: ['editor', 'unit'] },
  send_back: { from: ['in_review'], to: 'submitted', actors: ['editor', 'unit'], needsNote: true },
  return: { from: ['in_review'], to: 'changes_requested', actors: ['editor', 'unit'], needsNote: true },
  reject: { from: ['submitted', 'in_review'], to: 'rejected', actors: ['editor', 'unit'], needsNote: true },
  // From scheduled: publish now instead of waiting; from unpublished: republish.
  publish: { from: ['in_review', 'scheduled', 'unpublished'], to: 'published', actors: ['editor'] },
  // From scheduled: a new time.
  schedule: { from: ['in_review', 'scheduled', 'unpublished'], to: 'scheduled', actors: ['editor'] },
  publish_due: { from: ['scheduled'], to: 'published', actors: ['system'] },
  unpublish: { from: ['published', 'scheduled'], to: 'unpublished', actors: ['editor'], needsNote: true },
  // An administrator puts a story in review back at the first stage of its
  // column's current flow (after a column change), with a reason.
  restart_flow: { from: ['submitted', 'in_review'], to: 'submitted', actors: ['editor'], needsNote: true },
  // A live story's pending revision (docs/live-articles.md) goes out, with a
  // correction note or marked minor; or is thrown away. The state stays.
  publish_update: { from: ['published'], to: 'published', actors: ['editor'] },
  discard_pending: { from: ['published'], to: 'published', actors: ['editor'] },
  // 到期撤下: the time a live story leaves the site, changed on the story;
  // the job takes it down then.
  set_expiry: { from: ['published'], to: 'published', actors: ['editor'] },
  unpublish_due: { from: ['published'], to: 'unpublished', actors: ['system'] },
};

// States in which each party may edit the text.
export const editableBy = {
  owner: ['draft', 'changes_requested'],
  editor: ['in_review', 'scheduled', 'published', 'unpublished'],
} as const satisfies Record<'owner' | 'editor', readonly StoryStatus[]>;

// Editors never see drafts: a story becomes theirs to see at its first submit.
export const hiddenFromEditors: readonly StoryStatus[] = ['draft'];

export type Actor = { id: number; role: UserRole; unitId?: number | null; columnIds?: readonly number[] | null };

// Where a story stands in its review flow, for this actor (lib/review-flows
// computes it from the flow version the story is bound to): whether they may
// act at its current stage, whether that stage is the first or the last
// (签发), and whether any stage decision was taken on it yet.
export type StageContext = { mayAct: boolean; isFirst: boolean; isLast: boolean; decided: boolean };

// A story outside any flow (or a caller that only asks about the states):
// one stage the whole desk acts at, as before stages existed.
function singleStage(kind: ActorKind | null): StageContext {
  return { mayAct: kind === 'editor', isFirst: true, isLast: true, decided: false };
}

// Actions taken at the story's current stage while it waits or is claimed.
const stageActions: ReadonlySet<StoryAction> = new Set(['claim', 'release', 'take_over', 'approve', 'send_back', 'return', 'reject', 'publish', 'schedule']);

function actorKind(actor: Actor, story: { ownerId: number }): ActorKind | null {
  if (isDesk(actor)) return 'editor';
  if (can(actor, 'review:unit')) return 'unit';
  if (can(actor, 'desk:use') && actor.id === story.ownerId) return 'owner';
  return null;
}

type StoryState = { ownerId: number; status: StoryStatus; assigneeId?: number | null; unitId?: number | null; columnId?: number | null };

// May this actor take this action on a story in its current state (and, in
// a flow, at its current stage)?
export function canTransition(actor: Actor, story: StoryState, action: StoryAction, stage?: StageContext): boolean {
  const t = transitions[action];
  if (!t.from.includes(story.status)) return false;
  const kind = actorKind(actor, story);
  if (!kind || !t.actors.includes(kind)) return false;
  if (!canView(actor, story)) return false;
  const at = stage ?? singleStage(kind);
  // Withdraw only while no reviewer holds the story and none has decided on it.
  if (action === 'withdraw') return !story.assigneeId && !at.decided;
  if ((story.status === 'submitted' || story.status === 'in_review') && stageActions.has(action)) {
    // Its holder may always put it back; everything else needs the stage.
    if (!(action === 'release' && story.assigneeId === actor.id) && !at.mayAct) return false;
    if (action === 'approve' && at.isLast) return false;
    if (action === 'send_back' && at.isFirst) return false;
    // Only the last stage signs off: publishing or scheduling.
    if ((action === 'publish' || action === 'schedule') && !at.isLast) return false;
  }
  // A live story's update goes out on the word of whoever may sign it off:
  // the caller gives the flow's last stage as the context.
  if (action === 'publish_update' && !at.mayAct) return false;
  // A claimed story is its claimer's: others take it over first.
  if (story.status === 'in_review' && kind !== 'owner' && action !== 'restart_flow') {
    if (action === 'take_over') return story.assigneeId !== actor.id;
    return story.assigneeId === actor.id;
  }
  return true;
}

export function canEdit(actor: Actor, story: StoryState): boolean {
  const kind = actorKind(actor, story);
  if (kind !== 'owner' && kind !== 'editor') return false;
  if (!canView(actor, story)) return false;
  if (!(editableBy[kind] as readonly StoryStatus[]).includes(story.status)) return false;
  // Under review only the claiming editor edits; two editors never type into one story.
  if (kind === 'editor' && story.status === 'in_review') return story.assigneeId === actor.id;
  return true;
}

// Editors see every filed story of their columns (all, unless scoped); a unit
// approver, the filed stories of their own unit; a correspondent, their own.
export function canView(actor: Actor, story: StoryState): boolean {
  const kind = actorKind(actor, story);
  if (kind === 'owner') return true;
  if (hiddenFromEditors.includes(story.status)) return false;
  if (kind === 'editor') return !actor.columnIds || (story.columnId != null && actor.columnIds.includes(story.columnId));
  if (kind === 'unit') return actor.unitId != null && story.unitId === actor.unitId;
  return false;
}
