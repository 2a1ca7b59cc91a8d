import { describe, expect, test } from 'vitest';
import { AUDIT_LOG_ACTIONS, STORY_EVENT_ACTIONS } from '@/lib/audit-actions';
import { auditActionGroups, auditActions, auditTrailHref, formatAuditCursor, groupOfAuditAction, parseAuditCursor, parseAuditFilters } from '@/lib/audit-trail';
import en from '@/lib/i18n/messages/en.json';
import zh from '@/lib/i18n/messages/zh-CN.json';

const SHANGHAI = 'Asia/Shanghai';

describe('parseAuditFilters', () => {
  test('no filters', () => {
    expect(parseAuditFilters({}, SHANGHAI)).toEqual({ filters: { values: {} }, issues: [] });
    expect(parseAuditFilters({ person: '  ', action: '', story: ' ', from: '', to: '' }, SHANGHAI)).toEqual({ filters: { values: {} }, issues: [] });
  });

  test('a person is matched without regard to case, and shown as typed', () => {
    const { filters } = parseAuditFilters({ person: ' FangYong ' }, SHANGHAI);
    expect(filters.person).toBe('fangyong');
    expect(filters.values.person).toBe('FangYong');
  });

  test.each(['has space', 'x'.repeat(65), 'tab\there'])('refuses the person %j', (person) => {
    const { filters, issues } = parseAuditFilters({ person }, SHANGHAI);
    expect(filters.person).toBeUndefined();
    expect(issues).toMatchObject([{ field: 'person', code: 'invalid' }]);
  });

  test('an action group, a known action, or an unknown one reported', () => {
    expect(parseAuditFilters({ action: 'login' }, SHANGHAI).filters.action).toEqual({ kind: 'group', group: 'login' });
    expect(parseAuditFilters({ action: 'story.publish' }, SHANGHAI).filters.action).toEqual({ kind: 'action', action: 'story.publish' });
    const unknown = parseAuditFilters({ action: 'drop table' }, SHANGHAI);
    expect(unknown.filters.action).toBeUndefined();
    expect(unknown.filters.values.action).toBeUndefined();
    expect(unknown.issues).toEqual([{ field: 'action', code: 'unknown', value: 'drop table' }]);
  });

  test('a story by id or receipt number', () => {
    expect(parseAuditFilters({ story: '42' }, SHANGHAI).filters.story).toEqual({ kind: 'id', id: 42 });
    expect(parseAuditFilters({ story: '2026-000123' }, SHANGHAI).filters.story).toEqual({ kind: 'receipt', receiptNo: '2026-000123' });
  });

  test.each(['0', '042', '2147483648', '2026-123', '2026-0001234', 'abc', '1e3'])('refuses the story %j', (story) => {
    const { filters, issues } = parseAuditFilters({ story }, SHANGHAI);
    expect(filters.story).toBeUndefined();
    expect(issues).toEqual([{ field: 'story', code: 'invalid', value: story }]);
  });

  test('dates are whole days in the site zone, the end day included', () => {
    const { filters, issues } = parseAuditFilters({ from: '2026-03-01', to: '2026-03-31' }, SHANGHAI);
    expect(issues).toEqual([]);
    expect(filters.fromAt?.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(filters.toBefore?.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    const ny = parseAuditFilters({ from: '2026-03-08', to: '2026-03-08' }, 'America/New_York').filters;
    // The day clocks spring forward has 23 hours.
    expect((ny.toBefore!.getTime() - ny.fromAt!.getTime()) / 3600_000).toBe(23);
  });

  test('one day, the end of a month and a year', () => {
    const { filters } = parseAuditFilters({ from: '2025-12-31', to: '2025-12-31' }, 'UTC');
    expect(filters.fromAt?.toISOString()).toBe('2025-12-31T00:00:00.000Z');
    expect(filters.toBefore?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  test.each(['2026-02-30', '2026-13-01', '26-03-01', '2026/03/01', 'today'])('refuses the date %j', (day) => {
    const { filters, issues } = parseAuditFilters({ from: day, to: day }, SHANGHAI);
    expect(filters.fromAt).toBeUndefined();
    expect(filters.toBefore).toBeUndefined();
    expect(issues).toEqual([
      { field: 'from', code: 'invalid', value: day },
      { field: 'to', code: 'invalid', value: day },
    ]);
  });

  test('a range that ends before it starts is reported and not applied', () => {
    const { filters, issues } = parseAuditFilters({ from: '2026-05-02', to: '2026-05-01' }, SHANGHAI);
    expect(filters.fromAt).toBeUndefined();
    expect(filters.toBefore).toBeUndefined();
    expect(issues).toEqual([{ field: 'to', code: 'reversed', value: '2026-05-01' }]);
  });
});

describe('audit cursors', () => {
  test('round-trip, to the microsecond', () => {
    const cursor = { at: '2026-03-01T08:09:10.123456Z', source: 's' as const, id: 77 };
    expect(parseAuditCursor(formatAuditCursor(cursor))).toEqual(cursor);
  });

  test.each([undefined, '', 'x', '2026-03-01T08:09:10.123Z_a1', '2026-03-01T08:09:10.123456Z_b1', '2026-03-01T08:09:10.123456Z_a0', '2026-03-01T08:09:10.123456Z_a9999999999', '2026-99-01T08:09:10.123456Z_a1'])(
    'refuses %j',
    (value) => {
      expect(parseAuditCursor(value)).toBeNull();
    },
  );
});

describe('audit actions', () => {
  test('each listed action belongs to its group', () => {
    for (const group of auditActionGroups) for (const action of auditActions[group]) expect(groupOfAuditAction(action)).toBe(group);
    expect(groupOfAuditAction('column.reorder')).toBe('site');
    expect(groupOfAuditAction('mail.sent')).toBe('other');
  });

  test('every registered action is offered by the filter, in the group its name says', () => {
    const offered = auditActionGroups.flatMap((group) => auditActions[group]);
    for (const action of Object.values(AUDIT_LOG_ACTIONS).flat()) expect(offered, action).toContain(action);
    for (const action of STORY_EVENT_ACTIONS) expect(offered, action).toContain(`story.${action}`);
    expect(groupOfAuditAction('scoring.update')).toBe('site');
    expect(auditActions.story).toContain('story.edit');
  });

  test('every action and group has a label in both languages', () => {
    for (const messages of [en, zh]) {
      const audit = (messages as unknown as { admin: { audit: { actions: Record<string, string>; groups: Record<string, string> } } }).admin.audit;
      for (const group of [...auditActionGroups, 'other']) expect(audit.groups[group], group).toBeTruthy();
      for (const group of auditActionGroups) for (const action of auditActions[group]) expect(audit.actions[action.replace('.', '_')], action).toBeTruthy();
    }
  });

  test('every reported filter problem has a message in both languages', () => {
    const problems = ['person_invalid', 'person_no_account', 'action_unknown', 'story_invalid', 'story_not_found', 'from_invalid', 'to_invalid', 'to_reversed', 'page_invalid'];
    for (const messages of [en, zh]) {
      const issues = (messages as unknown as { admin: { audit: { issues: Record<string, string> } } }).admin.audit.issues;
      expect(Object.keys(issues).sort()).toEqual([...problems].sort());
    }
  });
});

describe('auditTrailHref', () => {
  test('keeps the filters in effect and the page position', () => {
    expect(auditTrailHref({})).toBe('/admin/audit');
    expect(auditTrailHref({ person: 'li.si', action: 'login', story: '', from: '2026-03-01' }, { before: '2026-03-01T00:00:00.000000Z_a5' })).toBe(
      '/admin/audit?person=li.si&action=login&from=2026-03-01&before=2026-03-01T00%3A00%3A00.000000Z_a5',
    );
    expect(auditTrailHref({ to: '2026-03-02' }, { after: 'x' })).toBe('/admin/audit?to=2026-03-02&after=x');
  });
});
