import Link from 'next/link';
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { auditOutcomeOf } from '@/lib/audit-actions';
import { auditActionGroups, auditTrailHref, isKnownAuditAction, type AuditFilterInput, type AuditTrailPage, type AuditTrailRow } from '@/lib/audit-trail';
import { useDateFormat } from '@/lib/i18n/dates';
import type { StoryStatus, UserRole } from '@/lib/types';

export type AuditTableProps = {
  rows: AuditTrailRow[];
  names: AuditTrailPage['names'];
  // The filters in effect: a person's username links to their events with them.
  values: AuditFilterInput;
};

// Red for what an administrator looks for first (every failure and refusal,
// lockouts), green for what went out; otherwise one colour a group.
const toneOfGroup: Record<AuditTrailRow['group'], BadgeTone> = { login: 'blue', account: 'violet', story: 'gray', site: 'amber', audit: 'gray', other: 'gray' };
const toneOfAction: Record<string, BadgeTone> = {
  'login.success': 'green',
  'login.failure': 'red',
  'login.lockout': 'red',
  'login.refused': 'red',
  'login.second_factor_failure': 'red',
  'login.recovery_code_use': 'amber',
  'two_factor.disable': 'red',
  'two_factor.admin_reset': 'red',
  'user.disable': 'red',
  'story.return': 'amber',
  'story.reject': 'red',
  'story.unpublish': 'red',
  'story.publish': 'green',
  'story.republish': 'green',
  'story.publish_due': 'green',
  'story.schedule': 'blue',
  'story.publish_update': 'green',
  'story.unpublish_due': 'red',
};

const roles = new Set<string>(['admin', 'editor', 'correspondent']);
const filterLabels = { person: 'filterPerson', action: 'filterAction', story: 'filterStory', from: 'filterFrom', to: 'filterTo' } as const;
const statuses = new Set<string>(['draft', 'submitted', 'in_review', 'changes_requested', 'rejected', 'scheduled', 'published', 'unpublished']);

// Seconds matter in an audit trail; the date part is written as everywhere
// else. Zone offsets are whole minutes, so the seconds are the same in any zone.
function formatWhen(date: Date, formatDateTime: (date: Date) => string): string {
  return `${formatDateTime(date)}:${String(date.getUTCSeconds()).padStart(2, '0')}`;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : null;
}

// A setting's value as recorded (a policy change keeps both sides).
function settingValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

