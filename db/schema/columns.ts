import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { reviewFlows } from './review-flows';

// 栏目: a section of the public site. Named site_columns because "columns" is
// a reserved word in SQL.
export const siteColumns = pgTable(
  'site_columns',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    slug: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    sortOrder: integer().notNull().default(0),
    isActive: boolean().notNull().default(true),
    // The review flow its stories follow (review_flows); null: the site's default.
    reviewFlowId: integer().references(() => reviewFlows.id, { onDelete: 'restrict' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('site_columns_slug_key').on(t.slug),
    uniqueIndex('site_columns_name_key').on(t.name),
    check('site_columns_slug_format', sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{0,62}$'`),
  ],
);

export type SiteColumn = typeof siteColumns.$inferSelect;
export type NewSiteColumn = typeof siteColumns.$inferInsert;
