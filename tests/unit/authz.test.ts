import { describe, expect, test } from 'vitest';
import type { UserRole } from '@/db/schema/enums';
import { can, canChangeAccount, canOpenSection, homePathFor, permissions, type Permission } from '@/lib/authz';

const roles: readonly UserRole[] = ['correspondent', 'editor', 'admin'];

// Written out by hand from DESIGN.md, not derived from lib/authz.ts, so a
// change to the table there has to be made here too, on purpose.
const expected: Record<Permission, readonly UserRole[]> = {
  'portal:enter': ['correspondent', 'editor', 'admin'],
  'account:change-own-password': ['correspondent', 'editor', 'admin'],
  'account:edit-own-profile': ['correspondent', 'editor', 'admin'],
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
  'units:manage': ['admin'],
  'columns:manage': ['admin'],
  'settings:manage': ['admin'],
  'audit:read': ['admin'],
  'stats:read': ['editor', 'admin'],
  'scoring:manage': ['admin'],
};

const matrix = (Object.keys(expected) as Permission[]).flatMap((permission) =>
  roles.map((role) => ({ permission, role, allowed: expected[permission].includes(role) })),
);

describe('permission table', () => {
  test('names exactly the permissions this test knows', () => {
    expect(Object.keys(permissions).sort()).toEqual(Object.keys(expected).sort());
  });

  test.each(matrix)('$role → $permission: $allowed', ({ permission, role, allowed }) => {
    expect(can({ role }, permission)).toBe(allowed);
  });

  test.each(Object.keys(expected) as Permission[])('nobody without a principal gets %s', (permission) => {
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

  test.each(roles)('%s may open their own home section', (role) => {
    expect(canOpenSection(role, homePathFor(role))).toBe(true);
  });
});

describe('canOpenSection', () => {
  const sections: [string, readonly UserRole[]][] = [
    ['/admin', ['admin']],
    ['/admin/users', ['admin']],
    ['/admin/settings', ['admin']],
    ['/stats', ['editor', 'admin']],
    ['/stats/report/unit/3', ['editor', 'admin']],
    ['/review', ['editor', 'admin']],
    ['/review/42', ['editor', 'admin']],
    ['/desk', ['correspondent']],
    ['/desk/new', ['correspondent']],
    ['/desk/stories/7/edit', ['correspondent']],
    ['/account/password', ['correspondent', 'editor', 'admin']],
    ['/', ['correspondent', 'editor', 'admin']],
    ['/login', ['correspondent', 'editor', 'admin']],
  ];
  const cases = sections.flatMap(([path, allowed]) => roles.map((role) => ({ path, role, allowed: allowed.includes(role) })));

  test.each(cases)('$role opens $path: $allowed', ({ path, role, allowed }) => {
    expect(canOpenSection(role, path)).toBe(allowed);
  });
});

describe('canChangeAccount', () => {
  const changes = ['disable', 'role', 'reset-password', 'unit', 'profile'] as const;
  const admin = { id: 1, role: 'admin' as const };

  test.each(changes)('an admin may %s another account', (change) => {
    expect(canChangeAccount(admin, { id: 2 }, change)).toBe(true);
  });

  test.each([
    ['disable', false],
    ['role', false],
    ['reset-password', true],
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
