import { z } from 'zod';
import { AppError } from '../errors';
import { isAddressInRanges, parseRange } from '../http/cidr';
import type { Viewer } from '../viewer';

// Pure: what the security administrator may save of the password and
// session policy (the settings page's 登录与安全 group, lib/settings/admin.ts).
// Messages are keys under admin.settings.errors.

const whole = (min: number, max: number, key: string) => z.number({ error: key }).int(key).min(min, key).max(max, key);

// Each may be left out of a save (scripts, older forms): the stored value stays.
export const accountPolicyInput = {
  passwordMinLength: whole(8, 64, 'password_min_range').optional(),
  passwordClasses: whole(0, 4, 'classes_range').optional(),
  passwordExpiryDays: whole(0, 3650, 'expiry_range').optional(),
  passwordHistory: whole(0, 24, 'history_range').optional(),
  passwordRefuseCommon: z.boolean({ error: 'invalid' }).optional(),
  // Blank: the role has the site's limits.
  editorSessionIdleMinutes: whole(5, 60 * 24 * 30, 'idle_range').nullable().optional(),
  editorSessionAbsoluteHours: whole(1, 24 * 90, 'absolute_range').nullable().optional(),
  adminSessionIdleMinutes: whole(5, 60 * 24 * 30, 'idle_range').nullable().optional(),
  adminSessionAbsoluteHours: whole(1, 24 * 90, 'absolute_range').nullable().optional(),
  dormantDays: whole(0, 3650, 'dormant_range').optional(),
  // One range per entry; blanks and repeats dropped. Each is checked by
  // assertAdminNetworks, which can name the entry in its message.
  adminNetworks: z
    .array(z.string({ error: 'invalid' }).max(64, 'network_invalid'), { error: 'invalid' })
    .transform((list) => [...new Set(list.map((entry) => entry.trim()).filter(Boolean))])
    .pipe(z.array(z.string()).max(100, 'networks_too_many')).optional(),
};

type RoleLimits = {
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  editorSessionIdleMinutes?: number | null;
  editorSessionAbsoluteHours?: number | null;
  adminSessionIdleMinutes?: number | null;
  adminSessionAbsoluteHours?: number | null;
};

// A role's idle timeout may not outlast its own (or the site's) lifetime.
export function refineRoleSessionLimits(v: RoleLimits, ctx: z.RefinementCtx): void {
  for (const role of ['editor', 'admin'] as const) {
    const ownIdle = v[`${role}SessionIdleMinutes`] ?? null;
    const ownAbsolute = v[`${role}SessionAbsoluteHours`] ?? null;
    // A role with no limits of its own has the site's, checked on their own fields.
    if (ownIdle === null && ownAbsolute === null) continue;
    if ((ownIdle ?? v.sessionIdleMinutes) > (ownAbsolute ?? v.sessionAbsoluteHours) * 60) {
      ctx.addIssue({ code: 'custom', path: [ownIdle !== null ? `${role}SessionIdleMinutes` : `${role}SessionAbsoluteHours`], message: 'idle_over_absolute' });
    }
  }
}

// Every entry a range, and the administrator saving inside the new list:
// saving a list that leaves out one's own address would lock one out at the
// next sign-in. An administrator acting with no address (the command line,
// tests) is not checked; one whose address is unknown is refused.
export function assertAdminNetworksKeepViewer(viewer: Viewer, networks: readonly string[] | undefined): void {
  if (networks === undefined) return;
  const invalid = networks.find((entry) => parseRange(entry) === null);
  if (invalid !== undefined) throw new AppError('validation', 'admin network', { adminNetworks: 'network_invalid' }, { entry: invalid });
  if (networks.length === 0 || viewer.ip === undefined) return;
  if (!isAddressInRanges(viewer.ip, networks)) {
    throw new AppError('validation', 'admin networks exclude the saving administrator', { adminNetworks: 'networks_exclude_self' }, { address: viewer.ip ?? '—' });
  }
}
