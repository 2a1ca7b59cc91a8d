import { describe, expect, test } from 'vitest';
import type { StoryStatus } from '@/db/schema/enums';
import { canEdit, canTransition, canView, transitions, type Actor, type StoryAction } from '@/lib/workflow';

const statuses: readonly StoryStatus[] = [
  'draft',
  'submitted',
  'in_review',
  'changes_requested',
  'rejected',
  'scheduled',
  'published',
  'unpublished',
];

type Who = 'owner' | 'otherCorrespondent' | 'editor' | 'admin';
const OWNER_ID = 10;
const actors: Record<Who, Actor> = {
  owner: { id: OWNER_ID, role: 'correspondent' },
  otherCorrespondent: { id: 11, role: 'correspondent' },
  editor: { id: 20, role: 'editor' },
  admin: { id: 30, role: 'admin' },
};
const everyone = Object.keys(actors) as Who[];

const desk: readonly Who[] = ['editor', 'admin'];

// The transition table of DESIGN.md, written out by hand: for each action,
// the states from which each party may take it (anything not listed is refused).
const expected: Record<StoryAction, { to: StoryStatus; needsNote: boolean; allowed: Partial<Record<Who, readonly StoryStatus[]>> }> = {
  submit: { to: 'submitted', needsNote: false, allowed: { owner: ['draft', 'changes_requested'] } },
  withdraw: { to: 'draft', needsNote: false, allowed: { owner: ['submitted'] } },
  claim: { to: 'in_review', needsNote: false, allowed: Object.fromEntries(desk.map((w) => [w, ['submitted']])) },
  release: { to: 'submitted', needsNote: false, allowed: Object.fromEntries(desk.map((w) => [w, ['in_review']])) },
  take_over: { to: 'in_review', needsNote: false, allowed: Object.fromEntries(desk.map((w) => [w, ['in_review']])) },
  // In a flow of one stage (no stage context: the desk acts at it) there is
  // nowhere to approve to nor back to; the stage tests below cover flows.
  approve: { to: 'submitted', needsNote: false, allowed: {} },
  send_back: { to: 'submitted', needsNote: true, allowed: {} },
  // The permission (administrators') is lib/'s; the state machine lets the desk.
  restart_flow: { to: 'submitted', needsNote: true, allowed: Object.fromEntries(desk.map((w) => [w, ['submitted', 'in_review']])) },
  return: { to: 'changes_requested', needsNote: true, allowed: Object.fromEntries(desk.map((w) => [w, ['in_review']])) },
  reject: { to: 'rejected', needsNote: true, allowed: Object.fromEntries(desk.map((w) => [w, ['submitted', 'in_review']])) },
  publish: { to: 'published', needsNote: false, allowed: Object.fromEntries(desk.map((w) => [w, ['in_review', 'scheduled', 'unpublished']])) },
  schedule: { to: 'scheduled', needsNote: false, allowed: Object.fromEntries(desk.map((w) => [w, ['in_review', 'scheduled', 'unpublished']])) },
  // Only the scheduler takes this one; no person may.
  publish_due: { to: 'published', needsNote: false, allowed: {} },
  unpublish: { to: 'unpublished', needsNote: true, allowed: Object.fromEntries(desk.map((w) => [w, ['published', 'scheduled']])) },
  // A live story's pending revision, and its expiry: the desk, on published stories only.
  publish_update: { to: 'published', needsNote: false, allowed: Object.fromEntries(desk.map((w) => [w, ['published']])) },
  discard_pending: { to: 'published', needsNote: false, allowed: Object.fromEntries(desk.map((w) => [w, ['published']])) },
  set_expiry: { to: 'published', needsNote: false, allowed: Object.fromEntries(desk.map((w) => [w, ['published']])) },
  // The expiry job's; no person's.
  unpublish_due: { to: 'unpublished', needsNote: false, allowed: {} },
};

const actions = Object.keys(expected) as StoryAction[];

describe('transition table', () => {
  test('names exactly the actions this test knows', () => {
    expect(Object.keys(transitions).sort()).toEqual([...actions].sort());
  });

  test.each(actions)('%s leads to the state and note rule of DESIGN.md', (action) => {
    expect(transitions[action].to).toBe(expected[action].to);
    expect(Boolean(transitions[action].needsNote)).toBe(expected[action].needsNote);
  });

  test('the scheduler alone publishes what is due', () => {
    expect(transitions.publish_due.actors).toEqual(['system']);
    expect(transitions.publish_due.from).toEqual(['scheduled']);
  });

  test('the expiry job alone takes down what is due', () => {
    expect(transitions.unpublish_due.actors).toEqual(['system']);
    expect(transitions.unpublish_due.from).toEqual(['published']);
  });
});

