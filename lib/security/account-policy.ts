import type { UserRole } from '@/db/schema/enums';
import type { PasswordRules } from '../auth/password-rules';
import type { SiteSettings } from '../settings/stored';
import { isDengbaoProfile } from './profile';

// Pure: the password and session policy in force, from the security
// settings. Without the 等保三级 profile exactly what is configured (the
// defaults are the rules from before these settings existed); with it, the
// stricter of the configured and the recommended value of each.
type Security = SiteSettings['security'];

// GB/T 22239-2019 8.1.4.1 a), b): complexity, periodic change, session timeout.
export const DENGBAO_RECOMMENDED = {
  passwordMinLength: 10,
  passwordClasses: 3,
  passwordExpiryDays: 90,
  passwordHistory: 5,
  staffIdleMinutes: 30,
  dormantDays: 90,
} as const;

export type PasswordPolicy = PasswordRules & {
  // 0: passwords never expire.
  expiryDays: number;
  // How many of the account's latest passwords may not be used again; 0: no check.
  history: number;
};

// 0 means "off": the stricter of two such limits is the smaller one that is on.
function stricterLimit(configured: number, recommended: number): number {
  return configured === 0 ? recommended : Math.min(configured, recommended);
}

export function passwordPolicyOf(security: Security): PasswordPolicy {
  const configured: PasswordPolicy = {
    minLength: security.passwordMinLength,
    classes: security.passwordClasses,
    refuseCommon: security.passwordRefuseCommon,
    expiryDays: security.passwordExpiryDays,
    history: security.passwordHistory,
  };
  if (!isDengbaoProfile(security)) return configured;
  const r = DENGBAO_RECOMMENDED;
  return {
    minLength: Math.max(configured.minLength, r.passwordMinLength),
    classes: Math.max(configured.classes, r.passwordClasses),
    refuseCommon: true,
    expiryDays: stricterLimit(configured.expiryDays, r.passwordExpiryDays),
    history: Math.max(configured.history, r.passwordHistory),
  };
}

// Whether a password set at `changedAt` has expired by `now`.
export function isPasswordExpired(policy: Pick<PasswordPolicy, 'expiryDays'>, changedAt: Date, now: Date = new Date()): boolean {
  return policy.expiryDays > 0 && now.getTime() - changedAt.getTime() > policy.expiryDays * 86_400_000;
}

export type SessionLimits = { idleMinutes: number; absoluteHours: number };

// A role's limits: its own where set, else the site's; with the profile,
// editors and administrators at most 30 minutes idle.
export function sessionLimitsFor(security: Security, role: UserRole): SessionLimits {
  const own =
    role === 'editor'
      ? { idle: security.editorSessionIdleMinutes, absolute: security.editorSessionAbsoluteHours }
      : role === 'admin'
        ? { idle: security.adminSessionIdleMinutes, absolute: security.adminSessionAbsoluteHours }
        : { idle: null, absolute: null };
  const idleMinutes = own.idle ?? security.sessionIdleMinutes;
  const absoluteHours = own.absolute ?? security.sessionAbsoluteHours;
  if (!isDengbaoProfile(security) || role === 'correspondent') return { idleMinutes, absoluteHours };
  return { idleMinutes: Math.min(idleMinutes, DENGBAO_RECOMMENDED.staffIdleMinutes), absoluteHours };
}

// The longest any role may stay signed in: a token past these is dead for everyone.
export function longestSessionLimits(security: Security): SessionLimits {
  const all = (['correspondent', 'editor', 'admin', 'unit_approver'] as const).map((role) => sessionLimitsFor(security, role));
  return { idleMinutes: Math.max(...all.map((l) => l.idleMinutes)), absoluteHours: Math.max(...all.map((l) => l.absoluteHours)) };
}

// Days unused after which an account is disabled; 0: never.
export function dormantDaysOf(security: Security): number {
  return isDengbaoProfile(security) ? stricterLimit(security.dormantDays, DENGBAO_RECOMMENDED.dormantDays) : security.dormantDays;
}

// The address ranges administrators may sign in from; empty: anywhere.
export function adminNetworksOf(security: Security): readonly string[] {
  return security.adminNetworks;
}
