import { and, inArray, isNull, sql } from 'drizzle-orm';
import { receiptCounters, users, type Story } from '@/db/schema';
import type { Tx } from '@/db/client';
import { formatReceiptNo } from './content/receipt';
import { refreshFingerprint } from './duplicates';
import { AppError, validationError } from './errors';
import { notifyUsers } from './notifications';
import { getSiteSettings } from './settings';
import { checkReadyToSubmit } from './story-content';
import { appendRevision } from './story-revisions';
import { runTransition } from './stories/transition';
import { requirePermission, type Viewer } from './viewer';
import { rolesWith } from './authz';

// The correspondent's side of the state machine, declared for the transition
// engine (lib/stories/transition.ts), and the receipt numbers it hands out.

export async function nextReceiptNo(tx: Tx, year: number): Promise<string> {
  const [row] = await tx
    .insert(receiptCounters)
    .values({ year, lastValue: 1 })
    .onConflictDoUpdate({ target: receiptCounters.year, set: { lastValue: sql`${receiptCounters.lastValue} + 1` } })
    .returning({ value: receiptCounters.lastValue });
  return formatReceiptNo(year, row!.value);
}

function yearIn(timeZone: string, date = new Date()): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(date));
}

export async function activeEditorIds(tx: Tx): Promise<number[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, [...rolesWith('review:use')]), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

// The owning correspondent, from draft or changes_requested. The first submit
// gives the story its receipt number; a resubmit keeps it. Submitting twice
// with the same version (a double click) returns the first result.
export async function submitStory(viewer: Viewer, id: number, expectedVersion: number): Promise<Story> {
  requirePermission(viewer, 'story:create');
  const { site } = await getSiteSettings();
  const resubmit = (story: Story) => story.status === 'changes_requested';
  return runTransition(viewer, id, {
    action: 'submit',
    expectedVersion,
    precheck: ({ story }) => {
      if (story.ownerId !== viewer.id) throw new AppError('not_found');
      if (story.status === 'submitted' && story.version === expectedVersion + 1) return story;
    },
    guard: ({ story }) => {
      const problems = checkReadyToSubmit(story);
      if (problems) throw validationError(problems);
    },
    changes: async ({ tx, story }) => {
      const now = new Date();
      return {
        receiptNo: story.receiptNo ?? (await nextReceiptNo(tx, yearIn(site.timeZone))),
        submittedAt: now,
        firstSubmittedAt: story.firstSubmittedAt ?? now,
        assigneeId: null,
        claimedAt: null,
        unitId: story.unitId ?? viewer.unitId,
      };
    },
    event: ({ story }) => ({ action: resubmit(story) ? 'resubmit' : 'submit' }),
    after: async ({ tx, story, updated }) => {
      await appendRevision(tx, id, updated.version, 'submit', viewer.id, story);
      await refreshFingerprint(tx, id, story.bodyText);
      await notifyUsers(tx, await activeEditorIds(tx), {
        kind: resubmit(story) ? 'story_resubmitted' : 'story_submitted',
        storyId: id,
        actorId: viewer.id,
        payload: { title: story.title, receiptNo: updated.receiptNo },
      });
    },
  });
}

// The owner, while no editor has claimed it: back to draft, receipt kept.
export async function withdrawStory(viewer: Viewer, id: number, expectedVersion: number): Promise<Story> {
  requirePermission(viewer, 'story:create');
  return runTransition(viewer, id, { action: 'withdraw', expectedVersion });
}
