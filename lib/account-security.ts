import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { getDb } from '@/db/client';
import { auditActor } from './actors';
import { recordAudit } from './audit';
import { canChangeAccount } from './authz';
import { lockedUntil, recordUnlock } from './auth/throttle';
import { AppError } from './errors';
import { getSiteSettings } from './settings';
import { isPasswordExpired, passwordPolicyOf, type PasswordPolicy } from './security/account-policy';
import { requirePermission, type Viewer } from './viewer';

// The password and lockout side of an account: what the account pages show
// of the site's policy, and the security administrator's unlock.

async function usernameOf(userId: number): Promise<string> {
  const db = await getDb();
  const [row] = await db.select({ username: users.username }).from(users).where(eq(users.id, userId)).limit(1);
  if (!row) throw new AppError('not_found');
  return row.username;
}

// Whoever may see the account (users:list): until when failed sign-ins lock it, if they do.
export async function getAccountLock(viewer: Viewer, userId: number): Promise<{ lockedUntil: Date | null }> {
  requirePermission(viewer, 'users:list');
  const username = await usernameOf(userId);
  return { lockedUntil: await lockedUntil(await getDb(), username) };
}

// Security administrators (users:unlock): lifts a lockout from failed
// sign-ins at once, on the trail with who did it. An account that is not
// locked (any more) is a conflict: the page was stale.
export async function unlockAccount(viewer: Viewer, userId: number): Promise<void> {
  requirePermission(viewer, 'users:unlock');
  const username = await usernameOf(userId);
  if (!canChangeAccount(viewer, { id: userId }, 'unlock')) throw new AppError('forbidden');
  const db = await getDb();
  await db.transaction(async (tx) => {
    const until = await lockedUntil(tx, username);
    if (!until) throw new AppError('conflict', 'account not locked', { form: 'not_locked' });
    await recordUnlock(tx, username, viewer.ip ?? null);
    await recordAudit(tx, { ...auditActor(viewer), action: 'user.unlock', targetType: 'user', targetId: userId, meta: { lockedUntil: until.toISOString() } });
  });
}

export type OwnPasswordRules = { policy: PasswordPolicy; expired: boolean };

// Any signed-in user, also one who must change the password first: the
// rules a new password must meet, and whether the current one has expired.
export async function getOwnPasswordRules(viewer: Viewer): Promise<OwnPasswordRules> {
  if (!viewer) throw new AppError('unauthorized');
  const db = await getDb();
  const [[row], { security }] = await Promise.all([
    db.select({ passwordChangedAt: users.passwordChangedAt, createdAt: users.createdAt }).from(users).where(eq(users.id, viewer.id)).limit(1),
    getSiteSettings(),
  ]);
  if (!row) throw new AppError('unauthorized');
  const policy = passwordPolicyOf(security);
  return { policy, expired: isPasswordExpired(policy, row.passwordChangedAt ?? row.createdAt) };
}
