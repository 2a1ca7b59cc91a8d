import 'server-only';
import { getDb } from '@/db/client';
import { auditActor } from '../actors';
import { recordAudit } from '../audit';
import { requireAuditAccess } from '../audit-access';
import type { Viewer } from '../viewer';
import { verifyChains, type VerificationReport } from './internal/verify';

// The audit trail's integrity: the hash chain over audit_log and story_events
// (canonical.ts), verified here for the audit permission and by
// `npm run audit:verify`; rows enter through internal/append.ts only, and
// leave only through the retention job (retention.ts).

export type { ChainBreak, ChainBreakReason } from './canonical';
export type { ChainReport, VerificationReport } from './internal/verify';

// The audit permission: verifies both chains and records that it did, with
// the first broken row when there is one.
export async function verifyAuditTrail(viewer: Viewer): Promise<VerificationReport> {
  await requireAuditAccess(viewer, 'verify');
  const db = await getDb();
  const report = await verifyChains(db);
  const rows = Object.fromEntries(report.chains.map((c) => [c.table, c.rows]));
  await recordAudit(db, {
    ...auditActor(viewer),
    action: report.ok ? 'audit.verify' : 'audit.verify_failure',
    meta: { rows, ...(report.firstBreak ? { broken: report.firstBreak } : {}) },
  });
  return report;
}
