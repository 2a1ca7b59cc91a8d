import { ADMIN_DUTIES, type AdminDuty } from '../authz';
import type { UserRole } from '@/db/schema/enums';

// Pure: the duties an account holds after a create or an edit (三员分立).
// Without the 等保三级 profile an administrator holds all three unless told
// otherwise, as every administrator did before duties existed; with it, each
// holds exactly one. Anyone else holds none.
export type DutiesProblem = 'duties_required' | 'duties_separated';

export function resolveDuties(
  role: UserRole,
  requested: readonly AdminDuty[] | undefined,
  options: { profileOn: boolean; current?: readonly AdminDuty[] },
): { duties: AdminDuty[] } | { problem: DutiesProblem } {
  if (role !== 'admin') return { duties: [] };
  const chosen = requested ?? (options.current?.length ? options.current : options.profileOn ? [] : ADMIN_DUTIES);
  const duties = ADMIN_DUTIES.filter((duty) => chosen.includes(duty));
  if (duties.length === 0) return { problem: 'duties_required' };
  if (options.profileOn && duties.length > 1) return { problem: 'duties_separated' };
  return { duties };
}

export function sameDuties(a: readonly AdminDuty[], b: readonly AdminDuty[]): boolean {
  return a.length === b.length && a.every((duty) => b.includes(duty));
}

// What keeps the profile from being switched on: accounts holding more than
// one duty, and duties nobody (enabled) holds alone — with the profile on, a
// duty without its own holder could never be exercised again.
export function profileBlockers(admins: readonly { username: string; adminDuties: readonly AdminDuty[] }[]): { combined: string[]; unheld: AdminDuty[] } {
  const combined = admins.filter((a) => a.adminDuties.length > 1).map((a) => a.username);
  const unheld = ADMIN_DUTIES.filter((duty) => !admins.some((a) => a.adminDuties.length === 1 && a.adminDuties[0] === duty));
  return { combined, unheld };
}
