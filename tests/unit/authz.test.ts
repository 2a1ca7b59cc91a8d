import { describe, expect, test } from 'vitest';
import type { UserRole } from '@/db/schema/enums';
import { can, canChangeAccount, homePathFor, permissions, type Permission } from '@/lib/authz';
import { navSectionsFor } from '@/lib/portal-sections';

const roles: readonly UserRole[] = ['correspondent', 'editor', 'admin'];

const everyPermission = Object.keys(permissions) as Permission[];
const allowedTo = (role: UserRole) => everyPermission.filter((permission) => can({ role }, permission));

// Each role's journey through the portal (DESIGN.md), asserted on what the
// role is for rather than on a second copy of the table.
describe('roles', () => {
  test('everyone signed in enters the portal, changes their own password and profile, sets up their own second factor, and uploads images', () => {
    for (const role of roles) {
      for (const permission of ['portal:enter', 'account:change-own-password', 'account:edit-own-profile', 'account:two-factor', 'media:upload'] as const) {
        expect(can({ role }, permission), `${role} ${permission}`).toBe(true);
      }
    }
  });

  test('a correspondent files stories and follows them, and never sees the desk, the statistics or the admin pages', () => {
    expect(can({ role: 'correspondent' }, 'desk:use')).toBe(true);
    expect(can({ role: 'correspondent' }, 'story:create')).toBe(true);
    expect(allowedTo('correspondent').filter((p) => /^(review|story:publish|comment|users|units|columns|settings|audit|stats|scoring)/.test(p))).toEqual([]);
  });

  test('an editor works the review desk (claim, take over, publish, internal notes) and reads statistics, files nothing and runs nothing', () => {
    for (const permission of ['review:use', 'review:take-over', 'story:publish', 'comment:internal', 'stats:read'] as const) {
      expect(can({ role: 'editor' }, permission), permission).toBe(true);
    }
    expect(can({ role: 'editor' }, 'story:create')).toBe(false);
    expect(can({ role: 'editor' }, 'desk:use')).toBe(false);
    expect(allowedTo('editor').filter((p) => /^(users|units|columns|settings|audit|scoring)/.test(p))).toEqual([]);
  });

  test('an administrator does all an editor does and runs the site, but files no stories', () => {
    expect(allowedTo('editor').filter((p) => !can({ role: 'admin' }, p))).toEqual([]);
    for (const permission of ['users:list', 'users:create', 'users:update', 'users:disable', 'users:reset-password', 'users:reset-two-factor', 'units:manage', 'columns:manage', 'settings:manage', 'audit:read', 'scoring:manage'] as const) {
      expect(can({ role: 'admin' }, permission), permission).toBe(true);
    }
    expect(can({ role: 'admin' }, 'story:create')).toBe(false);
  });

  test('only administrators reveal anyone’s masked contact details', () => {
    expect(roles.filter((role) => can({ role }, 'personal-data:reveal'))).toEqual(['admin']);
  });

  test.each(everyPermission)('nobody without a principal gets %s', (permission) => {
    expect(can(null, permission)).toBe(false);
    expect(can(undefined, permission)).toBe(false);
    expect(can({ role: 'superuser' as UserRole }, permission)).toBe(false);
  });
});

describe('homePathFor', () => {
  test.each([
    ['correspondent', '/desk'],
    ['editor', '/review'],
    ['admin', '/admin/users'],
  ] as const)('%s lands on %s', (role, path) => {
    expect(homePathFor(role)).toBe(path);
  });

  test.each(roles)("%s's home is a section their navigation offers", (role) => {
    expect(navSectionsFor({ role }).map((section) => section.href)).toContain(homePathFor(role));
  });
});

describe('canChangeAccount', () => {
  const changes = ['disable', 'role', 'reset-password', 'reset-two-factor', 'unit', 'profile'] as const;
  const admin = { id: 1, role: 'admin' as const };

  test.each(changes)('an admin may %s another account', (change) => {
    expect(canChangeAccount(admin, { id: 2 }, change)).toBe(true);
  });

  test.each([
    ['disable', false],
    ['role', false],
    ['reset-password', true],
    ['reset-two-factor', false],
    ['unit', true],
    ['profile', true],
  ] as const)('an admin on their own account: %s → %s', (change, allowed) => {
    expect(canChangeAccount(admin, { id: 1 }, change)).toBe(allowed);
  });

  const others = (['correspondent', 'editor'] as const).flatMap((role) =>
    changes.flatMap((change) => [
      { role, change, target: 2 },
      { role, change, target: 1 },
    ]),
  );
  test.each(others)('a $role may not $change account $target', ({ role, change, target }) => {
    expect(canChangeAccount({ id: 1, role }, { id: target }, change)).toBe(false);
  });
});
