import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { stories } from './stories';
import { users } from './users';

export type MediaVariant = { name: string; key: string; width: number; height: number; bytes: number };

// An uploaded image: re-encoded, stripped of metadata, owned by its uploader.
export const media = pgTable(
  'media',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    ownerId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    storyId: integer().references(() => stories.id, { onDelete: 'set null' }),
    storageKey: text().notNull(),
    mimeType: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    bytes: integer().notNull(),
    originalName: text().notNull().default(''),
    variants: jsonb().$type<MediaVariant[]>().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('media_storage_key_key').on(t.storageKey),
    index('media_owner_idx').on(t.ownerId, t.createdAt.desc().nullsFirst()),
    index('media_story_idx').on(t.storyId),
    check('media_mime_allowed', sql`${t.mimeType} in ('image/jpeg', 'image/png', 'image/webp', 'image/gif')`),
    check('media_dimensions_positive', sql`${t.width} > 0 and ${t.height} > 0 and ${t.bytes} > 0`),
  ],
);

export type Media = typeof media.$inferSelect;
