import { describe, expect, test } from 'vitest';
import type { StoryStatus } from '@/db/schema/enums';
import { canTransition, canView, type Actor, type StageContext, type StoryAction } from '@/lib/workflow';

// The state machine with a story's stage (lib/review-flows computes the
// context): for every action taken at a stage, every kind of party and
// every position in a flow, who may take it.

const OWNER = 10;
const UNIT = 5;
const parties: Record<string, Actor> = {
  owner: { id: OWNER, role: 'correspondent', unitId: UNIT },
  editor: { id: 20, role: 'editor' },
  admin: { id: 30, role: 'admin' },
  unitApprover: { id: 40, role: 'unit_approver', unitId: UNIT },
  otherUnitApprover: { id: 41, role: 'unit_approver', unitId: UNIT + 1 },
  otherCorrespondent: { id: 11, role: 'correspondent', unitId: UNIT },
};

const positions: Record<string, Omit<StageContext, 'mayAct' | 'decided'>> = {
  first: { isFirst: true, isLast: false },
  middle: { isFirst: false, isLast: false },
  last: { isFirst: false, isLast: true },
  only: { isFirst: true, isLast: true },
};

function story(status: StoryStatus, assigneeId: number | null) {
  return { ownerId: OWNER, status, assigneeId, unitId: UNIT, columnId: 1 };
}

// What the rules say, written out independently of lib/workflow.ts.
function expected(action: StoryAction, who: string, status: StoryStatus, holder: number | null, at: StageContext): boolean {
  const actor = parties[who]!;
  const reviewer = who === 'editor' || who === 'admin' || who === 'unitApprover';
  if (!reviewer || !at.mayAct) return false;
  // A unit approver is never of the desk: take over, publish and schedule are the desk's.
  if (who === 'unitApprover' && ['take_over', 'publish', 'schedule'].includes(action)) return false;
  const from: Record<string, StoryStatus[]> = {
    claim: ['submitted'],
    approve: ['in_review'],
    send_back: ['in_review'],
    return: ['in_review'],
    reject: ['submitted', 'in_review'],
    publish: ['in_review'],
    schedule: ['in_review'],
    take_over: ['in_review'],
    release: ['in_review'],
  };
  if (!from[action]!.includes(status)) return false;
  if (action === 'approve' && at.isLast) return false;
  if (action === 'send_back' && at.isFirst) return false;
  if ((action === 'publish' || action === 'schedule') && !at.isLast) return false;
  if (status === 'in_review') return action === 'take_over' ? holder !== actor.id : holder === actor.id;
  return true;
}

const actions: StoryAction[] = ['claim', 'approve', 'send_back', 'return', 'reject', 'publish', 'schedule', 'take_over', 'release'];

describe.each(Object.entries(positions))('at the %s stage', (_name, position) => {
  for (const mayAct of [true, false]) {
    for (const [status, holder] of [
      ['submitted', null],
      ['in_review', 'self'],
      ['in_review', 'other'],
    ] as const) {
      test(`${mayAct ? 'one who may act' : 'one who may not'}, story ${status}${holder ? ` held by ${holder}` : ''}`, () => {
        for (const action of actions) {
          for (const [who, actor] of Object.entries(parties)) {
            const at: StageContext = { ...position, mayAct, decided: false };
            const holderId = holder === 'self' ? actor.id : holder === 'other' ? 999 : null;
            const s = story(status, holderId);
            // The holder may always put it back, even once no longer allowed at the stage.
            const want = action === 'release' && status === 'in_review' && holder === 'self' && ['editor', 'admin', 'unitApprover'].includes(who) ? true : expected(action, who, status, holderId, at);
            expect(canTransition(actor, s, action, at), `${who} ${action}`).toBe(want);
          }
        }
      });
    }
  }
});

describe('withdrawing and seeing', () => {
  test('the owner withdraws only while unclaimed and before any stage decision', () => {
    const at = (decided: boolean): StageContext => ({ mayAct: false, isFirst: true, isLast: false, decided });
    expect(canTransition(parties.owner!, story('submitted', null), 'withdraw', at(false))).toBe(true);
    expect(canTransition(parties.owner!, story('submitted', null), 'withdraw', at(true))).toBe(false);
    expect(canTransition(parties.owner!, story('submitted', 20), 'withdraw', at(false))).toBe(false);
    expect(canTransition(parties.otherCorrespondent!, story('submitted', null), 'withdraw', at(false))).toBe(false);
  });

  test("a unit approver sees their unit's filed stories only; a scoped editor, their columns' only", () => {
    expect(canView(parties.unitApprover!, story('submitted', null))).toBe(true);
    expect(canView(parties.unitApprover!, story('draft', null))).toBe(false);
    expect(canView(parties.otherUnitApprover!, story('submitted', null))).toBe(false);
    expect(canView({ id: 21, role: 'editor', columnIds: [1] }, story('published', null))).toBe(true);
    expect(canView({ id: 21, role: 'editor', columnIds: [2] }, story('published', null))).toBe(false);
    expect(canView({ id: 21, role: 'editor', columnIds: [] }, story('published', null))).toBe(false);
  });

  test('unpublishing never waits for a flow', () => {
    const at: StageContext = { mayAct: false, isFirst: true, isLast: false, decided: true };
    expect(canTransition(parties.editor!, story('published', null), 'unpublish', at)).toBe(true);
  });
});
