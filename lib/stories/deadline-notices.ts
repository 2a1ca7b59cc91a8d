import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { stories } from '@/db/schema';
import { getDb, queryRows, type Tx } from '@/db/client';
import { notifyUsers } from '../notifications/internal/notify';
import { getFlowVersion } from '../review-flows';
import { listStageActors, stageSupervisorIds } from '../review-flows/visits';

// The review deadlines' notices (审稿时限): once a story's stay at a stage
// passes the due-soon mark (lib/review-flows/deadlines.ts, DUE_SOON_SHARE of
// the limit), the stage's reviewers are told; once it passes its due time,
// the stage's supervisors. Each notice once per stay: the stay's row is
// marked in the same transaction that writes the notices. Acts for nobody;
// run by lib/jobs.ts on every instance at once: the rows are taken with
// FOR UPDATE SKIP LOCKED and re-checked, so two runs never take one stay,
// and a run that meets a stay another has just marked sees it marked.

type DueRow = { id: number; story_id: number; flow_version_id: number; stage: number; due_at: Date | string; assignee_id: number | null; overdue: boolean };

export type DeadlineNotices = { dueSoon: number[]; overdue: number[] };

export async function notifyStageDeadlines(now = new Date()): Promise<DeadlineNotices> {
  const db = await getDb();
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    // A stay first seen past its due time gets the overdue notice alone: its
    // due-soon moment has gone, and is marked as passed.
    const due = await queryRows<DueRow>(
      tx,
      sql`with due as (
          select v.id, v.due_at <= ${at}::timestamptz as overdue
          from stage_visits v
          join stories s on s.id = v.story_id
            and s.status in ('submitted', 'in_review') and s.flow_version_id = v.flow_version_id and s.stage = v.stage
          where v.left_at is null and (
            (v.overdue_notified_at is null and v.due_at <= ${at}::timestamptz)
            or (v.due_soon_notified_at is null and v.due_soon_at <= ${at}::timestamptz and v.due_at > ${at}::timestamptz))
          order by v.id
          for update of v skip locked
        )
        update stage_visits v set
          overdue_notified_at = case when due.overdue then ${at}::timestamptz else v.overdue_notified_at end,
          due_soon_notified_at = coalesce(v.due_soon_notified_at, ${at}::timestamptz)
        from due where v.id = due.id
        returning v.id, v.story_id, v.flow_version_id, v.stage, v.due_at, v.assignee_id, due.overdue`,
    );
    const notices: DeadlineNotices = { dueSoon: [], overdue: [] };
    for (const row of due) {
      await tellAboutDeadline(tx, row);
      (row.overdue ? notices.overdue : notices.dueSoon).push(row.story_id);
    }
    return notices;
  });
}

// Due soon: whoever has the story in hand (its claimer, its assignee), or,
// with nobody, everyone who may act at the stage. Overdue: the stage's
// supervisors (those it names, else the system administrators).
async function tellAboutDeadline(tx: Tx, row: DueRow): Promise<void> {
  const [story] = await tx
    .select({ id: stories.id, title: stories.title, receiptNo: stories.receiptNo, unitId: stories.unitId, columnId: stories.columnId, claimedBy: stories.assigneeId })
    .from(stories)
    .where(eq(stories.id, row.story_id))
    .limit(1);
  if (!story) return;
  const def = (await getFlowVersion(tx, row.flow_version_id)).stages[row.stage];
  if (!def) return;
  const inHand = [story.claimedBy, row.assignee_id].filter((id): id is number => typeof id === 'number');
  const recipients = row.overdue ? await stageSupervisorIds(tx, def) : inHand.length ? inHand : (await listStageActors(tx, def, story)).map((u) => u.id);
  await notifyUsers(tx, recipients, {
    kind: row.overdue ? 'story_overdue' : 'story_due_soon',
    storyId: story.id,
    payload: { title: story.title, receiptNo: story.receiptNo, stageName: def.name, dueAt: new Date(row.due_at).toISOString() },
  });
}
