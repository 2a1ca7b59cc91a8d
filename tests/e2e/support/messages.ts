import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The app's own message catalogs, so assertions read the text a user sees
// in either language without copying it into the tests.
function load(locale: 'zh-CN' | 'en') {
  const file = fileURLToPath(new URL(`../../../lib/i18n/messages/${locale}.json`, import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')) as Catalog;
}

type Catalog = {
  login: Record<'title' | 'username' | 'password' | 'submit' | 'invalid' | 'disabled' | 'account_locked' | 'backToSite' | 'code' | 'recoveryCode' | 'useRecoveryCode' | 'verify' | 'invalid_code', string>;
  twoFactor: Record<'title' | 'setUp' | 'confirm' | 'statusOn' | 'statusOff' | 'codesDone' | 'code' | 'qrAlt', string>;
  language: Record<'switchTo', string>;
  portal: { nav: Record<'desk' | 'review' | 'users' | 'units' | 'site' | 'audit' | 'security', string>; profile: string; password: string; logout: string; publicAddressMissing: string; twoFactor: string; sessions: string };
  account: Record<'passwordTitle' | 'mustChangeTitle' | 'currentPassword' | 'newPassword' | 'confirmPassword' | 'savePassword' | 'passwordSaved' | 'profileTitle' | 'saveProfile' | 'sessionsTitle' | 'sessionCurrent' | 'sessionsNone', string>;
  desk: Record<'title' | 'hasNote', string>;
  story: Record<
    | 'column'
    | 'savedAt'
    | 'unsaved'
    | 'submitConfirm'
    | 'withdrawConfirm'
    | 'deleteConfirm'
    | 'deleted'
    | 'importDone'
    | 'restore'
    | 'backToDesk'
    | 'conflictTitle'
    | 'returnedChangesTitle'
    | 'newStory'
    | 'editTitle'
    | 'offline'
    | 'keepMine'
    | 'takeTheirs'
    | 'changesTitle'
    | 'returnedNote'
    | 'rejectedReason'
    | 'publicLink'
    | 'conflictMine'
    | 'conflictTheirs'
    | 'save',
    string
  > & {
    events: Record<
      'create' | 'submit' | 'resubmit' | 'withdraw' | 'claim' | 'release' | 'take_over' | 'return' | 'reject' | 'publish' | 'schedule' | 'publish_due' | 'unpublish' | 'republish' | 'edit',
      string
    >;
    stageEvents: Record<'approve' | 'send_back' | 'return' | 'reject' | 'publish' | 'schedule', string>;
  };
  status: Record<'draft' | 'submitted' | 'in_review' | 'changes_requested' | 'rejected' | 'scheduled' | 'published' | 'unpublished', string>;
  editor: Record<'toolbar' | 'heading2' | 'bulletList' | 'insertImage' | 'addColumn' | 'dismissNotice' | 'uploadProgress', string>;
  review: Record<
    | 'title'
    | 'actions'
    | 'searchPlaceholder'
    | 'applyFilters'
    | 'heldBy'
    | 'unclaimed'
    | 'claimedByOther'
    | 'claimedOk'
    | 'returnedOk'
    | 'rejectedOk'
    | 'unpublishedOk'
    | 'publishedOk'
    | 'scheduledOk'
    | 'return'
    | 'reject'
    | 'unpublish'
    | 'republish'
    | 'publishAt'
    | 'publishLater'
    | 'confirmPublish'
    | 'confirmSchedule'
    | 'scheduledFor'
    | 'editTab'
    | 'previewTab'
    | 'compareTitle',
    string
  > & {
    tab: Record<ReviewTab, string>;
    lastNote: Record<'changes_requested' | 'rejected' | 'unpublished', string>;
    stages: Record<'approveTo' | 'waitingAt' | 'decisionsTitle' | 'sendBack', string> & { decision: Record<'approve' | 'send_back' | 'return' | 'reject' | 'sign_off', string> };
    noActions: Record<'changes_requested' | 'rejected' | 'other', string>;
  };
  textCheck: Record<'title' | 'empty' | 'replaceWith' | 'statusHits', string> & { fields: Record<'title' | 'body', string>; categories: Record<'forbidden' | 'correction', string> };
  comments: Record<'internal' | 'visible' | 'audienceDesk' | 'audienceOwner' | 'readByDesk' | 'readByOwner' | 'send' | 'sendInternal' | 'sendToOwner', string>;
  notifications: { kinds: Record<'story_returned' | 'story_rejected' | 'story_published' | 'story_unpublished' | 'story_scheduled' | 'comment_added', string> };
  roles: Record<'admin' | 'editor' | 'correspondent', string>;
  admin: {
    users: Record<
      | 'title'
      | 'createTitle'
      | 'username'
      | 'displayName'
      | 'role'
      | 'unit'
      | 'password'
      | 'create'
      | 'created'
      | 'mustChange'
      | 'disable'
      | 'disabled'
      | 'cancel'
      | 'resetPassword'
      | 'resetDone'
      | 'search'
      | 'searchLabel'
      | 'apply'
      | 'edit'
      | 'manageCreated'
      | 'twoFactorOn'
      | 'twoFactorOff'
      | 'save'
      | 'columnScope',
      string
    > & { duty: Record<'system' | 'security' | 'audit', string> };
    units: Record<'title', string>;
    settings: { security: Record<'profile' | 'profileOnNote', string> & { profileOptions: Record<'none' | 'dengbao3', string> } };
  };
  public: Record<
    | 'submit'
    | 'home'
    | 'searchButton'
    | 'editor'
    | 'reviewers'
    | 'signer'
    | 'latest'
    | 'time'
    | 'source'
    | 'author'
    | 'views'
    | 'prevArticle'
    | 'nextArticle'
    | 'updatedAt'
    | 'fontSize'
    | 'fontLarge'
    | 'fontMedium'
    | 'fontSmall'
    | 'share'
    | 'qrAlt'
    | 'copyLink'
    | 'print'
    | 'moreInColumn'
    | 'breadcrumb'
    | 'mainNav'
    | 'searchLabel'
    | 'searchNone',
    string
  >;
  pages: Record<'forbiddenTitle' | 'forbiddenBody' | 'notFoundTitle', string>;
  footer: Record<'phone', string>;
  security: Record<'title' | 'on' | 'off', string> & { areas: Record<'identity' | 'access' | 'audit' | 'integrity' | 'confidentiality' | 'privacy', string> };
  errors: Record<'claimed' | 'unavailable' | 'forbidden', string> & { databaseUnavailable: Record<'title' | 'body', string> } & { fields: Record<'password_too_short' | 'password_too_few_classes' | 'password_mismatch' | 'file_not_image' | 'body_too_short' | 'scoring_negative' | 'profile_blocked' | 'duties_separated' | 'quota_adopted_invalid', string> };
  stats: Record<'apply' | 'tabCorrespondents' | 'tabUnits' | 'totals' | 'unitName' | 'report' | 'reportCorrespondent', string> & {
    scoring: Record<'save' | 'saved', string>;
    stages: Record<'title' | 'sheet' | 'exportStage' | 'exportReviewer' | 'exportAllReviewers' | 'handled' | 'exportMedianHours', string>;
  };
  // Unit quotas (任务指标).
  quotas: Record<'manage' | 'save' | 'kind_month' | 'adopted', string>;
  listLayout: Record<'filters' | 'hideSidePanels' | 'showSidePanels', string>;
  // Review deadlines and assignment (review-deadlines.spec.ts).
  reviewDeadlines: {
    workflow: Record<'limit' | 'limitSummary', string>;
    badge: Record<'overdue' | 'due_soon' | 'dueAt', string>;
    assignment: Record<'toMe' | 'to' | 'filter' | 'colleague' | 'assign' | 'assigned', string>;
    panel: Record<'title' | 'assignee', string>;
  };
  // accessibility.spec.ts
  a11y: Record<'skipToContent', string>;
};

// The review queue's tabs, in the order the page shows them.
export const reviewTabs = ['queue', 'returned', 'scheduled', 'published', 'unpublished', 'rejected'] as const;
export type ReviewTab = (typeof reviewTabs)[number];

export const zh = load('zh-CN');
export const en = load('en');
export type Messages = Catalog;

// Catalog entries with {placeholders} filled in.
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

// A pattern matching a whole catalog entry; each {placeholder} matches the
// regular-expression source given for it, or anything.
export function pattern(template: string, values: Record<string, string> = {}): RegExp {
  const parts = template.split(/(\{\w+\})/);
  const source = parts
    .map((part) => {
      const key = /^\{(\w+)\}$/.exec(part)?.[1];
      if (key) return values[key] ?? '.+';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}
