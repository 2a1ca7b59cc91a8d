import 'server-only';
import type { Db, Tx } from '@/db/client';
import { isAuditLogAction, type AuditLogAction } from './audit-actions';
import { appendAuditRows } from './audit-chain/internal/append';

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
