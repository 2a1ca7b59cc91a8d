import { pgEnum } from 'drizzle-orm/pg-core';

// unit_approver (单位审核员): belongs to a unit and approves its stories at a
// flow's unit stage (单位审核); sees no other unit's stories.
export const userRole = pgEnum('user_role', ['correspondent', 'editor', 'admin', 'unit_approver']);
export type UserRole = (typeof userRole.enumValues)[number];

// An administrator's duties (三员分立): system administration (accounts,
// units, columns, site settings, the desk), security administration (the
// security policy, second factors, unlocks) and audit (the audit trail).
// lib/authz.ts gives each its permissions.
export const adminDuty = pgEnum('admin_duty', ['system', 'security', 'audit']);
export type AdminDuty = (typeof adminDuty.enumValues)[number];

// The story's states, as in DESIGN.md; transitions live in lib/workflow.ts.
export const storyStatus = pgEnum('story_status', [
  'draft',
  'submitted',
  'in_review',
  'changes_requested',
  'rejected',
  'scheduled',
  'published',
  'unpublished',
]);
export type StoryStatus = (typeof storyStatus.enumValues)[number];

// 'restore': an earlier revision brought back into the editor (lib/stories/live.ts).
export const revisionKind = pgEnum('revision_kind', ['autosave', 'submit', 'editor_save', 'publish', 'import', 'restore']);
export type RevisionKind = (typeof revisionKind.enumValues)[number];

// 'unlock': a security administrator lifted a lockout (lib/auth/throttle.ts).
export const loginResult = pgEnum('login_result', ['success', 'failure', 'lockout', 'refused', 'unlock']);
export type LoginResult = (typeof loginResult.enumValues)[number];

// What a reviewer decided at a stage (lib/review-flows): approve sends the
// story to the next stage, send_back to the previous one, return to the
// correspondent; sign_off is the last stage's approval (publish or schedule).
export const stageDecision = pgEnum('stage_decision', ['approve', 'send_back', 'return', 'reject', 'sign_off']);
export type StageDecisionKind = (typeof stageDecision.enumValues)[number];
