import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, intArray, queryRows, type Db } from '@/db/client';
import { AUDIT_LOG_ACTIONS, STORY_EVENT_ACTIONS } from './audit-actions';
import { parseReceiptNo } from './content/receipt';
import { getSiteSettings } from './settings';
import type { StoryStatus } from './types';
import type { Viewer } from './viewer';
import { auditActor } from './actors';
import { recordAudit } from './audit';
import { requireAuditAccess } from './audit-access';
import { nextDay, startOfDay } from './zoned-time';
import { MAX_ID } from './ids';
import { typedValue } from './text-input';

// ── Reading the trail ────────────────────────────────────────────────────────
// Two tables make one trail: audit_log (security and administration) and
// story_events (each story's timeline). Story events are shown as
// `story.<action>` so one action name space covers both.

export const auditActionGroups = ['login', 'account', 'story', 'site', 'audit'] as const;
export type AuditActionGroup = (typeof auditActionGroups)[number];

// The actions the filter offers, by group (lib/audit-actions.ts): a story's
// events as `story.<action>`, the rest as audit_log names them.
export const auditActions: Record<AuditActionGroup, readonly string[]> = {
  login: AUDIT_LOG_ACTIONS.login,
  account: AUDIT_LOG_ACTIONS.account,
  story: STORY_EVENT_ACTIONS.map((action) => `story.${action}`),
  site: AUDIT_LOG_ACTIONS.site,
  audit: AUDIT_LOG_ACTIONS.audit,
};

// Which audit_log action prefixes make up each group (story events are their
// own table), read off the registry: `scoring.update` makes `scoring.` a site prefix.
const prefixesOf = (actions: readonly string[]) => [...new Set(actions.map((action) => `${action.slice(0, action.indexOf('.'))}.`))];
const groupPrefixes: Record<Exclude<AuditActionGroup, 'story'>, readonly string[]> = {
  login: prefixesOf(AUDIT_LOG_ACTIONS.login),
  account: prefixesOf(AUDIT_LOG_ACTIONS.account),
  site: prefixesOf(AUDIT_LOG_ACTIONS.site),
  audit: prefixesOf(AUDIT_LOG_ACTIONS.audit),
};

export function groupOfAuditAction(action: string): AuditActionGroup | 'other' {
  if (action.startsWith('story.')) return 'story';
  for (const group of ['login', 'account', 'site', 'audit'] as const) {
    if (groupPrefixes[group].some((prefix) => action.startsWith(prefix))) return group;
  }
  return 'other';
}

export function isKnownAuditAction(action: string): boolean {
  return auditActionGroups.some((group) => auditActions[group].includes(action));
}

// What the address bar may hold: strings as typed, checked by parseAuditFilters.
export type AuditFilterInput = { person?: string; action?: string; story?: string; from?: string; to?: string };

export type AuditActionFilter = { kind: 'group'; group: AuditActionGroup } | { kind: 'action'; action: string };
export type AuditStoryFilter = { kind: 'id'; id: number } | { kind: 'receipt'; receiptNo: string };

export type ParsedAuditFilters = {
  // Lower-cased, as usernames are unique and login attempts are recorded.
  person?: string;
  action?: AuditActionFilter;
  story?: AuditStoryFilter;
  // [fromAt, toBefore): whole days in the site's time zone.
  fromAt?: Date;
  toBefore?: Date;
  // The values in effect, to show in the form and keep in links.
  values: AuditFilterInput;
};

// A filter value that was ignored (malformed) or matched nothing, and why;
// the page says so instead of failing.
export type AuditFilterIssue = {
  field: 'person' | 'action' | 'story' | 'from' | 'to' | 'page';
  code: 'invalid' | 'unknown' | 'reversed' | 'not_found' | 'no_account';
  value: string;
};

const PERSON_MAX = 64;
function clean(value: string | undefined): string {
  return typedValue(value).trim();
}

