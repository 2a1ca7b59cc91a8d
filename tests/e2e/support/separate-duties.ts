// Run in a child process against a demo database of its own (DATABASE_URL):
// makes its administrators ready for the 等保三级 profile, as a site would
// before switching it on. The demo administrator keeps system administration
// only, and one administrator each is made for security and for audit. Prints
// the accounts as JSON. (The E2E worker's own database client is bound to the
// suite's database, hence a process of its own.)
import { eq } from 'drizzle-orm';
import { closeDb, getDb } from '../../../db/client';
import { users } from '../../../db/schema';
import { systemActor } from '../../../lib/actors';
import { createUser } from '../../../lib/users';

const password = process.argv[2] ?? '';
if (!password) throw new Error('usage: separate-duties.ts <password for the new administrators>');

async function main() {
  const db = await getDb();
  await db.update(users).set({ adminDuties: ['system'] }).where(eq(users.username, 'admin'));
  const made: Record<string, { id: number; username: string; password: string }> = {};
  for (const duty of ['security', 'audit'] as const) {
    const username = `${duty}-admin`;
    const { user } = await createUser(systemActor, { username, displayName: `${duty === 'security' ? '安全' : '审计'}管理员`, role: 'admin', adminDuties: [duty], password });
    await db.update(users).set({ mustChangePassword: false }).where(eq(users.id, user.id));
    made[duty] = { id: user.id, username, password };
  }
  console.log(JSON.stringify(made));
}

main().finally(() => closeDb());
