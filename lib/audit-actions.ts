// Pure: every action the audit trail can hold, as data. recordAudit and
// recordEvent take only these (and refuse anything else at run time too), the
// trail's filter offers them by group, and each has a label in both message
// catalogs (tests/unit/audit-filters.test.ts). A new action is one entry here
// and one label per catalog.

// story_events.action: a story's timeline. The trail shows them as `story.<action>`.
export const STORY_EVENT_ACTIONS = [
  'create',
  'edit',
  'submit',
  'resubmit',
  'withdraw',
  'claim',
  'release',
  'take_over',
  'return',
  'reject',
  'publish',
  'republish',
  'schedule',
  'publish_due',
  'unpublish',
] as const;
export type StoryEventAction = (typeof STORY_EVENT_ACTIONS)[number];

// audit_log.action, by the trail's groups. `story.take_over` is also written
// here (who took a story from whom, for the security side); the trail shows
// it once, from the story's timeline.
export const AUDIT_LOG_ACTIONS = {
  login: ['login.success', 'login.failure', 'login.lockout', 'login.refused', 'login.second_factor_failure', 'login.recovery_code_use'],
  account: [
    'user.create',
    'user.update',
    'user.role_change',
    'user.duties_change',
    'user.disable',
    'user.enable',
    'user.reset_password',
    'user.change_own_password',
    'user.update_profile',
    'user.sign_out_everywhere',
    'session.sign_out',
    'two_factor.enable',
    'two_factor.disable',
    'two_factor.recovery_codes_regenerate',
    'two_factor.admin_reset',
    'user.password_expired',
    'user.dormant_disable',
    'user.unlock',
  ],
  story: ['story.take_over'],
  site: ['unit.create', 'unit.update', 'unit.delete', 'column.create', 'column.update', 'column.reorder', 'column.hide', 'column.show', 'column.delete', 'settings.update', 'scoring.update'],
} as const;
export type AuditLogAction = (typeof AUDIT_LOG_ACTIONS)[keyof typeof AUDIT_LOG_ACTIONS][number];

const auditLogActions: ReadonlySet<string> = new Set(Object.values(AUDIT_LOG_ACTIONS).flat());
const storyEventActions: ReadonlySet<string> = new Set(STORY_EVENT_ACTIONS);

export function isAuditLogAction(action: string): action is AuditLogAction {
  return auditLogActions.has(action);
}

export function isStoryEventAction(action: string): action is StoryEventAction {
  return storyEventActions.has(action);
}
