import { adminDuty, type AdminDuty, type UserRole } from '@/db/schema/enums';

export type { AdminDuty };
export const ADMIN_DUTIES: readonly AdminDuty[] = adminDuty.enumValues;

// Who may do what, as data. Pure: used by lib/ to enforce and by the UI to
// decide what to show. Object-level rules (ownership, state) live beside the
// state machine in lib/workflow.ts and in the lib/ function that acts.
//
// An administrator acts through their duties (三员分立, GB/T 22239-2019):
// `admin:system` runs the site and its desk, `admin:security` its security
// policy, `admin:audit` reads the trail, and nobody else does. Today's
// administrator holds all three; with the 等保三级 profile no account holds
// two (lib/users.ts, lib/security).
type Holder = UserRole | `admin:${AdminDuty}`;

export const permissions = {
  'portal:enter': ['correspondent', 'editor', 'admin', 'unit_approver'],
  'account:change-own-password': ['correspondent', 'editor', 'admin', 'unit_approver'],
  'account:edit-own-profile': ['correspondent', 'editor', 'admin', 'unit_approver'],
  'account:two-factor': ['correspondent', 'editor', 'admin', 'unit_approver'],
  'desk:use': ['correspondent'],
  'story:create': ['correspondent'],
  'media:upload': ['correspondent', 'editor', 'admin:system'],
  'review:use': ['editor', 'admin:system'],
  // Acts at a flow's unit stage (单位审核) on its own unit's stories, and
  // sees nothing else (lib/review-flows, lib/stories/internal/scope.ts).
  'review:unit': ['unit_approver'],
  'review:take-over': ['editor', 'admin:system'],
  'story:publish': ['editor', 'admin:system'],
  'comment:internal': ['editor', 'admin:system'],
  'users:list': ['admin:system', 'admin:security'],
  'users:create': ['admin:system'],
  'users:update': ['admin:system'],
  'users:disable': ['admin:system'],
  'users:reset-password': ['admin:system'],
  'users:reset-two-factor': ['admin:security'],
  'users:unlock': ['admin:security'],
  'users:sign-out-everywhere': ['admin:security'],
  'units:manage': ['admin:system'],
  'columns:manage': ['admin:system'],
  // Defines the review flows (三审) and which column follows which (lib/review-flows/manage.ts).
  'workflows:manage': ['admin:system'],
  'settings:manage': ['admin:system'],
  'security:manage': ['admin:security'],
  'audit:read': ['admin:audit'],
  'stats:read': ['editor', 'admin:system'],
  'scoring:manage': ['admin:system'],
  // Unit quotas (任务指标, lib/quotas): the targets each unit is set for a
  // month, quarter or year. Progress is read with the statistics.
  'quotas:manage': ['admin:system'],
  // Seeing a masked phone or e-mail in full, with the account's owner; every
  // reveal is audited (lib/personal-data).
  'personal-data:reveal': ['admin:system'],
  // The word lists (lib/content-check) and the personal-information level.
  // Editors only see the hits in a story, never the lists: a list of
  // forbidden words is itself sensitive, and the desk needs nothing more.
  'words:manage': ['admin:system'],
  // Asking the server to check a story's text (the editor's word panel).
  'words:check': ['correspondent', 'editor', 'admin:system'],
} as const satisfies Record<string, readonly Holder[]>;

export type Permission = keyof typeof permissions;

// Who acts. An administrator built in code (the command line's actor) holds
// every duty; accounts read from the database carry their own.
export type Principal = { role: UserRole; adminDuties?: readonly AdminDuty[] };

export function dutiesOf(principal: Principal): readonly AdminDuty[] {
  if (principal.role !== 'admin') return [];
  return principal.adminDuties ?? ADMIN_DUTIES;
}

export function can(principal: Principal | null | undefined, permission: Permission): boolean {
  if (!principal) return false;
  const holders = permissions[permission] as readonly Holder[];
  if (holders.includes(principal.role)) return true;
  return dutiesOf(principal).some((duty) => holders.includes(`admin:${duty}`));
}

// Who holds a permission, as the table says: roles whole, and the duties of
// administrators (a query selects admins holding any of them).
export function holdersOf(permission: Permission): { roles: UserRole[]; duties: AdminDuty[] } {
  const holders = permissions[permission] as readonly Holder[];
  return {
    roles: holders.filter((h): h is UserRole => !h.startsWith('admin:')),
    duties: holders.filter((h) => h.startsWith('admin:')).map((h) => h.slice('admin:'.length) as AdminDuty),
  };
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

// Where each role lands after login; an administrator, at the first area
// their duties open.
const homePaths: Record<UserRole, string> = { correspondent: '/desk', editor: '/review', admin: '/admin/users', unit_approver: '/review' };
const adminHomes: readonly (readonly [Permission, string])[] = [
  ['users:create', '/admin/users'],
  ['security:manage', '/admin/security'],
  ['audit:read', '/admin/audit'],
];

export function homePathFor(principal: Principal): string {
  if (principal.role !== 'admin') return homePaths[principal.role];
  return adminHomes.find(([permission]) => can(principal, permission))?.[1] ?? '/account/profile';
}

// What each change to an account needs.
const changePermission = {
  disable: 'users:disable',
  role: 'users:update',
  duties: 'users:update',
  'reset-password': 'users:reset-password',
  'reset-two-factor': 'users:reset-two-factor',
  unlock: 'users:unlock',
  unit: 'users:update',
  profile: 'users:update',
} as const satisfies Record<string, Permission>;

export type AccountChange = keyof typeof changePermission;

// An admin may change anyone but cannot lock themselves out or raise
// themselves: no disabling, demoting or re-assigning one's own account.
export function canChangeAccount(actor: Principal & { id: number }, target: { id: number }, change: AccountChange): boolean {
  if (!can(actor, changePermission[change])) return false;
  // Their own second factor an administrator turns off where everyone does,
  // on their account page, with their password or a code.
  if (actor.id === target.id && (change === 'disable' || change === 'role' || change === 'duties' || change === 'reset-two-factor')) return false;
  return true;
}
