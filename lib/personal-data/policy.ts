import { isDengbaoProfile } from '../security/profile';
import type { PrivacySettings, SiteSettings } from '../settings/stored';

// Pure: whether lists and the review desk show contact details masked. The
// 等保三级 profile turns it on whatever the setting says; without the profile
// the setting decides (off by default: shown in full, as before).
export function isMaskingPersonalData(privacy: PrivacySettings, security: Pick<SiteSettings['security'], 'profile'>): boolean {
  return privacy.maskPersonalData || isDengbaoProfile(security);
}
