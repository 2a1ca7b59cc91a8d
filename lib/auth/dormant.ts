import 'server-only';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { users, type AdminDuty } from '@/db/schema';
import { getDb, queryRows } from '@/db/client';
import { recordAudit } from '../audit';
import { dormantDaysOf } from '../security/account-policy';
import { readGroups } from '../settings/stored';

// Disables accounts nobody has used for the site's number of days (0: never),
// acting for nobody; run by lib/jobs.ts in every instance. An account's
// clock starts at its creation, its latest sign-in, or an administrator
// enabling it again, whichever is latest. Its owner learns why at the next
// sign-in, after the right password (lib/auth/login.ts).
//
// Never the last enabled holder of an administrator duty: a duty nobody
// holds could not be exercised again, nor the account enabled by anyone.
export async function disableDormantAccounts(now = new Date()): Promise<number[]> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // One instance at a time: the last-holder rule counts every
    // administrator, so two runs must not each count the other's as kept.
    const [lock] = await queryRows<{ got: boolean }>(tx, sql`select pg_try_advisory_xact_lock(hashtext('tougao:dormant-accounts')) as got`);
    if (!lock?.got) return [];
    const days = dormantDaysOf((await readGroups(tx)).security);
    if (days === 0) return [];
    const cutoff = new Date(now.getTime() - days * 86_400_000);
    // greatest() passes over nulls: never signed in, never re-enabled.
    const lastActive = sql<Date>`greatest(${users.lastLoginAt}, ${users.createdAt}, ${users.enabledAt})`;
    const candidates = await tx
      .select({ id: users.id, role: users.role, adminDuties: users.adminDuties, lastActiveAt: lastActive })
      .from(users)
      .where(and(isNull(users.disabledAt), sql`${lastActive} < ${cutoff.toISOString()}::timestamptz`))
      .orderBy(asc(lastActive), asc(users.id))
      .for('update');
    if (candidates.length === 0) return [];

    const admins = await tx
      .select({ adminDuties: users.adminDuties })
      .from(users)
      .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)));
    const holders = new Map<AdminDuty, number>();
    for (const admin of admins) for (const duty of admin.adminDuties) holders.set(duty, (holders.get(duty) ?? 0) + 1);
    const chosen = candidates.filter((c) => {
      if (c.role !== 'admin') return true;
      if (c.adminDuties.some((duty) => (holders.get(duty) ?? 0) <= 1)) return false;
      for (const duty of c.adminDuties) holders.set(duty, holders.get(duty)! - 1);
      return true;
    });
    if (chosen.length === 0) return [];

    const ids = chosen.map((c) => c.id);
    await tx
      .update(users)
      .set({ disabledAt: now, disabledReason: 'dormant', sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(and(inArray(users.id, ids), isNull(users.disabledAt)));
    for (const c of chosen) {
      await recordAudit(tx, { actorId: null, action: 'user.dormant_disable', targetType: 'user', targetId: c.id, meta: { days, lastActiveAt: new Date(c.lastActiveAt).toISOString() } });
    }
    return ids;
  });
}
