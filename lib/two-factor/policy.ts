import type { UserRole } from '@/db/schema/enums';

// Pure: the site setting "require two-factor sign-in for …" and whom it
// covers. "nobody" keeps two-factor optional for everyone, as before.
export const TWO_FACTOR_REQUIREMENTS = ['nobody', 'admins', 'editors'] as const;
export type TwoFactorRequirement = (typeof TWO_FACTOR_REQUIREMENTS)[number];

const requiredRoles: Record<TwoFactorRequirement, readonly UserRole[]> = {
  nobody: [],
  admins: ['admin'],
  // Editors and, above them, administrators.
  editors: ['editor', 'admin'],
};

export function isTwoFactorRequired(role: UserRole, requirement: TwoFactorRequirement): boolean {
  return requiredRoles[requirement].includes(role);
}
