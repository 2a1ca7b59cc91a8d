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
  | 'return'
  | 'reject'
  | 'publish'
  | 'schedule'
  | 'publish_due'
  | 'unpublish';

export type Transition = {
  from: readonly StoryStatus[];
  to: StoryStatus;
  // 'owner' = the correspondent who owns the story; 'system' = the scheduler.
  actors: readonly ('owner' | 'editor' | 'system')[];
  // A note the acting person must give.
  needsNote?: boolean;
};

export const transitions: Record<StoryAction, Transition> = {
  submit: { from: ['draft', 'changes_requested'], to: 'submitted', actors: ['owner'] },
  withdraw: { from: ['submitted'], to: 'draft', actors: ['owner'] },
  claim: { from: ['submitted'], to: 'in_review', actors: ['editor'] },
  release: { from: ['in_review'], to: 'submitted', actors: ['editor'] },
  // Another editor takes a claimed story over (logged); the state stays.
  take_over: { from: ['in_review'], to: 'in_review', actors: ['editor'] },
  return: { from: ['in_review'], to: 'changes_requested', actors: ['editor'], needsNote: true },
  reject: { from: ['submitted', 'in_review'], to: 'rejected', actors: ['editor'], needsNote: true },
  // From scheduled: publish now instead of waiting; from unpublished: republish.
  publish: { from: ['in_review', 'scheduled', 'unpublished'], to: 'published', actors: ['editor'] },
  // From scheduled: a new time.
  schedule: { from: ['in_review', 'scheduled', 'unpublished'], to: 'scheduled', actors: ['editor'] },
  publish_due: { from: ['scheduled'], to: 'published', actors: ['system'] },
  unpublish: { from: ['published', 'scheduled'], to: 'unpublished', actors: ['editor'], needsNote: true },
};

// States in which each party may edit the text.
export const editableBy = {
  owner: ['draft', 'changes_requested'],
  editor: ['in_review', 'scheduled', 'published', 'unpublished'],
} as const satisfies Record<'owner' | 'editor', readonly StoryStatus[]>;

// Editors never see drafts: a story becomes theirs to see at its first submit.
export const hiddenFromEditors: readonly StoryStatus[] = ['draft'];

export type Actor = { id: number; role: UserRole };

function actorKind(actor: Actor, story: { ownerId: number }): 'owner' | 'editor' | null {
  if (isDesk(actor)) return 'editor';
  if (can(actor, 'desk:use') && actor.id === story.ownerId) return 'owner';
  return null;
}

// May this actor take this action on a story in its current state?
export function canTransition(
  actor: Actor,
  story: { ownerId: number; status: StoryStatus; assigneeId?: number | null },
  action: StoryAction,
): boolean {
  const t = transitions[action];
  if (!t.from.includes(story.status)) return false;
  const kind = actorKind(actor, story);
  if (!kind || !t.actors.includes(kind)) return false;
  // Withdraw only while no editor holds the story.
  if (action === 'withdraw' && story.assigneeId) return false;
  // A claimed story is its claimer's: others take it over first.
  if (story.status === 'in_review' && kind === 'editor') {
    if (action === 'take_over') return story.assigneeId !== actor.id;
    return story.assigneeId === actor.id;
  }
  return true;
}

export function canEdit(actor: Actor, story: { ownerId: number; status: StoryStatus; assigneeId?: number | null }): boolean {
  const kind = actorKind(actor, story);
  if (!kind) return false;
  if (!(editableBy[kind] as readonly StoryStatus[]).includes(story.status)) return false;
  // Under review only the claiming editor edits; two editors never type into one story.
  if (kind === 'editor' && story.status === 'in_review') return story.assigneeId === actor.id;
  return true;
}

export function canView(actor: Actor, story: { ownerId: number; status: StoryStatus }): boolean {
  const kind = actorKind(actor, story);
  if (kind === 'owner') return true;
  if (kind === 'editor') return !hiddenFromEditors.includes(story.status);
  return false;
}
