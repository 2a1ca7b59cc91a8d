import 'server-only';
import { eq, isNull, and } from 'drizzle-orm';
import { siteSettings, users } from '@/db/schema';
import { getDb, type Db, type Tx } from '@/db/client';
import { auditActor } from '../actors';
import { recordAudit } from '../audit';
import { can, type AdminDuty } from '../authz';
import { AppError, validationError } from '../errors';
import { clearSettingsCache } from '../settings/read';
import { readGroups, SECURITY_PROFILES } from '../settings/stored';
import { writeSettingsGroup } from '../settings/internal/write';
import { requirePermission, type Viewer } from '../viewer';
import { profileBlockers } from './duties';
import { effectiveTwoFactorRequirement, isDengbaoProfile } from './profile';
import { auditControls } from './controls/audit';
import type { SecurityControl } from './controls/control';
import { policyControls } from './controls/policy';
import { privacyControls } from './controls/privacy';

// The security administrator's view of the site's controls (/admin/security)
// and the 等保三级 profile switch. Each module lists its own controls
// (./controls/); this adds the identity and access ones kept here.

export { SECURITY_CONTROL_AREAS, type SecurityControl, type SecurityControlArea } from './controls/control';

export type SecurityOverview = {
  profile: (typeof SECURITY_PROFILES)[number];
  controls: SecurityControl[];
  administrators: { id: number; username: string; displayName: string; adminDuties: AdminDuty[] }[];
  blockers: { combined: string[]; unheld: AdminDuty[] };
  canSwitch: boolean;
};

// Enabled administrators and their duties, read in the caller's transaction when it has one.
function enabledAdministrators(db: Db | Tx) {
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, adminDuties: users.adminDuties })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
    .orderBy(users.username);
}

// Security administrators run it; the audit administrator may read it (an
// assessor's first question is which controls are on).
export async function getSecurityOverview(viewer: Viewer): Promise<SecurityOverview> {
  requirePermission(viewer, can(viewer, 'security:manage') ? 'security:manage' : 'audit:read');
  const db = await getDb();
  const [{ security }, administrators] = await Promise.all([readGroups(db), enabledAdministrators(db)]);
  const profileOn = isDengbaoProfile(security);
  const blockers = profileBlockers(administrators);
  const twoFactor = effectiveTwoFactorRequirement(security);
  const [policy, audit, privacy] = await Promise.all([policyControls(security), auditControls(), privacyControls()]);
  const controls: SecurityControl[] = [
    { id: 'two-factor', area: 'identity', labelKey: 'twoFactor', on: twoFactor !== 'nobody', detail: twoFactor },
    { id: 'login-throttle', area: 'identity', labelKey: 'loginThrottle', on: true },
    { id: 'sessions-revocable', area: 'identity', labelKey: 'sessionsRevocable', on: true },
    { id: 'separated-duties', area: 'access', labelKey: 'separatedDuties', on: profileOn && blockers.combined.length === 0 },
    ...policy,
    ...audit,
    ...privacy,
  ];
  return { profile: security.profile, controls, administrators, blockers, canSwitch: can(viewer, 'security:manage') };
}

// Security administrators: the profile on or off. It goes on only when each
// duty has an administrator of its own and nobody combines two, or the
// duties could no longer be exercised apart (nor the profile turned off).
export async function setSecurityProfile(viewer: Viewer, profile: unknown): Promise<void> {
  requirePermission(viewer, 'security:manage');
  if (!SECURITY_PROFILES.includes(profile as never)) throw validationError({ profile: 'invalid' });
  const next = profile as (typeof SECURITY_PROFILES)[number];
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.select({ key: siteSettings.key }).from(siteSettings).where(eq(siteSettings.key, 'security')).for('update');
    const { security } = await readGroups(tx);
    if (security.profile === next) return;
    if (next === 'dengbao3') {
      const blockers = profileBlockers(await enabledAdministrators(tx));
      if (blockers.combined.length || blockers.unheld.length) {
        throw new AppError('validation', 'duties not separated', { form: 'profile_blocked' });
      }
    }
    await writeSettingsGroup(tx, 'security', { profile: next }, viewer.id);
    await recordAudit(tx, { ...auditActor(viewer), action: 'settings.update', targetType: 'settings', targetId: 'security', meta: { changes: { profile: { from: security.profile, to: next } } } });
  });
  clearSettingsCache();
}
