import type { SiteSettings } from '../settings/stored';
import type { TwoFactorRequirement } from '../two-factor/policy';

// Pure: the 等保三级 profile and what it makes of the security settings.
// Each control reads its effective value through here: with the profile on,
// at least the recommended value (the stricter of the two wins), without it
// exactly what is configured, so a site that never turns it on keeps
// today's behaviour.
type Security = SiteSettings['security'];

export function isDengbaoProfile(security: Pick<Security, 'profile'>): boolean {
  return security.profile === 'dengbao3';
}

// GB/T 22239-2019 8.1.4.1 d): administrators and editors sign in with two factors.
export function effectiveTwoFactorRequirement(security: Pick<Security, 'profile' | 'twoFactorRequiredFor'>): TwoFactorRequirement {
  if (!isDengbaoProfile(security)) return security.twoFactorRequiredFor;
  return 'editors';
}
