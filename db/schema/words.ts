import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// Word lists (lib/content-check): 禁用 blocks, 慎用 warns, corrections offer
// the right form, names require their exact title. Enabled per list.
export const wordListCategory = pgEnum('word_list_category', ['forbidden', 'caution', 'correction', 'name']);
export type WordListCategory = (typeof wordListCategory.enumValues)[number];

export const wordLists = pgTable(
  'word_lists',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    category: wordListCategory().notNull(),
    isEnabled: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('word_lists_name_key').on(t.name), check('word_lists_name_not_blank', sql`length(btrim(${t.name})) > 0`)],
);

// Tens of thousands per list: unique per list (a name once per title), paged
// and searched by word within its list.
export const wordEntries = pgTable(
  'word_entries',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    listId: integer()
      .notNull()
      .references(() => wordLists.id, { onDelete: 'cascade' }),
    word: text().notNull(),
    // A correction's right form.
    replacement: text().notNull().default(''),
    // A name's title and where it stands: right before (市长张三) or after (张三市长).
    title: text().notNull().default(''),
    titleBefore: boolean().notNull().default(true),
    validFrom: date({ mode: 'string' }),
    validTo: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('word_entries_list_word_key').on(t.listId, t.word, t.title),
    index('word_entries_list_id_idx').on(t.listId, t.id),
    check('word_entries_word_not_blank', sql`length(btrim(${t.word})) > 0`),
    check('word_entries_valid_range', sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} <= ${t.validTo}`),
  ],
);

// One row: bumped by every change to the lists, so each instance rebuilds its
// compiled matcher when the number it holds is behind.
export const wordListRevision = pgTable('word_list_revision', {
  id: integer().primaryKey(),
  revision: bigint({ mode: 'number' }).notNull().default(0),
});

export type WordList = typeof wordLists.$inferSelect;
export type WordEntry = typeof wordEntries.$inferSelect;
