import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { stageDecision } from './enums';
import { users } from './users';

// Review flows (三审): an ordered list of stages a story passes before it is
// published. A flow is edited by adding a version; a story keeps the version
// of its first submit (stories.flow_version_id), so editing a flow changes
// nothing in flight. lib/review-flows reads and validates the stages.
export const reviewFlows = pgTable(
  'review_flows',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    // The site's default, for columns without a flow of their own: exactly one.
    isDefault: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('review_flows_name_key').on(t.name),
    uniqueIndex('review_flows_one_default').on(t.isDefault).where(sql`${t.isDefault}`),
    check('review_flows_name_not_blank', sql`length(btrim(${t.name})) > 0`),
  ],
);

export type ReviewFlow = typeof reviewFlows.$inferSelect;

// One version of a flow's stages, never changed once written: the stages as
// lib/review-flows/stages.ts defines them (name, who may act, whether an
// opinion is required); the last is the sign-off (签发).
export const reviewFlowVersions = pgTable(
  'review_flow_versions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    flowId: integer()
      .notNull()
      .references(() => reviewFlows.id, { onDelete: 'restrict' }),
    number: integer().notNull(),
    stages: jsonb().notNull(),
    createdById: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('review_flow_versions_number_key').on(t.flowId, t.number),
    check('review_flow_versions_number_positive', sql`${t.number} > 0`),
    check('review_flow_versions_stages_array', sql`jsonb_typeof(${t.stages}) = 'array' and jsonb_array_length(${t.stages}) between 1 and 8`),
  ],
);

export type ReviewFlowVersion = typeof reviewFlowVersions.$inferSelect;

// Every stage decision, as the paper 审查单 records it: the stage, who, what,
// the opinion (审稿意见), when, and the story version and text it was taken
// on. Append-only (a trigger refuses changes); the story's timeline has the
// same decision without the opinion, chained (lib/audit-chain).
export const stageDecisions = pgTable(
  'stage_decisions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storyId: integer().notNull(),
    flowVersionId: integer()
      .notNull()
      .references(() => reviewFlowVersions.id),
    // 0-based position in the flow version's stages, and its name then.
    stage: smallint().notNull(),
    stageName: text().notNull(),
    decision: stageDecision().notNull(),
    opinion: text().notNull().default(''),
    actorId: integer()
      .notNull()
      .references(() => users.id),
    // 代录: a sign-off given by phone or on paper, recorded by the actor in
    // this person's name.
    recordedForName: text(),
    // The story version the decision was taken on, and a hash of the text
    // (title, subtitle, summary, body) then: a later edit shows as a change.
    storyVersion: integer().notNull(),
    textHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stage_decisions_story_idx').on(t.storyId, t.id),
    // Statistics per stage and reviewer over a period.
    index('stage_decisions_created_idx').on(t.createdAt, t.stage),
    check('stage_decisions_stage_range', sql`${t.stage} between 0 and 7`),
  ],
);

export type StageDecision = typeof stageDecisions.$inferSelect;
