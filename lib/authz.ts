import type { UserRole } from '@/db/schema/enums';

// Who may do what, as data. Pure: used by lib/ to enforce and by the UI to
// decide what to show. Object-level rules (ownership, state) live beside the
// state machine in lib/workflow.ts and in the lib/ function that acts.
export const permissions = {
  'portal:enter': ['correspondent', 'editor', 'admin'],
  'account:change-own-password': ['correspondent', 'editor', 'admin'],
  'account:edit-own-profile': ['correspondent', 'editor', 'admin'],
  'account:two-factor': ['correspondent', 'editor', 'admin'],
  'desk:use': ['correspondent'],
  'story:create': ['correspondent'],
  'media:upload': ['correspondent', 'editor', 'admin'],
  'review:use': ['editor', 'admin'],
  'review:take-over': ['editor', 'admin'],
  'story:publish': ['editor', 'admin'],
  'comment:internal': ['editor', 'admin'],
  'users:list': ['admin'],
  'users:create': ['admin'],
  'users:update': ['admin'],
  'users:disable': ['admin'],
  'users:reset-password': ['admin'],
  'users:reset-two-factor': ['admin'],
  'units:manage': ['admin'],
  'columns:manage': ['admin'],
  'settings:manage': ['admin'],
  'audit:read': ['admin'],
  'stats:read': ['editor', 'admin'],
  'scoring:manage': ['admin'],
  // Any account's contact details in full where the site masks them; each
  // reveal is audited (lib/personal-data).
  'personal-data:reveal': ['admin'],
} as const satisfies Record<string, readonly UserRole[]>;

export type Permission = keyof typeof permissions;

export type Principal = { role: UserRole };

export function can(principal: Principal | null | undefined, permission: Permission): boolean {
  if (!principal) return false;
  return (permissions[permission] as readonly UserRole[]).includes(principal.role);
}

// The roles that hold a permission, as the table says.
export function rolesWith(permission: Permission): readonly UserRole[] {
  return permissions[permission];
}

// Works the review desk: sees every filed story, acts on it, and writes
// notes the correspondent does not see. One fact, read from the table.
export function isDesk(principal: Principal | null | undefined): boolean {
  return can(principal, 'review:use');
}

// Where a person works on a story: the correspondent's desk or the review desk.
export function storyPathFor(principal: Principal, storyId: number): string {
  return `${can(principal, 'desk:use') ? '/desk' : '/review'}/${storyId}`;
}

// Where each role lands after login.
const homePaths: Record<UserRole, string> = { correspondent: '/desk', editor: '/review', admin: '/admin/users' };

export function homePathFor(role: UserRole): string {
  return homePaths[role];
}

// An admin may change anyone but cannot lock themselves out: no disabling or
// demoting one's own account.
export function canChangeAccount(
  actor: { id: number; role: UserRole },
  target: { id: number },
  change: 'disable' | 'role' | 'reset-password' | 'reset-two-factor' | 'unit' | 'profile',
): boolean {
  if (!can(actor, 'users:update')) return false;
  // Their own second factor an administrator turns off where everyone does,
  // on their account page, with their password or a code.
  if (actor.id === target.id && (change === 'disable' || change === 'role' || change === 'reset-two-factor')) return false;
  return true;
}
