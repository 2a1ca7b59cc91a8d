import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { loginResult } from './enums';
import { chainColumns } from './chain';
import { users } from './users';

// Every login attempt, kept in the database so throttling holds across instances.
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    // Lower-cased as typed: unknown names are throttled exactly like real ones.
    username: text().notNull(),
    ip: text().notNull(),
    result: loginResult().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('login_attempts_username_idx').on(t.username, t.createdAt.desc().nullsFirst()),
    index('login_attempts_ip_idx').on(t.ip, t.createdAt.desc().nullsFirst()),
  ],
);

// The audit trail of everything that is not a story transition: logins,
// lockouts, account administration, settings. Append-only: database triggers
// refuse updates and deletes (but the retention job's), and every row is
// chained to the one before (lib/audit-chain). An account with rows here is
// disabled, never deleted.
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    actorId: integer().references(() => users.id),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    ip: text(),
    meta: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ...chainColumns(),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt.desc().nullsFirst()),
    index('audit_log_actor_idx').on(t.actorId, t.createdAt.desc().nullsFirst()),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
