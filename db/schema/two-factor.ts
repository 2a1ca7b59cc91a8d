import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './users';

// A second factor (TOTP, RFC 6238) per account. The row exists from the start
// of enrolment; the account has two-factor sign-in once `enabled_at` is set.
export const userTwoFactor = pgTable(
  'user_two_factor',
  {
    userId: integer()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    // The shared secret, AES-256-GCM under a key from the environment
    // (lib/two-factor); never stored or logged in the clear.
    secretEncrypted: text().notNull(),
    // Null while enrolling: the QR code is shown, the first code not yet typed.
    enabledAt: timestamp({ withTimezone: true }),
    // The 30-second time step of the last code accepted: each code works once.
    lastUsedStep: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('user_two_factor_step_positive', sql`${t.lastUsedStep} is null or ${t.lastUsedStep} > 0`)],
);

export type UserTwoFactor = typeof userTwoFactor.$inferSelect;

// Single-use codes for when the authenticator is lost; only a keyed hash is
// kept, so the codes are shown once, when made.
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('recovery_codes_user_hash_key').on(t.userId, t.codeHash)],
);

export type RecoveryCode = typeof recoveryCodes.$inferSelect;

// The state between the password step and the code step of a sign-in: not a
// session. The browser holds the id; only its hash is stored. It is good for
// a few minutes, once, and only while the account's session version is the
// one it began under (a password change or reset in between ends it).
export const signInChallenges = pgTable(
  'sign_in_challenges',
  {
    idHash: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sessionVersion: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('sign_in_challenges_user_idx').on(t.userId), index('sign_in_challenges_expires_idx').on(t.expiresAt)],
);

export type SignInChallenge = typeof signInChallenges.$inferSelect;