// A review flow's stages as recorded, as one line: 初审 → 复审 → 终审.
function stageChain(stages: unknown[]): string {
  return stages.map((stage) => text(record(stage).name) ?? '?').join(' → ');
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const linkClass = 'font-medium text-brand-700 hover:underline';
const cellClass = 'md:table-cell md:px-4 md:py-2.5 md:align-top';

export function AuditTable({ rows, names, values }: AuditTableProps) {
  const t = useTranslations('admin.audit');
  return (
    <table className="block w-full text-sm md:table" data-testid="audit-table">
      <thead className="hidden border-b border-line bg-gray-50 text-left text-xs text-ink-500 md:table-header-group">
        <tr>
          <th className="px-4 py-2.5 font-medium">{t('when')}</th>
          <th className="px-4 py-2.5 font-medium">{t('who')}</th>
          <th className="px-4 py-2.5 font-medium">{t('what')}</th>
          <th className="px-4 py-2.5 font-medium">{t('target')}</th>
          <th className="px-4 py-2.5 font-medium">{t('details')}</th>
          <th className="px-4 py-2.5 font-medium">{t('ip')}</th>
        </tr>
      </thead>
      <tbody className="block divide-y divide-line md:table-row-group">
        {rows.map((row) => (
          <AuditRow key={row.key} row={row} names={names} values={values} />
        ))}
      </tbody>
    </table>
  );
}

function AuditRow({ row, names, values }: { row: AuditTrailRow; names: AuditTrailPage['names']; values: AuditFilterInput }) {
  const t = useTranslations('admin.audit');
  const { formatDateTime } = useDateFormat();
  const details = <AuditDetails row={row} names={names} />;
  const target = <AuditTargetCell row={row} />;
  return (
    // On a phone each entry is a small card: action and time on one line, the rest below.
    <tr className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 px-4 py-3 hover:bg-gray-50 md:table-row md:p-0" data-testid="audit-row" data-action={row.action} data-key={row.key}>
      <td className={`col-start-2 row-start-1 text-right text-xs whitespace-nowrap text-ink-500 tabular-nums md:text-left md:text-sm ${cellClass}`}>
        <time dateTime={row.at.toISOString()}>{formatWhen(row.at, formatDateTime)}</time>
      </td>
      <td className={`col-span-2 ${cellClass}`}>
        <AuditActor row={row} values={values} />
      </td>
      <td className={`col-start-1 row-start-1 ${cellClass}`}>
        <Badge tone={toneOfAction[row.action] ?? (auditOutcomeOf(row.action) === 'failure' ? 'red' : toneOfGroup[row.group])}>
          {isKnownAuditAction(row.action)
            ? t(`actions.${row.action.replace('.', '_')}`)
            : t('actions.unknown', { group: t(`groups.${row.group}`), action: row.action.slice(row.action.indexOf('.') + 1) })}
        </Badge>
      </td>
      <td className={`col-span-2 min-w-0 md:max-w-[18rem] ${cellClass}`}>{target}</td>
      <td className={`col-span-2 min-w-0 text-ink-700 md:max-w-[22rem] ${cellClass}`}>{details}</td>
      <td className={`col-span-2 font-mono text-xs whitespace-nowrap text-ink-500 ${cellClass}`}>
        <span className="mr-1 font-sans md:hidden">{t('ip')}</span>
        {row.ip ?? <span className="text-ink-300">—</span>}
      </td>
    </tr>
  );
}

function AuditActor({ row, values }: { row: AuditTrailRow; values: AuditFilterInput }) {
  const t = useTranslations('admin.audit');
  const personLink = (username: string) => (
    <Link href={auditTrailHref({ ...values, person: username })} className="font-mono text-xs text-ink-500 hover:text-brand-700 hover:underline" title={t('onlyThisPerson', { username })}>
      {username}
    </Link>
  );
  if (row.actor) {
    return (
      <span className="flex flex-wrap items-baseline gap-x-2 md:block">
        <Link href={`/admin/users/${row.actor.id}`} className={`${linkClass} md:block`}>
          {row.actor.displayName}
        </Link>
        {personLink(row.actor.username)}
      </span>
    );
  }
  // A login attempt for a name no account has: who it was is what they typed.
  if (row.target?.type === 'username') {
    return (
      <span className="flex flex-wrap items-baseline gap-x-2 md:block">
        <span className="text-ink-500 md:block">{t('unknownAccount')}</span>
        {personLink(row.target.username)}
      </span>
    );
  }
  return (
    <span className="flex flex-wrap items-baseline gap-x-2 md:block">
      <span className="font-medium text-ink-700 md:block">{t('system')}</span>
      <span className="text-xs text-ink-500">{t('systemHint')}</span>
    </span>
  );
}

function AuditTargetCell({ row }: { row: AuditTrailRow }) {
  const t = useTranslations('admin.audit');
  const target = row.target;
  // Who signed in, or changed their own password, is already in "who".
  if (!target || target.type === 'username' || (target.type === 'user' && target.id === row.actor?.id)) {
    return <span className="hidden text-ink-300 md:inline">—</span>;
  }
  switch (target.type) {
    case 'story':
      return (
        <Link href={`/review/${target.id}`} className="group block min-w-0 hover:underline">
          <span className="mr-1.5 font-mono text-xs text-ink-500">{target.receiptNo ?? `#${target.id}`}</span>
          <span className="font-medium text-brand-700 group-hover:underline">{target.title === null ? t('targets.story', { id: target.id }) : target.title || t('targets.untitled')}</span>
        </Link>
      );
    case 'user':
      return (
        <Link href={`/admin/users/${target.id}`} className="block">
          <span className={linkClass}>{target.displayName ?? t('targets.user', { id: target.id })}</span>
          {target.username ? <span className="ml-1.5 font-mono text-xs text-ink-500">{target.username}</span> : null}
        </Link>
      );
    case 'unit':
      return (
        <Link href="/admin/units" className={linkClass}>
          {target.name ?? text(row.meta.name) ?? t('targets.unit', { id: target.id })}
        </Link>
      );
    case 'column':
      return (
        <Link href="/admin/columns" className={linkClass}>
          {target.name ?? text(row.meta.name) ?? t('targets.column', { id: target.id })}
        </Link>
      );
    case 'settings':
      return (
        <Link href="/admin/settings" className={linkClass}>
          {t('targets.settings', { group: t.has(`settingsGroups.${target.group}`) ? t(`settingsGroups.${target.group}`) : target.group })}
        </Link>
      );
    default:
      if (target.targetType === 'review_flow') {
        return (
          <Link href="/admin/workflows" className={linkClass}>
            {text(row.meta.name) ?? t('targets.flow', { id: target.targetId ?? '?' })}
          </Link>
        );
      }
      return (
        <span className="font-mono text-xs text-ink-500">
          {target.targetType} {target.targetId}
        </span>
      );
  }
}

function AuditDetails({ row, names }: { row: AuditTrailRow; names: AuditTrailPage['names'] }) {
  const t = useTranslations('admin.audit.detail');
  const { formatDateTime } = useDateFormat();
  const tStatus = useTranslations('status');
  const tRoles = useTranslations('roles');
  const tSettings = useTranslations('admin.settings');
  const tAudit = useTranslations('admin.audit');
  const tDeadlines = useTranslations('reviewDeadlines.audit');
  const meta = row.meta;
  const lines: ReactNode[] = [];
  const roleName = (value: unknown) => (typeof value === 'string' && roles.has(value) ? tRoles(value as UserRole) : (text(value) ?? '—'));
  const unitName = (value: unknown) => (typeof value === 'number' ? (names.units[value] ?? `#${value}`) : t('noUnit'));

  if (row.fromStatus && row.toStatus && row.fromStatus !== row.toStatus && statuses.has(row.fromStatus)) {
    lines.push(
      <span className="text-ink-500">
        {tStatus(row.fromStatus as StoryStatus)} → {tStatus(row.toStatus as StoryStatus)}
      </span>,
    );
  }
  if (row.note) {
    const label = row.action === 'story.return' ? t('returnNote') : row.action === 'story.reject' || row.action === 'story.unpublish' ? t('reason') : t('note');
    lines.push(
      <span>
        <span className="text-ink-500">{label}</span>
        <span className="break-words whitespace-pre-line">{row.note}</span>
      </span>,
    );
  }
  const publishAt = text(meta.publishAt);
  if (publishAt && !Number.isNaN(Date.parse(publishAt))) lines.push(t('publishAt', { time: formatDateTime(new Date(publishAt)) }));
  if (meta.headline === true) lines.push(<Badge tone="red">{t('headline')}</Badge>);
  if (Array.isArray(meta.coCorrespondents) && meta.coCorrespondents.length) {
    lines.push(t('coCorrespondents', { names: meta.coCorrespondents.map((id) => (typeof id === 'number' ? (names.users[id] ?? `#${id}`) : String(id))).join('、') }));
  }
  if (typeof meta.previousAssigneeId === 'number') lines.push(t('previousHolder', { name: names.users[meta.previousAssigneeId] ?? `#${meta.previousAssigneeId}` }));
  // Live articles (docs/live-articles.md): an update without a note, an expiry, a restored revision.
  if (meta.minor === true) lines.push(t('minorUpdate'));
  const unpublishAt = text(meta.unpublishAt);
  if (unpublishAt && !Number.isNaN(Date.parse(unpublishAt))) lines.push(t('unpublishAt', { time: formatDateTime(new Date(unpublishAt)) }));
  else if (row.action === 'story.set_expiry') lines.push(t('expiryCleared'));
  if (typeof meta.revisionVersion === 'number') lines.push(t('restoredRevision', { version: meta.revisionVersion }));

  switch (row.action) {
    case 'login.refused': {
      const reason = text(meta.reason);
      if (reason) lines.push(t.has(`refused_${reason}`) ? t(`refused_${reason}`) : reason);
      break;
    }
    case 'login.lockout':
      if (typeof meta.minutes === 'number') lines.push(t('lockMinutes', { minutes: meta.minutes }));
      break;
    case 'user.dormant_disable':
      if (typeof meta.days === 'number') lines.push(t('dormantDays', { days: meta.days }));
      break;
    case 'user.password_expired':
      if (typeof meta.days === 'number') lines.push(t('passwordExpiryDays', { days: meta.days }));
      break;
    case 'login.success':
      if (meta.secondFactor === 'totp' || meta.secondFactor === 'recovery_code') lines.push(t(`secondFactor_${meta.secondFactor}`));
      break;
    case 'login.recovery_code_use':
      if (typeof meta.left === 'number') lines.push(t('recoveryCodesLeft', { count: meta.left }));
      break;
    case 'user.create': {
      const username = text(meta.username);
      if (username) lines.push(t('account', { username, role: roleName(meta.role) }));
      if (typeof meta.unitId === 'number') lines.push(t('unit', { from: t('noUnit'), to: unitName(meta.unitId) }));
      if (meta.via === 'cli') lines.push(t('viaCli'));
      break;
    }
    case 'user.update':
    case 'user.role_change': {
      const from = record(meta.from);
      const to = record(meta.to);
      if (from.role !== to.role) lines.push(t('role', { from: roleName(from.role), to: roleName(to.role) }));
      if (from.unitId !== to.unitId) lines.push(t('unit', { from: unitName(from.unitId), to: unitName(to.unitId) }));
      break;
    }
    case 'unit.create':
    case 'unit.update':
    case 'column.create':
    case 'column.hide':
    case 'column.show':
    case 'column.delete': {
      const name = text(meta.name);
      if (name) lines.push(t('name', { name }));
      break;
    }
    case 'column.update': {
      const from = record(meta.from);
      const to = record(meta.to);
      if (from.name !== to.name) lines.push(t('rename', { from: text(from.name) ?? '—', to: text(to.name) ?? '—' }));
      if (from.slug !== to.slug) lines.push(t('slug', { from: text(from.slug) ?? '—', to: text(to.slug) ?? '—' }));
      break;
    }
    case 'flow.create':
    case 'flow.update':
    case 'flow.default':
    case 'flow.delete': {
      const name = text(meta.name);
      const from = record(meta.from);
      const to = record(meta.to);
      if (text(from.name) && text(to.name)) lines.push(t('rename', { from: text(from.name)!, to: text(to.name)! }));
      else if (name) lines.push(t('name', { name }));
      if (typeof meta.version === 'number' && row.action === 'flow.update') lines.push(t('flowVersion', { version: meta.version }));
      if (Array.isArray(meta.stages)) lines.push(t('flowStages', { stages: stageChain(meta.stages) }));
      if (Array.isArray(meta.stagesBefore) && Array.isArray(meta.stagesAfter)) {
        const [from, to] = [stageChain(meta.stagesBefore), stageChain(meta.stagesAfter)];
        // Same names: who acts, a column limit or an opinion changed.
        lines.push(from === to ? t('flowStagesRevised', { stages: to }) : t('flowStagesChange', { from, to }));
      }
      if (text(record(meta.previous).name)) lines.push(t('flowPreviousDefault', { name: text(record(meta.previous).name)! }));
      if (typeof meta.versions === 'number') lines.push(t('flowVersions', { count: meta.versions }));
      break;
    }
    case 'column.flow': {
      const name = text(meta.name);
      if (name) lines.push(t('name', { name }));
      const flowName = (value: unknown) => text(record(value).name) ?? (value ? `#${text(record(value).id) ?? '?'}` : t('defaultFlowChoice'));
      lines.push(t('columnFlow', { from: flowName(meta.from), to: flowName(meta.to) }));
      break;
    }
    case 'column.reorder':
      if (meta.direction === 'up') lines.push(t('moveUp'));
      if (meta.direction === 'down') lines.push(t('moveDown'));
      break;
    case 'settings.update': {
      const changes = record(meta.changes);
      if (Object.keys(changes).length) {
        const group = row.target?.type === 'settings' ? row.target.group : '';
        for (const [field, change] of Object.entries(changes)) {
          const { from, to } = record(change);
          const label = tSettings.has(`${group}.${field}`) ? tSettings(`${group}.${field}` as 'title') : field;
          // A choice as the settings page names it (…Options.<value>); the
          // retention period: unset keeps everything.
          const shown = (value: unknown) => {
            const option = `${group}.${field}Options.${String(value)}`;
            if (tSettings.has(option as 'title')) return tSettings(option as 'title');
            if (field === 'retentionDays') return typeof value === 'number' ? t('days', { days: value }) : t('keepAll');
            return settingValue(value);
          };
          lines.push(t('change', { field: label, from: shown(from), to: shown(to) }));
        }
      } else if (Array.isArray(meta.fields) && meta.fields.length) lines.push(t('fields', { fields: meta.fields.map(String).join(', ') }));
      break;
    }
    case 'personal_data.reveal':
      if (meta.field === 'email' || meta.field === 'phone') lines.push(t('revealedField', { field: t(`contactFields.${meta.field}`) }));
      if (typeof meta.storyId === 'number') lines.push(t('revealedForStory', { id: meta.storyId }));
      break;
    case 'keys.rotate':
      if (typeof meta.resealed === 'number') lines.push(t('rotated', { count: meta.resealed, cipher: text(meta.cipher) ?? '—', keyId: text(meta.keyId) ?? '—' }));
      if (meta.via === 'cli') lines.push(t('viaCli'));
      break;
    case 'user.change_own_password_failure':
    case 'two_factor.enable_failure': {
      const reason = text(meta.reason);
      if (reason && t.has(`failure_${reason}`)) lines.push(t(`failure_${reason}`));
      break;
    }
    case 'audit.read': {
      // The filters as the form names them; page positions are left out.
      const filters = Object.entries(record(meta.filters)).flatMap(([key, value]) => {
        const shown = text(value);
        if (!shown || !(key in filterLabels)) return [];
        const label = tAudit(filterLabels[key as keyof typeof filterLabels]);
        if (key !== 'action') return [`${label} ${shown}`];
        const group = auditActionGroups.find((g) => g === shown);
        return [`${label} ${group ? tAudit(`groups.${group}`) : isKnownAuditAction(shown) ? tAudit(`actions.${shown.replace('.', '_')}`) : shown}`];
      });
      if (filters.length) lines.push(t('readFilters', { filters: filters.join(' · ') }));
      break;
    }
    case 'audit.export':
    case 'stats.export':
    case 'review.sheet_export':
      if (text(meta.from) && text(meta.to)) lines.push(t('period', { from: text(meta.from)!, to: text(meta.to)! }));
      if (text(meta.format)) lines.push(t('exportFile', { format: text(meta.format)!.toUpperCase(), count: typeof meta.rows === 'number' ? meta.rows : 0 }));
      break;
    // Word lists (/admin/words).
    case 'words.list_create':
    case 'words.list_enable':
    case 'words.list_disable':
    case 'words.list_delete':
    case 'words.entry_add':
    case 'words.entry_delete':
    case 'words.entry_update':
    case 'words.list_update':
    case 'words.import':
    case 'words.export': {
      const name = text(meta.name) ?? text(record(meta.to).name);
      if (name) lines.push(t('wordList', { name }));
      const word = text(meta.word) ?? text(record(meta.to).word);
      if (word) lines.push(t('wordEntry', { word }));
      if (row.action === 'words.import') lines.push(t('wordImport', { added: Number(meta.added ?? 0), duplicates: Number(meta.duplicates ?? 0), invalid: Number(meta.invalid ?? 0) }));
      if (row.action === 'words.export') lines.push(t('wordExport', { format: text(meta.format) ?? '', entries: Number(meta.entries ?? 0) }));
      break;
    }
    // Unit quotas (lib/quotas): the period and the targets before and after.
    case 'quota.set':
    case 'quota.copy':
    case 'quota.remove': {
      const targets = (value: unknown) => {
        const { adopted, points } = record(value);
        const parts = [text(adopted) && t('quotaAdopted', { adopted: text(adopted)! }), text(points) && t('quotaPoints', { points: text(points)! })].filter(Boolean);
        return parts.length ? parts.join(' · ') : t('quotaNone');
      };
      if (text(meta.period)) lines.push(t('quotaPeriod', { period: text(meta.period)! }));
      lines.push(t('quotaChange', { from: targets(meta.before), to: targets(meta.after) }));
      if (text(meta.from)) lines.push(t('quotaCopiedFrom', { period: text(meta.from)! }));
      break;
    }
    case 'story.word_override':
      lines.push(<span className="break-words">{t('wordOverride', { reason: text(meta.reason) ?? '', words: Array.isArray(meta.words) ? meta.words.map(String).join('、') : '' })}</span>);
      break;
    case 'story.leader_approval_recorded':
      if (text(meta.leaderName)) lines.push(t('leaderName', { name: text(meta.leaderName)! }));
      if (text(meta.previousLeaderName)) lines.push(t('previousLeader', { name: text(meta.previousLeaderName)! }));
      if (text(meta.note)) lines.push(<span className="break-words whitespace-pre-line">{t('leaderNote', { note: text(meta.note)! })}</span>);
      break;
    // 指派 at a stage (lib/stories/assignment.ts).
    case 'story.assign':
    case 'story.unassign':
    case 'story.assignment_end': {
      const stage = text(meta.stageName) ?? (typeof meta.stage === 'number' ? String(meta.stage + 1) : '');
      const person = (id: unknown, name: unknown) => text(name) ?? (typeof id === 'number' ? (names.users[id] ?? `#${id}`) : '—');
      const name = person(meta.assignedToId, meta.assignedToName);
      if (row.action === 'story.assignment_end') lines.push(tDeadlines('ended', { stage }));
      else if (row.action === 'story.unassign') lines.push(tDeadlines('unassigned', { name, stage }));
      else if (meta.previousAssignedToId !== undefined) lines.push(tDeadlines('reassigned', { from: person(meta.previousAssignedToId, meta.previousAssignedToName), name, stage }));
      else lines.push(tDeadlines('assigned', { name, stage }));
      const until = text(meta.assignmentDueAt);
      if (until && !Number.isNaN(Date.parse(until))) lines.push(tDeadlines('until', { at: formatDateTime(new Date(until)) }));
      break;
    }
    case 'audit.verify': {
      const rows = record(meta.rows);
      lines.push(t('verifiedRows', { auditRows: Number(rows.audit_log ?? 0), eventRows: Number(rows.story_events ?? 0) }));
      break;
    }
    case 'audit.verify_failure': {
      const table = text(record(meta.broken).table);
      if (table) lines.push(t('brokenAt', { table: tAudit.has(`integrity.tables.${table}`) ? tAudit(`integrity.tables.${table}` as 'title') : table, id: text(record(meta.broken).id) ?? '—' }));
      break;
    }
    case 'audit.refused':
      if (meta.what === 'page' || meta.what === 'export' || meta.what === 'verify') lines.push(t(`refusedWhat_${meta.what}`));
      break;
    case 'audit.retention': {
      const chains = record(meta.chains);
      const deleted = (table: string) => Number(record(chains[table]).deleted ?? 0);
      lines.push(t('retention', { days: Number(meta.days ?? 0), auditRows: deleted('audit_log'), eventRows: deleted('story_events') }));
      break;
    }
    default:
      // An action this page does not know yet: its simple values, as recorded.
      if (!isKnownAuditAction(row.action)) {
        for (const [key, value] of Object.entries(meta)) {
          const shown = text(value) ?? (typeof value === 'boolean' ? String(value) : null);
          if (shown) lines.push(`${key}: ${shown}`);
        }
      }
  }

  if (!lines.length) return <span className="hidden text-ink-300 md:inline">—</span>;
  return (
    <ul className="space-y-0.5 text-xs leading-5 md:text-sm">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}
