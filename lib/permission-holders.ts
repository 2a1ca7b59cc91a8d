import { and, inArray, or, sql, type SQL } from 'drizzle-orm';
import { users } from '@/db/schema';
import { holdersOf, type Permission } from './authz';

// The accounts that hold a permission, as a condition on `users`: the roles
// that hold it whole, and administrators holding one of its duties. The SQL
// twin of can() for lists of people (who is notified, who may be assigned).
export function holdsPermission(permission: Permission): SQL {
  const { roles, duties } = holdersOf(permission);
  const byRole = roles.length ? inArray(users.role, roles) : sql`false`;
  if (!duties.length) return byRole;
  // One array literal on both drivers (each binds a JS array its own way).
  const byDuty = and(sql`${users.role} = 'admin'`, sql`${users.adminDuties} && ${`{${duties.join(',')}}`}::admin_duty[]`)!;
  return or(byRole, byDuty)!;
}