// Pure: the filters in the address, checked. Anything malformed is dropped
// and reported, never an error.
export function parseAuditFilters(input: AuditFilterInput, timeZone: string): { filters: ParsedAuditFilters; issues: AuditFilterIssue[] } {
  const issues: AuditFilterIssue[] = [];
  const filters: ParsedAuditFilters = { values: {} };

  const person = clean(input.person);
  if (person) {
    if (person.length > PERSON_MAX || /[\s\u0000-\u001f]/.test(person)) issues.push({ field: 'person', code: 'invalid', value: person.slice(0, PERSON_MAX) });
    else {
      filters.person = person.toLowerCase();
      filters.values.person = person;
    }
  }

  const action = clean(input.action);
  if (action) {
    const group = auditActionGroups.find((g) => g === action);
    if (group) filters.action = { kind: 'group', group };
    else if (isKnownAuditAction(action)) filters.action = { kind: 'action', action };
    else issues.push({ field: 'action', code: 'unknown', value: action.slice(0, PERSON_MAX) });
    if (filters.action) filters.values.action = action;
  }

  const story = clean(input.story);
  if (story) {
    if (/^[1-9][0-9]{0,9}$/.test(story) && Number(story) <= MAX_ID) filters.story = { kind: 'id', id: Number(story) };
    else if (parseReceiptNo(story)) filters.story = { kind: 'receipt', receiptNo: story };
    else issues.push({ field: 'story', code: 'invalid', value: story.slice(0, PERSON_MAX) });
    if (filters.story) filters.values.story = story;
  }

  const from = clean(input.from);
  const to = clean(input.to);
  const fromAt = from ? startOfDay(from, timeZone) : null;
  const toStart = to ? startOfDay(to, timeZone) : null;
  if (from && !fromAt) issues.push({ field: 'from', code: 'invalid', value: from.slice(0, 20) });
  if (to && !toStart) issues.push({ field: 'to', code: 'invalid', value: to.slice(0, 20) });
  if (fromAt && toStart && fromAt > toStart) {
    issues.push({ field: 'to', code: 'reversed', value: to });
  } else {
    if (fromAt) {
      filters.fromAt = fromAt;
      filters.values.from = from;
    }
    if (toStart) {
      filters.toBefore = startOfDay(nextDay(to), timeZone) ?? undefined;
      filters.values.to = to;
    }
  }
  return { filters, issues };
}

// Keyset pagination over (created_at, source, id), newest first. The time is
// kept to the microsecond as PostgreSQL has it, so no row is skipped or
// repeated between pages when several share a millisecond.
export type AuditCursor = { at: string; source: 'a' | 's'; id: number };

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)_([as])([1-9][0-9]{0,9})$/;

export function formatAuditCursor(cursor: AuditCursor): string {
  return `${cursor.at}_${cursor.source}${cursor.id}`;
}

export function parseAuditCursor(value: string | undefined): AuditCursor | null {
  const m = value ? CURSOR.exec(value) : null;
  if (!m || Number.isNaN(Date.parse(m[1]!)) || Number(m[3]) > MAX_ID) return null;
  return { at: m[1]!, source: m[2] as 'a' | 's', id: Number(m[3]) };
}

// The address of a trail page: the filters in effect and, for a page other
// than the newest, where it starts.
export function auditTrailHref(values: AuditFilterInput, page: { before?: string; after?: string } = {}): string {
  const params = new URLSearchParams();
  for (const key of ['person', 'action', 'story', 'from', 'to'] as const) {
    const value = values[key];
    if (value) params.set(key, value);
  }
  if (page.before) params.set('before', page.before);
  else if (page.after) params.set('after', page.after);
  const query = params.toString();
  return query ? `/admin/audit?${query}` : '/admin/audit';
}

export type AuditPageInput = { before?: string; after?: string; size?: number };

export const AUDIT_PAGE_SIZE = 50;
const PAGE_SIZE_MAX = 200;

export type AuditTarget =
  | { type: 'story'; id: number; receiptNo: string | null; title: string | null }
  | { type: 'user'; id: number; username: string | null; displayName: string | null }
  | { type: 'unit'; id: number; name: string | null }
  | { type: 'column'; id: number; name: string | null }
  | { type: 'username'; username: string }
  | { type: 'settings'; group: string }
  | { type: 'other'; targetType: string; targetId: string | null };

export type AuditTrailRow = {
  // Unique across both tables (`a12`, `s34`).
  key: string;
  source: 'audit' | 'story';
  at: Date;
  action: string;
  group: AuditActionGroup | 'other';
  // null: the system (scheduler, command line) or nobody known (a login
  // attempt for a name no account has, see `target`).
  actor: { id: number; username: string; displayName: string } | null;
  target: AuditTarget | null;
  fromStatus: StoryStatus | null;
  toStatus: StoryStatus | null;
  note: string | null;
  meta: Record<string, unknown>;
  ip: string | null;
};

