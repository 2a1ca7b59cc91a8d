import 'server-only';
import { getDb } from '@/db/client';
import { auditActor } from './actors';
import { recordAudit } from './audit';
import { can } from './authz';
import { pendingAccountStep, requirePermission, type Viewer } from './viewer';

// What of the audit trail someone reached for.
export type AuditAccess = 'page' | 'export' | 'verify';

// The audit permission, or a refusal that is itself recorded: someone
// signed in and done with their first-login steps reaching for the trail
// without the permission is a security event. The signed-out and those with
// a step to take first are refused as everywhere, unrecorded.
export async function requireAuditAccess(viewer: Viewer | null | undefined, what: AuditAccess): Promise<void> {
  if (viewer && !pendingAccountStep(viewer) && !can(viewer, 'audit:read')) {
    await recordAudit(await getDb(), { ...auditActor(viewer), action: 'audit.refused', meta: { what } });
  }
  requirePermission(viewer, 'audit:read');
}