describe('publishing an update of a live story', () => {
  const live = { ownerId: OWNER_ID, status: 'published' as const, assigneeId: null };
  const signOff = (mayAct: boolean) => ({ mayAct, isFirst: false, isLast: true, decided: true });

  test('in a staged flow only who may act at its last stage (the sign-off) publishes it', () => {
    expect(canTransition(actors.editor, live, 'publish_update', signOff(true))).toBe(true);
    expect(canTransition(actors.editor, live, 'publish_update', signOff(false))).toBe(false);
  });

  test('discarding it and setting the expiry are any editor\'s', () => {
    expect(canTransition(actors.editor, live, 'discard_pending', signOff(false))).toBe(true);
    expect(canTransition(actors.editor, live, 'set_expiry', signOff(false))).toBe(true);
  });

  test('a correspondent never edits, publishes or discards a live story', () => {
    expect(canEdit(actors.owner, live)).toBe(false);
    expect(canTransition(actors.owner, live, 'publish_update')).toBe(false);
    expect(canTransition(actors.owner, live, 'discard_pending')).toBe(false);
  });
});

const OTHER_EDITOR_ID = 21;

// The editor in the table acts on a story they hold (claimed by them), except
// when taking over, which is about a story someone else holds.
function assigneeFor(who: Who, action: StoryAction, status: StoryStatus): number | null {
  if (status !== 'in_review') return null;
  if (action === 'take_over') return OTHER_EDITOR_ID;
  return desk.includes(who) ? actors[who].id : OTHER_EDITOR_ID;
}

describe('canTransition: every action × state × party', () => {
  const cases = actions.flatMap((action) =>
    statuses.flatMap((status) =>
      everyone.map((who) => ({ action, status, who, allowed: (expected[action].allowed[who] ?? []).includes(status) })),
    ),
  );

  test.each(cases)('$who: $action from $status → $allowed', ({ action, status, who, allowed }) => {
    expect(canTransition(actors[who], { ownerId: OWNER_ID, status, assigneeId: assigneeFor(who, action, status) }, action)).toBe(allowed);
  });
});

describe('a claimed story belongs to its claimer', () => {
  const held = { ownerId: OWNER_ID, status: 'in_review' as const, assigneeId: OTHER_EDITOR_ID };
  test.each(['release', 'return', 'reject', 'publish', 'schedule'] as const)('another editor may not %s it', (action) => {
    expect(canTransition(actors.editor, held, action)).toBe(false);
    expect(canTransition(actors.admin, held, action)).toBe(false);
  });

  test('another editor or an admin may take it over; its holder may not', () => {
    expect(canTransition(actors.editor, held, 'take_over')).toBe(true);
    expect(canTransition(actors.admin, held, 'take_over')).toBe(true);
    expect(canTransition({ id: OTHER_EDITOR_ID, role: 'editor' }, held, 'take_over')).toBe(false);
  });

  test('only the holder edits it', () => {
    expect(canEdit(actors.editor, held)).toBe(false);
    expect(canEdit({ id: OTHER_EDITOR_ID, role: 'editor' }, held)).toBe(true);
  });
});

describe('withdraw', () => {
  test('the owner may withdraw a submitted story nobody has claimed', () => {
    expect(canTransition(actors.owner, { ownerId: OWNER_ID, status: 'submitted' }, 'withdraw')).toBe(true);
    expect(canTransition(actors.owner, { ownerId: OWNER_ID, status: 'submitted', assigneeId: null }, 'withdraw')).toBe(true);
  });

  test.each(statuses)('is refused once an editor holds the story (%s)', (status) => {
    expect(canTransition(actors.owner, { ownerId: OWNER_ID, status, assigneeId: actors.editor.id }, 'withdraw')).toBe(false);
  });
});

describe('canEdit', () => {
  const editable: Record<Who, readonly StoryStatus[]> = {
    owner: ['draft', 'changes_requested'],
    otherCorrespondent: [],
    editor: ['in_review', 'scheduled', 'published', 'unpublished'],
    admin: ['in_review', 'scheduled', 'published', 'unpublished'],
  };
  const cases = statuses.flatMap((status) => everyone.map((who) => ({ status, who, allowed: editable[who].includes(status) })));

  test.each(cases)('$who edits in $status → $allowed', ({ status, who, allowed }) => {
    expect(canEdit(actors[who], { ownerId: OWNER_ID, status, assigneeId: status === 'in_review' ? actors[who].id : null })).toBe(allowed);
  });
});

describe('canView', () => {
  const visible: Record<Who, readonly StoryStatus[]> = {
    owner: statuses,
    otherCorrespondent: [],
    // Editors never see drafts.
    editor: statuses.filter((s) => s !== 'draft'),
    admin: statuses.filter((s) => s !== 'draft'),
  };
  const cases = statuses.flatMap((status) => everyone.map((who) => ({ status, who, allowed: visible[who].includes(status) })));

  test.each(cases)('$who sees a $status story → $allowed', ({ status, who, allowed }) => {
    expect(canView(actors[who], { ownerId: OWNER_ID, status })).toBe(allowed);
  });

  test('an editor sees no draft, not even one assigned to them', () => {
    expect(canView(actors.editor, { ownerId: OWNER_ID, status: 'draft' })).toBe(false);
    expect(canTransition(actors.editor, { ownerId: OWNER_ID, status: 'draft', assigneeId: actors.editor.id }, 'claim')).toBe(false);
  });
});
