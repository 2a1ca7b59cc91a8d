import 'server-only';
import { getDb, type Db, type Tx } from '@/db/client';
import { auditActor } from './actors';
import { isAuditLogAction, type AuditLogAction } from './audit-actions';
import { appendAuditRows } from './audit-chain/internal/append';
import type { Viewer } from './viewer';

export type AuditInput = {
  actorId: number | null;
  action: AuditLogAction;
  targetType?: string;
  targetId?: string | number;
  ip?: string | null;
  meta?: Record<string, unknown>;
};

// Appends to the audit trail, inside the caller's transaction when given one
// (which then holds the trail's append lock until it commits: call it last).
// The trail is append-only and hash-chained (lib/audit-chain): the database
// refuses updates and deletes; lib/audit-trail.ts reads it.
export async function recordAudit(db: Db | Tx, input: AuditInput): Promise<void> {
  // A name the trail cannot label or filter is a programming error, not data.
  if (!isAuditLogAction(input.action)) throw new Error(`unregistered audit action: ${String(input.action)}`);
  await appendAuditRows(db, [
    {
      actorId: input.actorId,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId === undefined ? null : String(input.targetId),
      ip: input.ip ?? null,
      meta: input.meta ?? {},
    },
  ]);
}

// Data leaving the site as a file (the statistics): who took what, from
// where. The audit trail's own export records itself (lib/audit-export.ts).
export async function recordStatsExport(viewer: Viewer, meta: Record<string, unknown>): Promise<void> {
  await recordAudit(await getDb(), { ...auditActor(viewer), action: 'stats.export', meta });
}
