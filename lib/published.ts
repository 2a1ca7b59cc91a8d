import { eq, sql, type SQL } from 'drizzle-orm';
import { stories, type StoryStatus } from '@/db/schema';

// What readers may see, defined once: a story whose status is published. Every
// public read (pages, feeds, sitemaps, search and its copy, read counts,
// media, the cache's neighbours) filters with one of these, so the rule can
// later point at a published snapshot instead of the working copy in one place.

// For drizzle's query builder, on the `stories` table.
export const isPublished: SQL = eq(stories.status, 'published');

// For hand-written SQL, on the alias the query gives `stories` (e.g. 's').
export function isPublishedRow(alias: string): SQL {
  return sql`${sql.identifier(alias)}.status = 'published'`;
}

// For a status already read (a medium's story, say).
export function isPublishedStatus(status: StoryStatus | null | undefined): boolean {
  return status === 'published';
}
