import type { UserRole } from '@/db/schema/enums';
import { can, type Permission } from './authz';

// Pure: the signed-in workplace as one table, read by the proxy (who must
// sign in first), the CSP helper (what may never be framed) and the portal's
// navigation (what a role is offered). A new portal area is one line here.

// The first path segment of every page that needs a session.
const SIGNED_IN_AREAS = ['desk', 'review', 'admin', 'account', 'portal', 'notifications', 'stats'] as const;

// The sections the navigation offers, in its order, with the permission that opens each.
export const NAV_SECTIONS = [
  { href: '/desk', permission: 'desk:use', label: 'desk' },
  { href: '/desk/new', permission: 'story:create', label: 'newStory' },
  { href: '/review', permission: 'review:use', label: 'review' },
  // A unit approver's queue: the review desk's, narrowed to their unit's stage.
  { href: '/review', permission: 'review:unit', label: 'unitReview' },
  { href: '/admin/users', permission: 'users:list', label: 'users' },
  { href: '/admin/units', permission: 'units:manage', label: 'units' },
  { href: '/admin/columns', permission: 'columns:manage', label: 'columns' },
  { href: '/admin/workflows', permission: 'workflows:manage', label: 'workflows' },
  { href: '/admin/settings', permission: 'settings:manage', label: 'settings' },
  { href: '/admin/words', permission: 'words:manage', label: 'words' },
  { href: '/admin/security', permission: 'security:manage', label: 'security' },
  { href: '/admin/audit', permission: 'audit:read', label: 'audit' },
  { href: '/stats', permission: 'stats:read', label: 'stats' },
] as const satisfies readonly { href: string; permission: Permission; label: string }[];

export type NavSection = (typeof NAV_SECTIONS)[number];

function areaOf(pathname: string): string {
  return pathname.split('/')[1] ?? '';
}

// Pages a signed-out visitor is sent to sign in for (and back, with ?next=).
export function isSignedInPath(pathname: string): boolean {
  return (SIGNED_IN_AREAS as readonly string[]).includes(areaOf(pathname));
}

// The workplace and its sign-in page: private, never framed, and the only
// pages with a session to refresh.
export function isPortalPath(pathname: string): boolean {
  return isSignedInPath(pathname) || areaOf(pathname) === 'login';
}

// The sections a role's navigation shows.
export function navSectionsFor(viewer: { role: UserRole }): NavSection[] {
  return NAV_SECTIONS.filter((section) => can(viewer, section.permission));
}
