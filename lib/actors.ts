import { ADMIN_DUTIES } from './authz';
import type { Viewer } from './viewer';

// The command-line tool acts as this administrator; the audit trail records
// it with no actor and `via: cli`.
export const systemActor: Viewer & { isSystem: true } = {
  id: 0,
  username: 'system',
  displayName: 'system',
  role: 'admin',
  adminDuties: ADMIN_DUTIES,
  unitId: null,
  mustChangePassword: false,
  isSystem: true,
};

export function isSystemActor(viewer: Viewer): boolean {
  return (viewer as { isSystem?: boolean }).isSystem === true;
}

export function actorIdOf(viewer: Viewer): number | null {
  return isSystemActor(viewer) ? null : viewer.id;
}

// Who acted and from where, as an audit row records it.
export function auditActor(viewer: Viewer): { actorId: number | null; ip: string | null } {
  return { actorId: actorIdOf(viewer), ip: viewer.ip ?? null };
}
