import 'server-only';
import { getSiteSettings, type SiteSettings } from '../../settings';
import { adminNetworksOf, dormantDaysOf, passwordPolicyOf, sessionLimitsFor } from '../account-policy';
import type { SecurityControl } from './control';


// The password and session policy's rows on /admin/security, for the
// settings given (the page reads them uncached) or those in force. "On"
// is what GB/T 22239-2019 level 3 asks for; the detail is the value in force.
export async function policyControls(security?: SiteSettings['security']): Promise<SecurityControl[]> {
  const s = security ?? (await getSiteSettings()).security;
  const password = passwordPolicyOf(s);
  const editorIdle = sessionLimitsFor(s, 'editor').idleMinutes;
  const adminIdle = sessionLimitsFor(s, 'admin').idleMinutes;
  const dormantDays = dormantDaysOf(s);
  const networks = adminNetworksOf(s);
  return [
    { id: 'password-complexity', area: 'identity', labelKey: 'passwordComplexity', on: password.minLength >= 8 && password.classes >= 3, detail: `${password.minLength} / ${password.classes}` },
    { id: 'password-common', area: 'identity', labelKey: 'passwordCommon', on: password.refuseCommon },
    { id: 'password-expiry', area: 'identity', labelKey: 'passwordExpiry', on: password.expiryDays > 0, detail: password.expiryDays > 0 ? String(password.expiryDays) : undefined },
    { id: 'password-history', area: 'identity', labelKey: 'passwordHistory', on: password.history > 0, detail: password.history > 0 ? String(password.history) : undefined },
    { id: 'staff-idle-timeout', area: 'identity', labelKey: 'staffIdleTimeout', on: Math.max(editorIdle, adminIdle) <= 30, detail: `${editorIdle} / ${adminIdle}` },
    { id: 'dormant-accounts', area: 'identity', labelKey: 'dormantAccounts', on: dormantDays > 0, detail: dormantDays > 0 ? String(dormantDays) : undefined },
    { id: 'admin-networks', area: 'access', labelKey: 'adminNetworks', on: networks.length > 0, detail: networks.length > 0 ? String(networks.length) : undefined },
    { id: 'account-unlock', area: 'identity', labelKey: 'accountUnlock', on: true },
  ];
}
