import { describe, expect, test } from 'vitest';
import type { UserRole } from '@/db/schema/enums';
import { ADMIN_DUTIES, can, canChangeAccount, homePathFor, permissions, type AdminDuty, type Permission } from '@/lib/authz';
import { profileBlockers, resolveDuties } from '@/lib/security/duties';
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
    expect(allowedTo('correspondent').filter((p) => /^(review|story:publish|comment|users|units|columns|settings|audit|stats|scoring|quotas)/.test(p))).toEqual([]);
  });

  test('an editor works the review desk (claim, take over, publish, internal notes) and reads statistics, files nothing and runs nothing', () => {
    for (const permission of ['review:use', 'review:take-over', 'story:publish', 'comment:internal', 'stats:read'] as const) {
      expect(can({ role: 'editor' }, permission), permission).toBe(true);
    }
    expect(can({ role: 'editor' }, 'story:create')).toBe(false);
    expect(can({ role: 'editor' }, 'desk:use')).toBe(false);
    expect(allowedTo('editor').filter((p) => /^(users|units|columns|settings|audit|scoring|quotas)/.test(p))).toEqual([]);
  });

  test('an administrator does all an editor does and runs the site, but files no stories', () => {
    expect(allowedTo('editor').filter((p) => !can({ role: 'admin' }, p))).toEqual([]);
    for (const permission of ['users:list', 'users:create', 'users:update', 'users:disable', 'users:reset-password', 'users:reset-two-factor', 'units:manage', 'columns:manage', 'settings:manage', 'audit:read', 'scoring:manage', 'quotas:manage'] as const) {
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
    expect(homePathFor({ role })).toBe(path);
  });

  test.each(roles)("%s's home is a section their navigation offers", (role) => {
    expect(navSectionsFor({ role }).map((section) => section.href)).toContain(homePathFor({ role }));
  });

  test.each([
    ['system', '/admin/users'],
    ['security', '/admin/security'],
    ['audit', '/admin/audit'],
  ] as const)('an administrator of the %s duty alone lands on %s, which their navigation offers', (duty, path) => {
    const principal = { role: 'admin' as const, adminDuties: [duty] };
    expect(homePathFor(principal)).toBe(path);
    expect(navSectionsFor(principal).map((section) => section.href)).toContain(path);
  });
});