export type AuditTrailPage = {
  rows: AuditTrailRow[];
  // Cursors for the neighbouring pages; null at either end.
  newer: string | null;
  older: string | null;
  filters: ParsedAuditFilters;
  issues: AuditFilterIssue[];
  // Names of the accounts and units that rows' details refer to by id.
  names: { users: Record<number, string>; units: Record<number, string> };
};

type RawRow = {
  src: 'a' | 's';
  id: number;
  created_at: Date | string;
  cursor_at: string;
  actor_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  target_num: number | null;
  ip: string | null;
  note: string | null;
  meta: Record<string, unknown> | string | null;
  from_status: StoryStatus | null;
  to_status: StoryStatus | null;
  actor_username: string | null;
  actor_name: string | null;
  story_receipt_no: string | null;
  story_title: string | null;
  user_username: string | null;
  user_name: string | null;
  unit_name: string | null;
  column_name: string | null;
};

// One branch's keyset bound. Rows sort by created_at, then source ('s' after
// 'a'), then id, all descending; at the cursor's own time a branch of the
// other source is wholly on one side of it.
function keysetBound(alias: 'a' | 'e', source: 'a' | 's', cursor: AuditCursor, direction: 'older' | 'newer'): SQL {
  const at = sql.raw(`${alias}.created_at`);
  const id = sql.raw(`${alias}.id`);
  const ts = sql`${cursor.at}::timestamptz`;
  if (direction === 'older') {
    if (source === cursor.source) return sql`${at} <= ${ts} and (${at} < ${ts} or ${id} < ${cursor.id})`;
    return source < cursor.source ? sql`${at} <= ${ts}` : sql`${at} < ${ts}`;
  }
  if (source === cursor.source) return sql`${at} >= ${ts} and (${at} > ${ts} or ${id} > ${cursor.id})`;
  return source > cursor.source ? sql`${at} >= ${ts}` : sql`${at} > ${ts}`;
}

