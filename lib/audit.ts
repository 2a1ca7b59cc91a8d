import { auditLog } from '@/db/schema';
import type { Db, Tx } from '@/db/client';

export type AuditInput = {
  actorId: number | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  ip?: string | null;
  meta?: Record<string, unknown>;
};

// Appends to the audit trail, inside the caller's transaction when given one.
// The trail is append-only: nothing in the app updates or deletes its rows;
// lib/audit-trail.ts reads it.
export async function recordAudit(db: Db | Tx, input: AuditInput): Promise<void> {
  await db.insert(auditLog).values({
    actorId: input.actorId,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId === undefined ? null : String(input.targetId),
    ip: input.ip ?? null,
    meta: input.meta ?? {},
  });
}
