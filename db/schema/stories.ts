import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex, boolean } from 'drizzle-orm/pg-core';
import { revisionKind, storyStatus } from './enums';
import { chainColumns } from './chain';
import { reviewFlowVersions } from './review-flows';
import { siteColumns } from './columns';
import { units } from './units';
import { users } from './users';

export const stories = pgTable(
  'stories',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    // 稿件编号, e.g. 2026-000123: given at first submit, never changed or reused.
    receiptNo: text(),
    status: storyStatus().notNull().default('draft'),
    // Optimistic concurrency: every write checks and bumps it.
    version: integer().notNull().default(1),
    ownerId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    // The owner's unit when the story was filed, so statistics survive a move.
    unitId: integer().references(() => units.id, { onDelete: 'restrict' }),
    columnId: integer().references(() => siteColumns.id, { onDelete: 'restrict' }),
    title: text().notNull().default(''),
    subtitle: text().notNull().default(''),
    summary: text().notNull().default(''),
    byline: text().notNull().default(''),
    source: text().notNull().default(''),
    bodyHtml: text().notNull().default(''),
    bodyText: text().notNull().default(''),
    coverMediaId: integer(),
    assigneeId: integer().references(() => users.id, { onDelete: 'set null' }),
    claimedAt: timestamp({ withTimezone: true }),
    firstSubmittedAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    // Latest note to the correspondent (return) or reason (reject/unpublish);
    // the full history is in story_events.
    lastNote: text(),
    publishAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    firstPublishedAt: timestamp({ withTimezone: true }),
    publishedById: integer().references(() => users.id, { onDelete: 'set null' }),
    // 编辑 as shown on the public page.
    editorName: text().notNull().default(''),
    // The other names a flow gives the public meta line, fixed at the
    // sign-off (lib/review-flows/position.ts): 审核, the approvers after the
    // responsible editor, joined by 、; 签发, the signer (or the leader an
    // editor recorded the sign-off for). Which of them the page shows is the
    // review settings' choice.
    reviewerNames: text().notNull().default(''),
    signerName: text().notNull().default(''),
    // Optional public address chosen by the editor (/articles/<publicId>);
    // never all digits, so it cannot shadow a numeric id.
    publicId: text(),
    contentUpdatedAt: timestamp({ withTimezone: true }),
    // 到期撤下: a published (or scheduled) story leaves the site at this time,
    // by the unpublish-due job (lib/stories/scheduler.ts).
    unpublishAt: timestamp({ withTimezone: true }),
    // 头条: the editor chose it for the top of the home page; the newest such
    // story leads there, and adoption statistics give it a bonus.
    isHeadline: boolean().notNull().default(false),
    viewCount: bigint({ mode: 'number' }).notNull().default(0),
    // Review in stages (lib/review-flows): the flow version of the first
    // submit, kept for the story's life; the 0-based stage it waits at
    // (submitted) or is claimed at (in_review), or was returned from
    // (changes_requested, with who returned it, so a resubmit goes back there).
    flowVersionId: integer().references(() => reviewFlowVersions.id, { onDelete: 'restrict' }),
    stage: smallint(),
    returnedById: integer().references(() => users.id, { onDelete: 'set null' }),
    // 保密审查 at submit: the correspondent confirmed the story carries no
    // state or work secret and no personal privacy (涉密不上网), and named the
    // unit leader who approved it (审核领导). An editor may record a leader's
    // approval given by phone or on paper (代录): then recorded_by and a note.
    secrecyConfirmedAt: timestamp({ withTimezone: true }),
    unitLeaderName: text().notNull().default(''),
    unitLeaderRecordedById: integer().references(() => users.id, { onDelete: 'set null' }),
    unitLeaderNote: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('stories_receipt_no_key').on(t.receiptNo),
    uniqueIndex('stories_public_id_key').on(t.publicId),
    // Descending keys say NULLS FIRST, PostgreSQL's own default for ORDER BY
    // … DESC, so a plain desc() query walks the index instead of sorting
    // (drizzle's .desc() alone writes NULLS LAST). Same in every schema file.
    index('stories_owner_idx').on(t.ownerId, t.updatedAt.desc().nullsFirst()),
    // The review queue: by status, oldest submission first.
    index('stories_queue_idx').on(t.status, t.submittedAt, t.id),
    // The review desk's default list (both queue states, oldest first) as one
    // ordered index, so its first page never sorts the whole queue.
    index('stories_review_queue_idx')
      .on(t.submittedAt, t.id)
      .where(sql`${t.status} in ('submitted', 'in_review')`),
    index('stories_assignee_idx').on(t.assigneeId, t.status),
    // The review queue's tab per stage: waiting or claimed at a flow's stage.
    index('stories_stage_queue_idx')
      .on(t.flowVersionId, t.stage, t.submittedAt, t.id)
      .where(sql`${t.status} in ('submitted', 'in_review')`),
    // The review desk's other tabs (returned, rejected, unpublished), newest change first.
    index('stories_status_updated_idx').on(t.status, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // Public listings per column and site-wide, newest first.
    index('stories_public_column_idx')
      .on(t.columnId, t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} = 'published'`),
    index('stories_public_latest_idx')
      .on(t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} = 'published'`),
    index('stories_scheduled_idx').on(t.publishAt).where(sql`${t.status} = 'scheduled'`),
    index('stories_expiring_idx').on(t.unpublishAt).where(sql`${t.status} = 'published' and ${t.unpublishAt} is not null`),
    // The home page's 头条.
    index('stories_public_headline_idx')
      .on(t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} = 'published' and ${t.isHeadline}`),
    // Statistics by date range (lib/stats.ts): filed and adopted per period.
    index('stories_first_submitted_idx').on(t.firstSubmittedAt).where(sql`${t.firstSubmittedAt} is not null`),
    index('stories_first_published_idx').on(t.firstPublishedAt).where(sql`${t.firstPublishedAt} is not null`),
    check('stories_version_positive', sql`${t.version} > 0`),
    check('stories_view_count_nonnegative', sql`${t.viewCount} >= 0`),
    check('stories_public_id_format', sql`${t.publicId} is null or (${t.publicId} ~ '^[a-z0-9][a-z0-9-]{2,63}$' and ${t.publicId} !~ '^[0-9]+$')`),
    check('stories_receipt_no_format', sql`${t.receiptNo} is null or ${t.receiptNo} ~ '^[0-9]{4}-[0-9]{6,}$'`),
    check('stories_receipt_after_submit', sql`${t.status} = 'draft' or ${t.receiptNo} is not null`),
    check('stories_title_length', sql`char_length(${t.title}) <= 200`),
    check('stories_scheduled_has_time', sql`${t.status} <> 'scheduled' or ${t.publishAt} is not null`),
    check('stories_published_has_time', sql`${t.status} <> 'published' or ${t.publishedAt} is not null`),
    check('stories_in_review_has_assignee', sql`${t.status} <> 'in_review' or ${t.assigneeId} is not null`),
    check('stories_queue_has_stage', sql`${t.status} not in ('submitted', 'in_review') or (${t.flowVersionId} is not null and ${t.stage} is not null)`),
  ],
);

export type Story = typeof stories.$inferSelect;
export type NewStory = typeof stories.$inferInsert;

// The public search's copy of each published story's words (lib/search-index
// keeps it, lib/search reads it). Its own table, so the GIN indexes change only
// when what readers see changes: a view count folded into stories, or any
// other write to a story row, would otherwise re-index the whole story.
export const storySearch = pgTable(
  'story_search',
  {
    storyId: integer()
      .primaryKey()
      .references(() => stories.id, { onDelete: 'cascade' }),
    // stories.version when copied: the start-up backfill re-copies a story
    // whose version moved on without it.
    storyVersion: integer().notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    // Where readers saw it: when the story changes, the page cache needs the
    // column it was in as well as the one it is in now (lib/public-cache.ts).
    columnId: integer(),
    title: text().notNull(),
    bodyText: text().notNull(),
  },
  (t) => [
    // public_search_text is defined in migration 0004_public_search; queries
    // must repeat these expressions exactly to use the indexes.
    index('story_search_words_idx').using('gin', sql`to_tsvector('simple', public_search_text(${t.title} || ' ' || ${t.bodyText}))`),
    // Title matches rank first.
    index('story_search_title_idx').using('gin', sql`to_tsvector('simple', public_search_text(${t.title}))`),
  ],
);

// One row per year; incremented inside the submit transaction, so numbers are
// gap-tolerant but never reused, even under concurrent submits.
export const receiptCounters = pgTable(
  'receipt_counters',
  {
    year: integer().primaryKey(),
    lastValue: integer().notNull().default(0),
  },
  (t) => [check('receipt_counters_nonnegative', sql`${t.lastValue} >= 0`)],
);

export const storyRevisions = pgTable(
  'story_revisions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    // The story version this revision captured.
    storyVersion: integer().notNull(),
    kind: revisionKind().notNull(),
    authorId: integer().references(() => users.id, { onDelete: 'set null' }),
    title: text().notNull(),
    subtitle: text().notNull().default(''),
    summary: text().notNull().default(''),
    bodyHtml: text().notNull(),
    bodyText: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('story_revisions_story_idx').on(t.storyId, t.createdAt.desc().nullsFirst())],
);

export type StoryRevision = typeof storyRevisions.$inferSelect;

// The pending revision of a published story (docs/live-articles.md): the
// editor's working copy while readers keep the published one, which stays in
// stories. At most one per story; publishing the update copies it into
// stories and deletes it, discarding deletes it. stories.version stays the
// one concurrency token: every save of this row bumps it.
export const storyPending = pgTable('story_pending', {
  storyId: integer()
    .primaryKey()
    .references(() => stories.id, { onDelete: 'cascade' }),
  title: text().notNull(),
  subtitle: text().notNull().default(''),
  summary: text().notNull().default(''),
  byline: text().notNull().default(''),
  source: text().notNull().default(''),
  columnId: integer().references(() => siteColumns.id, { onDelete: 'restrict' }),
  coverMediaId: integer(),
  bodyHtml: text().notNull(),
  bodyText: text().notNull(),
  // Who started it and who saved it last.
  createdById: integer().references(() => users.id, { onDelete: 'set null' }),
  updatedById: integer().references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type StoryPending = typeof storyPending.$inferSelect;

// 更正说明: a note to readers published with an update of a live story, shown
// at the end of the article and (when the site lists them) on /corrections.
export const storyCorrections = pgTable(
  'story_corrections',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    note: text().notNull(),
    actorId: integer().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('story_corrections_story_idx').on(t.storyId, t.createdAt),
    index('story_corrections_created_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    check('story_corrections_note_not_blank', sql`length(btrim(${t.note})) > 0`),
  ],
);

export type StoryCorrection = typeof storyCorrections.$inferSelect;

// The story's timeline: one row per transition or notable act. Append-only
// and chained like audit_log (lib/audit-chain), so it outlives a deleted
// draft: story_id is not a foreign key, and its actors are never deleted.
export const storyEvents = pgTable(
  'story_events',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storyId: integer().notNull(),
    actorId: integer().references(() => users.id),
    action: text().notNull(),
    fromStatus: storyStatus(),
    toStatus: storyStatus(),
    note: text(),
    meta: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ...chainColumns(),
  },
  (t) => [
    index('story_events_story_idx').on(t.storyId, t.createdAt),
    // Statistics count returns and rejections by when they happened.
    index('story_events_action_idx').on(t.action, t.createdAt),
    // The audit trail (lib/audit.ts): newest first, and by person.
    index('story_events_created_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('story_events_actor_idx').on(t.actorId, t.createdAt.desc().nullsFirst()),
  ],
);

export type StoryEvent = typeof storyEvents.$inferSelect;

export const comments = pgTable(
  'comments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    authorId: integer().references(() => users.id, { onDelete: 'set null' }),
    body: text().notNull(),
    // Internal comments are for editors only; the correspondent never sees them.
    isInternal: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('comments_story_idx').on(t.storyId, t.createdAt),
    check('comments_body_not_blank', sql`length(btrim(${t.body})) > 0`),
  ],
);

export type Comment = typeof comments.$inferSelect;

// Exact read counts without a hot row: readers add to one of a few slots that
// a job folds into stories.view_count.
export const storyViewSlots = pgTable(
  'story_view_slots',
  {
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    slot: integer().notNull(),
    views: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.slot] })],
);

// Near-duplicate detection (查重): a MinHash signature of each filed story's
// text, cut into bands. Stories sharing a band hash are candidates; the exact
// similarity is then measured on their text (lib/duplicates).
export const storyFingerprints = pgTable(
  'story_fingerprints',
  {
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    band: integer().notNull(),
    hash: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.band] }), index('story_fingerprints_band_idx').on(t.band, t.hash)],
);

// The review queue's 查重 marker (lib/duplicates): each filed story's closest
// other story when its fingerprint was last written, or none (both null)
// when nothing reached the threshold. A story that an older one resembles is
// marked through the older one's row as well, so no row of another story is
// ever written from this one's transaction.
export const storyClosestMatches = pgTable(
  'story_closest_matches',
  {
    storyId: integer()
      .primaryKey()
      .references(() => stories.id, { onDelete: 'cascade' }),
    // No foreign key: checking one would lock the matched story's row, and
    // two similar stories saved at once would each wait for the other. A
    // match since deleted joins to nothing (no marker) until the story is
    // measured again (lib/duplicates.ts).
    matchId: integer(),
    similarity: real(),
    checkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('story_closest_matches_match_idx').on(t.matchId),
    check('story_closest_matches_pair', sql`(${t.matchId} is null) = (${t.similarity} is null)`),
    check('story_closest_matches_similarity_range', sql`${t.similarity} is null or (${t.similarity} > 0 and ${t.similarity} <= 1)`),
  ],
);

// Correspondents who share a story's byline with its owner (合作通讯员), set
// by the publishing editor. The owner is not listed: a story's credits are
// its owner plus these rows, and its points are split equally among them.
// unit_id is the correspondent's unit when credited, as stories.unit_id is
// the owner's when filed, so statistics survive a move between units.
export const storyCredits = pgTable(
  'story_credits',
  {
    storyId: integer()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    unitId: integer().references(() => units.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.userId] }), index('story_credits_user_idx').on(t.userId)],
);

export type StoryCredit = typeof storyCredits.$inferSelect;