function and(parts: SQL[]): SQL {
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

const numericTarget = sql.raw(`case when a.target_id ~ '^[0-9]{1,9}$' then a.target_id::int end`);

// The audit permission only (the reading recorded, a refusal too). One page
// of the merged trail, newest first, filtered in SQL:
// each table gives at most a page's worth of rows through its own ordered
// scan, and the union of the two is cut to the page.
export async function listAuditTrail(viewer: Viewer, input: AuditFilterInput, page: AuditPageInput = {}): Promise<AuditTrailPage> {
  await requireAuditAccess(viewer, 'page');
  const result = await readAuditTrail(input, page);
  // Reading the trail is itself on the trail: what was asked for, after the
  // read, so the page shows the trail as it was.
  const asked = { ...result.filters.values, ...(page.before ? { before: page.before } : {}), ...(page.after ? { after: page.after } : {}) };
  await recordAudit(await getDb(), { ...auditActor(viewer), action: 'audit.read', meta: { filters: asked, rows: result.rows.length } });
  return result;
}

async function readAuditTrail(input: AuditFilterInput, page: AuditPageInput): Promise<AuditTrailPage> {
  const { site } = await getSiteSettings();
  const { filters, issues } = parseAuditFilters(input, site.timeZone);
  const size = Math.min(Math.max(Math.trunc(page.size ?? AUDIT_PAGE_SIZE), 1), PAGE_SIZE_MAX);
  const empty: AuditTrailPage = { rows: [], newer: null, older: null, filters, issues, names: { users: {}, units: {} } };

  let cursor: AuditCursor | null = null;
  let direction: 'older' | 'newer' = 'older';
  if (page.after) {
    cursor = parseAuditCursor(page.after);
    direction = 'newer';
  } else if (page.before) {
    cursor = parseAuditCursor(page.before);
  }
  if ((page.after || page.before) && !cursor) issues.push({ field: 'page', code: 'invalid', value: '' });
  if (!cursor) direction = 'older';

  const db = await getDb();
  const audit: SQL[] = [
    // Also written as the story event `take_over`, which is what is shown.
    sql`a.action <> 'story.take_over'`,
  ];
  const events: SQL[] = [];
  let withAudit = true;
  let withEvents = true;

  if (filters.action?.kind === 'group') {
    const group = filters.action.group;
    if (group === 'story') withAudit = false;
    else {
      withEvents = false;
      audit.push(sql`(${sql.join(
        groupPrefixes[group].map((prefix) => sql`a.action like ${`${prefix}%`}`),
        sql` or `,
      )})`);
    }
  } else if (filters.action?.kind === 'action') {
    const action = filters.action.action;
    if (action.startsWith('story.')) {
      withAudit = false;
      events.push(sql`e.action = ${action.slice('story.'.length)}`);
    } else {
      withEvents = false;
      audit.push(sql`a.action = ${action}`);
    }
  }

  if (filters.person) {
    const [person] = await queryRows<{ id: number }>(db, sql`select id from users where lower(username) = ${filters.person} limit 1`);
    // A name no account has may still have been typed at the login form.
    const typed = sql`(a.target_type = 'username' and a.target_id = ${filters.person})`;
    if (person) {
      audit.push(sql`(a.actor_id = ${person.id} or ${typed})`);
      events.push(sql`e.actor_id = ${person.id}`);
    } else {
      issues.push({ field: 'person', code: 'no_account', value: filters.values.person ?? filters.person });
      audit.push(typed);
      withEvents = false;
    }
  }

  if (filters.story) {
    const story = filters.story;
    const [found] = await queryRows<{ id: number }>(
      db,
      story.kind === 'id' ? sql`select id from stories where id = ${story.id}` : sql`select id from stories where receipt_no = ${story.receiptNo}`,
    );
    if (!found) {
      issues.push({ field: 'story', code: 'not_found', value: filters.values.story ?? '' });
      return empty;
    }
    audit.push(sql`a.target_type = 'story' and a.target_id = ${String(found.id)}`);
    events.push(sql`e.story_id = ${found.id}`);
  }

  if (filters.fromAt) {
    audit.push(sql`a.created_at >= ${filters.fromAt.toISOString()}::timestamptz`);
    events.push(sql`e.created_at >= ${filters.fromAt.toISOString()}::timestamptz`);
  }
  if (filters.toBefore) {
    audit.push(sql`a.created_at < ${filters.toBefore.toISOString()}::timestamptz`);
    events.push(sql`e.created_at < ${filters.toBefore.toISOString()}::timestamptz`);
  }
  if (cursor) {
    audit.push(keysetBound('a', 'a', cursor, direction));
    events.push(keysetBound('e', 's', cursor, direction));
  }
  if (!withAudit && !withEvents) return empty;

  // One row more than the page tells whether there is a further page.
  const limit = size + 1;
  const order = direction === 'older' ? 'desc' : 'asc';
  const branchOrder = (alias: string) => sql.raw(`order by ${alias}.created_at ${order}, ${alias}.id ${order}`);
  const cursorAt = (alias: string) => sql.raw(`to_char(${alias}.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);
  const branches: SQL[] = [];
  if (withAudit) {
    branches.push(sql`(select 'a'::text as src, a.id, a.created_at, ${cursorAt('a')} as cursor_at, a.actor_id, a.action, a.target_type, a.target_id,
        ${numericTarget} as target_num, a.ip, null::text as note, a.meta, null::story_status as from_status, null::story_status as to_status
      from audit_log a where ${and(audit)} ${branchOrder('a')} limit ${limit})`);
  }
  if (withEvents) {
    branches.push(sql`(select 's'::text as src, e.id, e.created_at, ${cursorAt('e')} as cursor_at, e.actor_id, 'story.' || e.action as action, 'story'::text as target_type,
        e.story_id::text as target_id, e.story_id as target_num, e.meta ->> 'ip' as ip, e.note, coalesce(e.meta, '{}'::jsonb) as meta, e.from_status, e.to_status
      from story_events e where ${and(events)} ${branchOrder('e')} limit ${limit})`);
  }
  const outerOrder = sql.raw(`order by p.created_at ${order}, p.src ${order}, p.id ${order}`);
  const raw = await queryRows<RawRow>(
    db,
    sql`select p.*, au.username as actor_username, au.display_name as actor_name,
        s.receipt_no as story_receipt_no, s.title as story_title,
        tu.username as user_username, tu.display_name as user_name,
        un.name as unit_name, col.name as column_name
      from (${sql.join(branches, sql` union all `)}) p
      left join users au on au.id = p.actor_id
      left join stories s on p.target_type = 'story' and s.id = p.target_num
      left join users tu on p.target_type = 'user' and tu.id = p.target_num
      left join units un on p.target_type = 'unit' and un.id = p.target_num
      left join site_columns col on p.target_type = 'column' and col.id = p.target_num
      ${outerOrder} limit ${limit}`,
  );

  const hasMore = raw.length > size;
  const pageRows = raw.slice(0, size);
  if (direction === 'newer') pageRows.reverse();
  const rows = pageRows.map(toRow);
  const first = pageRows[0];
  const last = pageRows[pageRows.length - 1];
  const cursorOf = (r: RawRow) => formatAuditCursor({ at: r.cursor_at, source: r.src, id: Number(r.id) });
  const hasNewer = direction === 'older' ? cursor !== null : hasMore;
  const hasOlder = direction === 'older' ? hasMore : true;
  return {
    rows,
    newer: hasNewer && first ? cursorOf(first) : null,
    older: hasOlder && last ? cursorOf(last) : null,
    filters,
    issues,
    names: await namesReferenced(db, rows),
  };
}

function toMeta(value: RawRow['meta']): Record<string, unknown> {
  if (!value) return {};
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return value;
}

function toTarget(r: RawRow): AuditTarget | null {
  if (!r.target_type) return null;
  const id = r.target_num === null ? null : Number(r.target_num);
  switch (r.target_type) {
    case 'story':
      if (id !== null) return { type: 'story', id, receiptNo: r.story_receipt_no, title: r.story_title };
      break;
    case 'user':
      if (id !== null) return { type: 'user', id, username: r.user_username, displayName: r.user_name };
      break;
    case 'unit':
      if (id !== null) return { type: 'unit', id, name: r.unit_name };
      break;
    case 'column':
      if (id !== null) return { type: 'column', id, name: r.column_name };
      break;
    case 'username':
      if (r.target_id) return { type: 'username', username: r.target_id };
      break;
    case 'settings':
      return { type: 'settings', group: r.target_id ?? '' };
  }
  return { type: 'other', targetType: r.target_type, targetId: r.target_id };
}

function toRow(r: RawRow): AuditTrailRow {
  const { ip: _ip, ...meta } = toMeta(r.meta);
  return {
    key: `${r.src}${r.id}`,
    source: r.src === 'a' ? 'audit' : 'story',
    at: r.created_at instanceof Date ? r.created_at : new Date(r.created_at),
    action: r.action,
    group: groupOfAuditAction(r.action),
    actor: r.actor_id !== null && r.actor_username !== null ? { id: Number(r.actor_id), username: r.actor_username, displayName: r.actor_name ?? r.actor_username } : null,
    target: toTarget(r),
    fromStatus: r.from_status,
    toStatus: r.to_status,
    note: r.note,
    meta,
    ip: r.ip,
  };
}

function idIn(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_ID ? value : null;
}

// Details refer to accounts and units by id (a take-over's previous holder, a
// publication's co-correspondents, a role change's old and new unit); their
// names, in two small queries.
async function namesReferenced(db: Db, rows: AuditTrailRow[]): Promise<AuditTrailPage['names']> {
  const userIds = new Set<number>();
  const unitIds = new Set<number>();
  for (const { meta } of rows) {
    const mentioned = [meta.previousAssigneeId, ...(Array.isArray(meta.coCorrespondents) ? meta.coCorrespondents : [])];
    for (const user of mentioned.map(idIn)) if (user) userIds.add(user);
    for (const side of [meta, meta.from, meta.to]) {
      const unit = side && typeof side === 'object' ? idIn((side as Record<string, unknown>).unitId) : null;
      if (unit) unitIds.add(unit);
    }
  }
  const names: AuditTrailPage['names'] = { users: {}, units: {} };
  if (userIds.size) {
    const found = await queryRows<{ id: number; name: string }>(db, sql`select id, display_name as name from users where id = any(${intArray([...userIds])})`);
    for (const u of found) names.users[Number(u.id)] = u.name;
  }
  if (unitIds.size) {
    const found = await queryRows<{ id: number; name: string }>(db, sql`select id, name from units where id = any(${intArray([...unitIds])})`);
    for (const u of found) names.units[Number(u.id)] = u.name;
  }
  return names;
}
