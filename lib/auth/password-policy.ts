import 'server-only';
import { and, desc, eq, notInArray } from 'drizzle-orm';
import { passwordHistory, users } from '@/db/schema';
import type { Db, Tx } from '@/db/client';
import { AppError } from '../errors';
import { getSiteSettings } from '../settings';
import { passwordPolicyOf, type PasswordPolicy } from '../security/account-policy';
import { verifyPassword } from './password';
import { checkPassword } from './password-rules';

// The one check of a new password, wherever one is set (an administrator's
// create or reset, one's own change, the CLI): the site's rules, then the
// account's latest passwords. A refusal names the rule, with its numbers
// for the message.

// No policy asks for more; older hashes are removed as new ones come.
export const HISTORY_KEPT = 24;

export async function currentPasswordPolicy(): Promise<PasswordPolicy> {
  const { security } = await getSiteSettings();
  return passwordPolicyOf(security);
}

function refusal(field: string, key: string, policy: PasswordPolicy): AppError {
  return new AppError('validation', `password refused: ${key}`, { [field]: key }, { min: policy.minLength, classes: policy.classes, history: policy.history });
}

export function assertPasswordAllowed(field: string, password: string, username: string, policy: PasswordPolicy): void {
  const problem = checkPassword(password, username, policy);
  if (problem) throw refusal(field, `password_${problem}`, policy);
}

// Refuses a password equal to one of the account's latest `policy.history`
// (the current one included, also for accounts from before the history).
export async function assertNotReused(db: Db | Tx, field: string, userId: number, password: string, policy: PasswordPolicy): Promise<void> {
  if (policy.history <= 0) return;
  const [current] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  const older = await db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
    .limit(policy.history);
  const hashes = [...new Set([...(current ? [current.hash] : []), ...older.map((r) => r.hash)])].slice(0, policy.history);
  for (const hash of hashes) {
    if (await verifyPassword(hash, password)) throw refusal(field, 'password_reused', policy);
  }
}

// Remembers a password just set (its hash only) and forgets the oldest
// beyond what any policy may ask for.
export async function rememberPassword(tx: Tx, userId: number, passwordHash: string): Promise<void> {
  await tx.insert(passwordHistory).values({ userId, passwordHash });
  const keep = tx
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
    .limit(HISTORY_KEPT);
  await tx.delete(passwordHistory).where(and(eq(passwordHistory.userId, userId), notInArray(passwordHistory.id, keep)));
}