describe('canChangeAccount', () => {
  const changes = ['disable', 'role', 'duties', 'reset-password', 'reset-two-factor', 'unlock', 'unit', 'profile'] as const;
  const admin = { id: 1, role: 'admin' as const };

  test.each(changes)('an admin may %s another account', (change) => {
    expect(canChangeAccount(admin, { id: 2 }, change)).toBe(true);
  });

  test.each([
    ['disable', false],
    ['role', false],
    ['duties', false],
    ['reset-password', true],
    ['reset-two-factor', false],
    ['unlock', true],
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

// 三员分立: each duty opens its own part of the administration and nothing of
// the others'; today's administrator (no duties named, or all three) keeps all.
describe('administrator duties', () => {
  const only = (duty: AdminDuty) => ({ role: 'admin' as const, adminDuties: [duty] });
  const adminOnly = everyPermission.filter((p) => !can({ role: 'editor' }, p) && !can({ role: 'correspondent' }, p) && !can({ role: 'unit_approver' }, p));

  test('an administrator with all three duties, or none named, may do everything administrators may', () => {
    for (const permission of adminOnly) {
      expect(can({ role: 'admin' }, permission), permission).toBe(true);
      expect(can({ role: 'admin', adminDuties: ADMIN_DUTIES }, permission), permission).toBe(true);
    }
  });

  test('each administrator permission belongs to exactly one duty', () => {
    for (const permission of adminOnly) {
      const holders = ADMIN_DUTIES.filter((duty) => can(only(duty), permission));
      expect(holders.length, permission).toBeGreaterThanOrEqual(1);
    }
    expect(ADMIN_DUTIES.filter((duty) => can(only(duty), 'audit:read'))).toEqual(['audit']);
    expect(ADMIN_DUTIES.filter((duty) => can(only(duty), 'security:manage'))).toEqual(['security']);
    expect(ADMIN_DUTIES.filter((duty) => can(only(duty), 'settings:manage'))).toEqual(['system']);
    expect(ADMIN_DUTIES.filter((duty) => can(only(duty), 'users:update'))).toEqual(['system']);
    expect(ADMIN_DUTIES.filter((duty) => can(only(duty), 'users:reset-two-factor'))).toEqual(['security']);
  });

  test('the audit administrator reads the trail and nothing else of the administration; nobody else reads it', () => {
    expect(adminOnly.filter((p) => can(only('audit'), p))).toEqual(['audit:read']);
    expect(can(only('system'), 'audit:read')).toBe(false);
    expect(can(only('security'), 'audit:read')).toBe(false);
  });

  test('only the system administrator works the desk and publishes', () => {
    for (const permission of ['review:use', 'story:publish', 'stats:read'] as const) {
      expect(ADMIN_DUTIES.filter((duty) => can(only(duty), permission)), permission).toEqual(['system']);
    }
  });

  test('a non-administrator never gains anything from duties', () => {
    expect(can({ role: 'editor', adminDuties: ['audit'] }, 'audit:read')).toBe(false);
    expect(can({ role: 'correspondent', adminDuties: [...ADMIN_DUTIES] }, 'users:list')).toBe(false);
  });
});

describe('resolveDuties', () => {
  test('without the profile an administrator holds all three unless told otherwise; others hold none', () => {
    expect(resolveDuties('admin', undefined, { profileOn: false })).toEqual({ duties: ['system', 'security', 'audit'] });
    expect(resolveDuties('admin', ['audit', 'system'], { profileOn: false })).toEqual({ duties: ['system', 'audit'] });
    expect(resolveDuties('editor', ['audit'], { profileOn: false })).toEqual({ duties: [] });
    expect(resolveDuties('admin', [], { profileOn: false })).toEqual({ problem: 'duties_required' });
  });

  test('an edit that does not name duties keeps those held', () => {
    expect(resolveDuties('admin', undefined, { profileOn: true, current: ['security'] })).toEqual({ duties: ['security'] });
  });

  test('with the profile each administrator holds exactly one', () => {
    expect(resolveDuties('admin', undefined, { profileOn: true })).toEqual({ problem: 'duties_required' });
    expect(resolveDuties('admin', ['system', 'audit'], { profileOn: true })).toEqual({ problem: 'duties_separated' });
    expect(resolveDuties('admin', ['audit'], { profileOn: true })).toEqual({ duties: ['audit'] });
  });

  test('the profile cannot go on while an account combines duties or a duty has no holder of its own', () => {
    expect(profileBlockers([{ username: 'admin', adminDuties: ['system', 'security', 'audit'] }])).toEqual({ combined: ['admin'], unheld: ['system', 'security', 'audit'] });
    const separated = [
      { username: 'sys', adminDuties: ['system'] as AdminDuty[] },
      { username: 'sec', adminDuties: ['security'] as AdminDuty[] },
      { username: 'aud', adminDuties: ['audit'] as AdminDuty[] },
    ];
    expect(profileBlockers(separated)).toEqual({ combined: [], unheld: [] });
    expect(profileBlockers(separated.slice(0, 2))).toEqual({ combined: [], unheld: ['audit'] });
  });
});

// Review flows (三审) are site configuration: the system duty's, nobody else's.
describe('review flows', () => {
  test('only an administrator holding the system duty defines flows', () => {
    expect(roles.filter((role) => can({ role }, 'workflows:manage'))).toEqual(['admin']);
    expect(ADMIN_DUTIES.filter((duty) => can({ role: 'admin', adminDuties: [duty] }, 'workflows:manage'))).toEqual(['system']);
    expect(can({ role: 'unit_approver' }, 'workflows:manage')).toBe(false);
  });
});
