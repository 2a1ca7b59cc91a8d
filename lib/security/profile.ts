import type { SiteSettings } from '../settings/stored';

// Pure: whether the 等保三级 profile is on. Each control reads its effective
// value through this: with the profile on, at least the recommended value
// (the stricter of the two wins), without it exactly what is configured, so
// a site that never turns it on keeps today's behaviour.
export function isDengbaoProfile(security: Pick<SiteSettings['security'], 'profile'>): boolean {
  return security.profile === 'dengbao3';
}
