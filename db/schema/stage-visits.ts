import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, smallint, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { reviewFlowVersions } from './review-flows';
import { stories } from './stories';
import { users } from './users';

// One row per stay of a story at a stage of its flow: written when the story
// enters the stage (submit, resubmit, approve from the stage before, send back
// from the one after, restart) and closed when it leaves (lib/review-flows/
// visits.ts, from the transition engine). A stay carries the stage's deadline
// (审稿时限) fixed at entry, whether its reviewers and supervisor were told,
// and the stage's assignment (指派), which ends with the stay.
export const stageVisits = pgTable(
  'stage_visits',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    flowVersionId: integer()
      .notNull()
      .references(() => reviewFlowVersions.id, { onDelete: 'restrict' }),
    stage: smallint().notNull(),
    enteredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Null while the story is at the stage.
    leftAt: timestamp({ withTimezone: true }),
    // Entry + the stage's limit, and the due-soon mark; null: no limit.
    dueAt: timestamp({ withTimezone: true }),
    dueSoonAt: timestamp({ withTimezone: true }),
    // Set once by the deadline job, in the transaction that writes the notices.
    dueSoonNotifiedAt: timestamp({ withTimezone: true }),
    overdueNotifiedAt: timestamp({ withTimezone: true }),
    // 指派: the colleague this stay's story is assigned to, by whom, when,
    // and until when (optional).
    assigneeId: integer().references(() => users.id, { onDelete: 'set null' }),
    assignedById: integer().references(() => users.id, { onDelete: 'set null' }),
    assignedAt: timestamp({ withTimezone: true }),
    assignmentDueAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // A story is at one stage at a time.
    uniqueIndex('stage_visits_open_key').on(t.storyId).where(sql`${t.leftAt} is null`),
    index('stage_visits_story_idx').on(t.storyId, t.enteredAt),
    // The deadline job's two scans: open stays not yet told.
    index('stage_visits_due_soon_idx').on(t.dueSoonAt).where(sql`${t.leftAt} is null and ${t.dueSoonNotifiedAt} is null`),
    index('stage_visits_overdue_idx').on(t.dueAt).where(sql`${t.leftAt} is null and ${t.overdueNotifiedAt} is null`),
    // "Assigned to me" in the queue.
    index('stage_visits_assignee_idx').on(t.assigneeId).where(sql`${t.leftAt} is null`),
    check('stage_visits_stage_range', sql`${t.stage} between 0 and 7`),
    check('stage_visits_left_after_entry', sql`${t.leftAt} is null or ${t.leftAt} >= ${t.enteredAt}`),
    check('stage_visits_assignment_whole', sql`${t.assigneeId} is not null or ${t.assignmentDueAt} is null`),
  ],
);

export type StageVisit = typeof stageVisits.$inferSelect;
