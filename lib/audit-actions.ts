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
  // Stage decisions of a review flow (lib/review-flows); the opinion is kept
  // in stage_decisions, not on the timeline the correspondent sees.
  'approve',
  'send_back',
  'restart_flow',
  'return',
  'reject',
  'publish',
  'republish',
  'schedule',
  'publish_due',
  'unpublish',
  // A signer published despite forbidden words (lib/content-check), with a
  // reason and the words in meta; also on the review sheet.
  'word_override',
  // A never-submitted draft deleted by its owner: its timeline stays.
  'delete',
  // 代录: an editor recorded the unit leader's approval given by phone or on
  // paper. The editor's note is in meta, off the correspondent's timeline.
  'leader_approval_recorded',
  // A live story (docs/live-articles.md): its pending revision published (with
  // a correction note, or minor) or discarded, an earlier revision restored
  // into the editor, its expiry set, and the expiry job taking it down.
  'publish_update',
  'discard_pending',
  'restore',
  'set_expiry',
  'unpublish_due',
  // 指派 at a stage (lib/stories/assignment.ts): assigned or reassigned (the
  // one before in meta), unassigned, and ended by the story leaving the
  // stage. The desk's own: the correspondent's timeline leaves them out.
  'assign',
  'unassign',
  'assignment_end',
] as const;
export type StoryEventAction = (typeof STORY_EVENT_ACTIONS)[number];

// audit_log.action, by the trail's groups. `story.take_over` is also written
// here (who took a story from whom, for the security side); the trail shows
// it once, from the story's timeline.
export const AUDIT_LOG_ACTIONS = {
  login: ['login.success', 'login.failure', 'login.lockout', 'login.refused', 'login.second_factor_failure', 'login.recovery_code_use', 'login.sign_out'],
  account: [
    'user.create',
    'user.update',
    'user.role_change',
    'user.duties_change',
    'user.disable',
    'user.enable',
    'user.reset_password',
    'user.change_own_password',
    'user.change_own_password_failure',
    'user.update_profile',
    'user.sign_out_everywhere',
    'session.sign_out',
    'two_factor.enable',
    'two_factor.enable_failure',
    'two_factor.disable',
    'two_factor.recovery_codes_regenerate',
    'two_factor.admin_reset',
    'personal_data.reveal',
    'user.password_expired',
    'user.dormant_disable',
    'user.unlock',
  ],
  story: ['story.take_over'],
  site: [
    'unit.create', 'unit.update', 'unit.delete', 'column.create', 'column.update', 'column.reorder', 'column.hide', 'column.show', 'column.delete', 'settings.update', 'scoring.update', 'keys.rotate',
    // Review flows (/admin/workflows) and which column follows which.
    'flow.create', 'flow.update', 'flow.default', 'flow.delete', 'column.flow',
    // Word lists (/admin/words, lib/content-check).
    'words.list_create', 'words.list_update', 'words.list_enable', 'words.list_disable', 'words.list_delete',
    'words.entry_add', 'words.entry_update', 'words.entry_delete', 'words.import', 'words.export',
    // Unit quotas (任务指标, lib/quotas): a unit's targets for a period set,
    // copied from the previous period, or removed.
    'quota.set', 'quota.copy', 'quota.remove',
  ],
  // The trail itself and what leaves the site: reading, verifying and
  // exporting it (and refusals to), the retention job, statistics exports.
  audit: ['audit.read', 'audit.export', 'audit.verify', 'audit.verify_failure', 'audit.refused', 'audit.retention', 'stats.export', 'review.sheet_export'],
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

// The outcome each recorded event stands for: an action is a failure when it
// records something refused or gone wrong; everything else recorded
// succeeded (a story event is a transition that happened). A new action whose
// name says it failed belongs here (tests/unit/audit-chain.test.ts checks).
const failureActions: ReadonlySet<string> = new Set<AuditLogAction>([
  'login.failure',
  'login.lockout',
  'login.refused',
  'login.second_factor_failure',
  'user.change_own_password_failure',
  'two_factor.enable_failure',
  'audit.verify_failure',
  'audit.refused',
]);

export type AuditOutcome = 'success' | 'failure';

export function auditOutcomeOf(action: string): AuditOutcome {
  return failureActions.has(action) ? 'failure' : 'success';
}

// The security events (GB/T 22239-2019 8.1.4.3 安全审计) and the actions that
// record each, successes and failures. tests/integration/security-events.test.ts
// performs every one and checks its row names the account, the address, the
// event and its outcome; docs/security-audit.md lists them for an assessor.
export const SECURITY_EVENTS = {
  sign_in: ['login.success', 'login.failure', 'login.refused', 'login.second_factor_failure', 'login.recovery_code_use'],
  sign_out: ['login.sign_out', 'session.sign_out', 'user.sign_out_everywhere'],
  lockout: ['login.lockout'],
  password_change: ['user.change_own_password', 'user.change_own_password_failure', 'user.reset_password'],
  second_factor: ['two_factor.enable', 'two_factor.enable_failure', 'two_factor.disable', 'two_factor.recovery_codes_regenerate', 'two_factor.admin_reset'],
  permission_change: ['user.create', 'user.role_change', 'user.duties_change', 'user.disable', 'user.enable'],
  policy_change: ['settings.update'],
  audit_access: ['audit.read', 'audit.verify', 'audit.verify_failure', 'audit.refused', 'audit.retention'],
  export: ['audit.export', 'stats.export', 'review.sheet_export'],
} as const satisfies Record<string, readonly AuditLogAction[]>;

export type SecurityEvent = keyof typeof SECURITY_EVENTS;
