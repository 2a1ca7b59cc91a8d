import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { stories } from './stories';
import { users } from './users';

export const notifications = pgTable(
  'notifications',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // e.g. story_submitted, story_returned, comment_added; rendered from the catalog.
    kind: text().notNull(),
    storyId: integer().references(() => stories.id, { onDelete: 'cascade' }),
    actorId: integer().references(() => users.id, { onDelete: 'set null' }),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp({ withTimezone: true }),
    emailedAt: timestamp({ withTimezone: true }),
    // Delivery attempts by the mail outbox; it gives up after a few.
    emailAttempts: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt.desc().nullsFirst()),
    // The mail outbox: notifications not yet e-mailed.
    index('notifications_outbox_idx').on(t.createdAt).where(sql`${t.emailedAt} is null`),
  ],
);

export type Notification = typeof notifications.$inferSelect;
