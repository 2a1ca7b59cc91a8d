import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, boolean } from 'drizzle-orm/pg-core';
import { adminDuty, userRole } from './enums';
import { units } from './units';

export const users = pgTable(
  'users',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    // Stored as typed; uniqueness and look-up are case-insensitive (see index).
    username: text().notNull(),
    displayName: text().notNull(),
    passwordHash: text().notNull(),
    role: userRole().notNull(),
    // Only administrators hold duties; today's administrator holds all three.
    adminDuties: adminDuty().array().notNull().default(sql`'{}'`),
    unitId: integer().references(() => units.id, { onDelete: 'restrict' }),
    // An editor scoped to columns sees and acts only on their stories; null:
    // every column (lib/stories/internal/scope.ts).
    columnIds: integer().array(),
    // Before contact details were sealed: emptied at start (lib/personal-data),
    // never read or written otherwise; a later migration drops them.
    plainEmail: text('email'),
    plainPhone: text('phone'),
    mustChangePassword: boolean().notNull().default(true),
    // Bumped on disable, password change and role change: every JWT carrying an
    // older value is dead on its next request.
    sessionVersion: integer().notNull().default(1),
    disabledAt: timestamp({ withTimezone: true }),
    lastLoginAt: timestamp({ withTimezone: true }),
    passwordChangedAt: timestamp({ withTimezone: true }),
    // Why the account is disabled when the system did it ('dormant': unused
    // too long, lib/auth/dormant.ts), told to its owner after the right password.
    disabledReason: text(),
    // When an administrator last enabled it: the dormancy clock starts again.
    enabledAt: timestamp({ withTimezone: true }),
    locale: text(),
    createdById: integer(),
    // Contact details sealed at rest (lib/crypto/sealed), each with a keyed
    // hash of its normalised value for equality look-ups.
    emailSealed: text(),
    emailLookup: text(),
    phoneSealed: text(),
    phoneLookup: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_key').on(sql`lower(${t.username})`),
    index('users_role_idx').on(t.role),
    index('users_unit_idx').on(t.unitId),
    check('users_username_format', sql`${t.username} ~ '^[A-Za-z0-9_.-]{3,32}$'`),
    check('users_display_name_not_blank', sql`length(btrim(${t.displayName})) > 0`),
    check('users_session_version_positive', sql`${t.sessionVersion} > 0`),
    check('users_admin_duties_admins_only', sql`${t.role} = 'admin' or cardinality(${t.adminDuties}) = 0`),
    index('users_email_lookup_idx').on(t.emailLookup),
    index('users_phone_lookup_idx').on(t.phoneLookup),
    // What is left to seal after an upgrade (or written by an instance of the
    // previous version during a rolling one): found without a scan.
    index('users_plain_contact_idx').on(t.id).where(sql`${t.plainEmail} is not null or ${t.plainPhone} is not null`),
    check('users_locale_known', sql`${t.locale} is null or ${t.locale} in ('zh-CN', 'en')`),
    check('users_disabled_reason_known', sql`${t.disabledReason} is null or ${t.disabledReason} = 'dormant'`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

// One row per sign-in: what the token's `sid` names. Signing out revokes it;
// a password change, reset, disable or role change ends every session at
// once through users.session_version (the row keeps the version it began with).
export const userSessions = pgTable(
  'user_sessions',
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sessionVersion: integer().notNull(),
    ip: text(),
    userAgent: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId, t.lastSeenAt)],
);

export type UserSession = typeof userSessions.$inferSelect;

// The hashes of an account's latest passwords, so a policy can refuse
// reusing one (lib/auth/password-history.ts). Pruned to the most any policy asks.
export const passwordHistory = pgTable(
  'password_history',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    passwordHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.createdAt)],
);
