'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { formFields, validatedAction, type ActionState } from '@/lib/action-result';
import { verifyAuditTrail } from '@/lib/audit-chain';
import { getDateFormat } from '@/lib/i18n/dates';

// Thin adapter over lib/audit-chain, which checks the audit permission and
// records the verification (or the refusal) itself.

const secondsOf = (at: Date) => String(at.getUTCSeconds()).padStart(2, '0');

export const verifyAuditTrailAction = validatedAction({ input: formFields, schema: z.object({}) }, async (_input, viewer): Promise<ActionState> => {
  const [report, t, { formatDateTime, formatDate }] = await Promise.all([verifyAuditTrail(viewer), getTranslations('admin.audit.integrity'), getDateFormat()]);
  const rows = Object.fromEntries(report.chains.map((c) => [c.table, c.rows]));
  const counts = { auditRows: rows.audit_log ?? 0, eventRows: rows.story_events ?? 0 };
  const heads = report.chains.map((c) => `${c.table}:${c.lastId}:${c.lastHash}`).join('\n');
  const broken = report.firstBreak;
  if (!broken) return { ok: true, message: t('intact', counts), data: { result: 'intact', heads } };
  const at = broken.createdAt ? new Date(broken.createdAt) : null;
  const row =
    broken.id === null
      ? t('noRow', { table: t(`tables.${broken.table}`) })
      : t('row', { table: t(`tables.${broken.table}`), id: broken.id, time: at ? `${formatDateTime(at)}:${secondsOf(at)}` : '—' });
  const message = t('broken', { row, reason: t(`reasons.${broken.reason}`, { previousId: broken.previousId ?? '' }) });
  return {
    ok: true,
    message,
    data: { result: 'broken', table: broken.table, id: broken.id === null ? '' : String(broken.id), reason: broken.reason, day: at ? formatDate(at) : '' },
  };
});
