import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, queryRows } from '@/db/client';
import { auditOutcomeOf, type AuditOutcome } from './audit-actions';
import { requireAuditAccess } from './audit-access';
import { recordAudit } from './audit';
import { auditActor } from './actors';
import { validationError } from './errors';
import { getSiteSettings } from './settings';
import { typedValue } from './text-input';
import type { Viewer } from './viewer';
import { isCalendarDay, nextDay, startOfDay } from './zoned-time';

// The audit trail as a file for a period (whole days in the site's zone):
// both tables, oldest first, one row per entry with its time, account,
// address, event, outcome and the chain's hashes. For the audit permission
// only; the export and every refusal are themselves audited.

export const AUDIT_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

// A spreadsheet holds about a million rows; a period with more is refused
// with a message to choose a shorter one, never cut short silently.
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

export type AuditExportInput = { from?: string; to?: string; format?: string };

export type AuditExportRow = {
  // In the site's zone, to the second.
  time: string;
  table: 'audit_log' | 'story_events';
  id: number;
  username: string;
  displayName: string;
  ip: string;
  action: string;
  outcome: AuditOutcome;
  target: string;
  // The rest of what the row holds: a story event's note and statuses, the meta.
  details: string;
  hashAlg: string;
  prevHash: string;
  hash: string;
};

export type AuditExport = { from: string; to: string; format: AuditExportFormat; timeZone: string; rows: AuditExportRow[] };

type Parsed = { from: string; to: string; format: AuditExportFormat; fromAt: Date; toBefore: Date };

// Pure: the period and format as typed; refusals are field errors under
// admin.audit.exportErrors.
export function parseAuditExport(input: AuditExportInput, timeZone: string): Parsed {
  const from = typedValue(input.from).trim();
  const to = typedValue(input.to).trim();
  const format = typedValue(input.format).trim() || 'xlsx';
  if (!(AUDIT_EXPORT_FORMATS as readonly string[]).includes(format)) throw validationError({ format: 'format_unknown' }, `audit export format ${format.slice(0, 20)}`);
  if (!from || !isCalendarDay(from)) throw validationError({ from: from ? 'date_invalid' : 'date_required' });
  if (!to || !isCalendarDay(to)) throw validationError({ to: to ? 'date_invalid' : 'date_required' });
  if (from > to) throw validationError({ to: 'date_reversed' });
  const fromAt = startOfDay(from, timeZone);
  const toBefore = startOfDay(nextDay(to), timeZone);
  if (!fromAt || !toBefore) throw validationError({ from: 'date_invalid' });
  return { from, to, format: format as AuditExportFormat, fromAt, toBefore };
}

type Raw = {
  src: 'audit_log' | 'story_events';
  id: number;
  time: string;
  username: string | null;
  display_name: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  note: string | null;
  from_status: string | null;
  to_status: string | null;
  meta_text: string | null;
  hash_alg: string;
  prev_hash: string;
  hash: string;
};

// The audit permission only. Reads the period, records the export (format,
// period, rows) and returns the rows for the route to write as a file.
export async function exportAuditTrail(viewer: Viewer, input: AuditExportInput): Promise<AuditExport> {
  await requireAuditAccess(viewer, 'export');
  const { site } = await getSiteSettings();
  const timeZone = site.timeZone;
  const { from, to, format, fromAt, toBefore } = parseAuditExport(input, timeZone);
  const db = await getDb();
  const start = fromAt.toISOString();
  const end = toBefore.toISOString();
  const time = (column: string) => sql`to_char(${sql.raw(column)} at time zone ${timeZone}, 'YYYY-MM-DD HH24:MI:SS')`;
  const raw = await queryRows<Raw>(
    db,
    sql`select p.*, u.username, u.display_name from (
        select 'audit_log' as src, a.id, a.created_at, ${time('a.created_at')} as time, a.actor_id, a.ip, a.action, a.target_type, a.target_id,
          null::text as note, null::text as from_status, null::text as to_status, a.meta::text as meta_text, a.hash_alg, a.prev_hash, a.hash
        from audit_log a where a.created_at >= ${start}::timestamptz and a.created_at < ${end}::timestamptz
        union all
        select 'story_events', e.id, e.created_at, ${time('e.created_at')}, e.actor_id, e.meta ->> 'ip', 'story.' || e.action, 'story', e.story_id::text,
          e.note, e.from_status::text, e.to_status::text, (e.meta - 'ip')::text, e.hash_alg, e.prev_hash, e.hash
        from story_events e where e.created_at >= ${start}::timestamptz and e.created_at < ${end}::timestamptz
      ) p left join users u on u.id = p.actor_id
      order by p.created_at, p.src, p.id
      limit ${AUDIT_EXPORT_MAX_ROWS + 1}`,
  );
  if (raw.length > AUDIT_EXPORT_MAX_ROWS) throw validationError({ form: 'too_many_rows' }, `audit export ${from}..${to}: over ${AUDIT_EXPORT_MAX_ROWS} rows`);
  const rows = raw.map(toExportRow);
  await recordAudit(db, { ...auditActor(viewer), action: 'audit.export', meta: { from, to, format, rows: rows.length } });
  return { from, to, format, timeZone, rows };
}

function toExportRow(r: Raw): AuditExportRow {
  const details: string[] = [];
  if (r.from_status || r.to_status) details.push(`${r.from_status ?? '—'} → ${r.to_status ?? '—'}`);
  if (r.note) details.push(r.note);
  if (r.meta_text && r.meta_text !== '{}' && r.meta_text !== 'null') details.push(r.meta_text);
  return {
    time: r.time,
    table: r.src,
    id: Number(r.id),
    username: r.username ?? '',
    displayName: r.display_name ?? '',
    ip: r.ip ?? '',
    action: r.action,
    outcome: auditOutcomeOf(r.action),
    target: r.target_type ? `${r.target_type}${r.target_id === null ? '' : ` ${r.target_id}`}` : '',
    details: details.join('\n'),
    hashAlg: r.hash_alg,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
