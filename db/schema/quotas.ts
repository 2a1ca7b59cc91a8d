import { sql } from 'drizzle-orm';
import { check, date, integer, numeric, pgEnum, pgTable, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { units } from './units';
import { users } from './users';

// 任务指标: what a unit is expected to get adopted in a month, a quarter or a
// year (lib/quotas). A period is its first calendar day in the site's zone,
// so a change of zone moves the instants, never which month a target is for.
export const quotaPeriodKind = pgEnum('quota_period_kind', ['month', 'quarter', 'year']);
export type QuotaPeriodKind = (typeof quotaPeriodKind.enumValues)[number];

export const unitQuotas = pgTable(
  'unit_quotas',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    // A deleted unit takes its targets with it: they measured nobody else.
    unitId: integer()
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    periodKind: quotaPeriodKind().notNull(),
    periodStart: date({ mode: 'string' }).notNull(),
    // Either may be left out; a row sets at least one.
    adoptedTarget: integer(),
    pointsTarget: numeric({ precision: 12, scale: 2, mode: 'number' }),
    updatedById: integer().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One target per unit and period; /stats reads a period's rows for every unit.
    uniqueIndex('unit_quotas_period_unit_key').on(t.periodKind, t.periodStart, t.unitId),
    check('unit_quotas_some_target', sql`${t.adoptedTarget} is not null or ${t.pointsTarget} is not null`),
    check('unit_quotas_adopted_positive', sql`${t.adoptedTarget} is null or ${t.adoptedTarget} > 0`),
    check('unit_quotas_points_positive', sql`${t.pointsTarget} is null or ${t.pointsTarget} > 0`),
    // A period starts on its first day: the 1st of a month, of a quarter's
    // first month, of January.
    check(
      'unit_quotas_period_start',
      sql`extract(day from ${t.periodStart}) = 1 and case ${t.periodKind}
        when 'quarter' then extract(month from ${t.periodStart}) in (1, 4, 7, 10)
        when 'year' then extract(month from ${t.periodStart}) = 1
        else true end`,
    ),
  ],
);

export type UnitQuota = typeof unitQuotas.$inferSelect;
