import 'server-only';
import { and, asc, count, eq, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { siteColumns, stories, type SiteColumn } from '@/db/schema';
import { getDb, type Tx } from '@/db/client';
import { auditActor } from './actors';
import { recordAudit } from './audit';
import { AppError, fieldErrorsFrom, takenAsFieldError, validationError, type FieldErrors } from './errors';
import { announceStalePages, EVERYTHING } from './public-cache';
import { requirePermission, type Viewer } from './viewer';
import { typedText } from './text-input';

// 栏目 as the administrator manages them. The navigation is on every public
// page, so every change here drops every cached public page.

export type ColumnWithCounts = SiteColumn & { storyCount: number; publishedCount: number };

export type MoveDirection = 'up' | 'down';

// The database's own check (site_columns_slug_format), said again here so the
// user gets a field message rather than a refused insert.
export const COLUMN_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

const columnInput = z.object({
  name: typedText().trim().min(1, 'required').max(30, 'too_long'),
  // A slug is typed by hand; capitals are taken as meant in lower case.
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'required')
    .max(63, 'column_slug_too_long')
    .regex(COLUMN_SLUG_PATTERN, 'column_slug_format'),
  description: typedText().trim().max(200, 'too_long').default(''),
});

type ColumnInput = z.infer<typeof columnInput>;

function parseColumn(input: unknown): ColumnInput {
  const parsed = columnInput.safeParse(input);
  if (!parsed.success) throw validationError(fieldErrorsFrom(parsed.error));
  return parsed.data;
}

// Names and slugs are unique; said per field, both at once, before the
// database would refuse only the first.
async function assertFree(tx: Tx, data: ColumnInput, exceptId?: number): Promise<void> {
  const taken = await tx
    .select({ name: siteColumns.name, slug: siteColumns.slug })
    .from(siteColumns)
    .where(and(or(eq(siteColumns.name, data.name), eq(siteColumns.slug, data.slug)), exceptId === undefined ? undefined : ne(siteColumns.id, exceptId)));
  const errors: FieldErrors = {};
  if (taken.some((c) => c.name === data.name)) errors.name = 'column_name_taken';
  if (taken.some((c) => c.slug === data.slug)) errors.slug = 'column_slug_taken';
  if (Object.keys(errors).length > 0) throw validationError(errors);
}

// Two administrators saving the same name at once: the second meets the
// unique index; it gets the same field message as the check above.
const COLUMN_TAKEN = [
  { constraint: 'site_columns_slug_key', field: 'slug', key: 'column_slug_taken' },
  { field: 'name', key: 'column_name_taken' },
];

// Administrators: every column, hidden ones too, in navigation order, with
// how many stories (any state) and published stories each holds.
export async function listColumnsForAdmin(viewer: Viewer): Promise<ColumnWithCounts[]> {
  requirePermission(viewer, 'columns:manage');
  const db = await getDb();
  const rows = await db
    .select({
      column: siteColumns,
      storyCount: count(stories.id),
      publishedCount: sql<number>`count(${stories.id}) filter (where ${stories.status} = 'published')`.mapWith(Number),
    })
    .from(siteColumns)
    .leftJoin(stories, eq(stories.columnId, siteColumns.id))
    .groupBy(siteColumns.id)
    .orderBy(asc(siteColumns.sortOrder), asc(siteColumns.id));
  return rows.map((r) => ({ ...r.column, storyCount: r.storyCount, publishedCount: r.publishedCount }));
}

// Administrators: a new column goes to the end of the navigation, shown.
export async function createColumn(viewer: Viewer, input: unknown): Promise<SiteColumn> {
  requirePermission(viewer, 'columns:manage');
  const data = parseColumn(input);
  const db = await getDb();
  return takenAsFieldError(COLUMN_TAKEN, () =>
    db.transaction(async (tx) => {
      await assertFree(tx, data);
      const [last] = await tx.select({ n: sql<number>`coalesce(max(${siteColumns.sortOrder}), -1)`.mapWith(Number) }).from(siteColumns);
      const [column] = await tx
        .insert(siteColumns)
        .values({ ...data, sortOrder: (last?.n ?? -1) + 1 })
        .returning();
      await recordAudit(tx, { ...auditActor(viewer), action: 'column.create', targetType: 'column', targetId: column!.id, meta: { name: data.name, slug: data.slug } });
      await announceStalePages(tx, EVERYTHING);
      return column!;
    }),
  );
}

// Administrators: name, slug and description. A new slug moves the column's
// public address; its stories keep theirs (they are addressed by id).
export async function updateColumn(viewer: Viewer, id: number, input: unknown): Promise<SiteColumn> {
  requirePermission(viewer, 'columns:manage');
  const data = parseColumn(input);
  const db = await getDb();
  return takenAsFieldError(COLUMN_TAKEN, () =>
    db.transaction(async (tx) => {
      const [before] = await tx.select().from(siteColumns).where(eq(siteColumns.id, id)).for('update');
      if (!before) throw new AppError('not_found');
      if (before.name === data.name && before.slug === data.slug && before.description === data.description) return before;
      await assertFree(tx, data, id);
      const [column] = await tx
        .update(siteColumns)
        .set({ ...data, updatedAt: new Date() })
        .where(eq(siteColumns.id, id))
        .returning();
      await recordAudit(tx, {
        ...auditActor(viewer),
        action: 'column.update',
        targetType: 'column',
        targetId: id,
        meta: {
          from: { name: before.name, slug: before.slug, description: before.description },
          to: { name: data.name, slug: data.slug, description: data.description },
        },
      });
      await announceStalePages(tx, EVERYTHING);
      return column!;
    }),
  );
}

// Administrators: one place up or down the navigation. Hidden columns keep
// their place. The first column moved up (or the last down) stays put.
export async function moveColumn(viewer: Viewer, id: number, direction: MoveDirection): Promise<void> {
  requirePermission(viewer, 'columns:manage');
  if (direction !== 'up' && direction !== 'down') throw validationError({ form: 'invalid' });
  const db = await getDb();
  await db.transaction(async (tx) => {
    // Every row locked: two moves at once would otherwise each renumber from
    // an order the other is changing.
    const ordered = await tx
      .select({ id: siteColumns.id, name: siteColumns.name, sortOrder: siteColumns.sortOrder })
      .from(siteColumns)
      .orderBy(asc(siteColumns.sortOrder), asc(siteColumns.id))
      .for('update');
    const from = ordered.findIndex((c) => c.id === id);
    if (from < 0) throw new AppError('not_found');
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= ordered.length) return;
    const [moved] = ordered.splice(from, 1);
    ordered.splice(to, 0, moved!);
    // Renumbered 0, 1, 2…: equal sort orders (as a seed may leave) become distinct.
    for (const [index, column] of ordered.entries()) {
      if (column.sortOrder !== index) await tx.update(siteColumns).set({ sortOrder: index, updatedAt: new Date() }).where(eq(siteColumns.id, column.id));
    }
    await recordAudit(tx, { ...auditActor(viewer), action: 'column.reorder', targetType: 'column', targetId: id, meta: { name: moved!.name, direction, from, to } });
    await announceStalePages(tx, EVERYTHING);
  });
}

// Administrators: a hidden column leaves the public navigation and the
// correspondents' column picker; its stories stay readable at their address.
export async function setColumnHidden(viewer: Viewer, id: number, hidden: boolean): Promise<SiteColumn> {
  requirePermission(viewer, 'columns:manage');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(siteColumns).where(eq(siteColumns.id, id)).for('update');
    if (!before) throw new AppError('not_found');
    // Already so (a second click, another administrator): nothing to record.
    if (before.isActive === !hidden) return before;
    const [column] = await tx.update(siteColumns).set({ isActive: !hidden, updatedAt: new Date() }).where(eq(siteColumns.id, id)).returning();
    await recordAudit(tx, {
      ...auditActor(viewer),
      action: hidden ? 'column.hide' : 'column.show',
      targetType: 'column',
      targetId: id,
      meta: { name: before.name, slug: before.slug },
    });
    await announceStalePages(tx, EVERYTHING);
    return column!;
  });
}

// Administrators: only a column no story was ever filed under. One with
// stories (in any state) can only be hidden.
export async function deleteColumn(viewer: Viewer, id: number): Promise<void> {
  requirePermission(viewer, 'columns:manage');
  const db = await getDb();
  await db.transaction(async (tx) => {
    // Locked first: a story filed under it meanwhile waits for this
    // transaction (its foreign key check shares the row lock) and then fails.
    const [column] = await tx.select().from(siteColumns).where(eq(siteColumns.id, id)).for('update');
    if (!column) throw new AppError('not_found');
    const [used] = await tx.select({ n: count() }).from(stories).where(eq(stories.columnId, id));
    if ((used?.n ?? 0) > 0) throw new AppError('conflict', 'column has stories', { form: 'column_has_stories' });
    await tx.delete(siteColumns).where(eq(siteColumns.id, id));
    await recordAudit(tx, { ...auditActor(viewer), action: 'column.delete', targetType: 'column', targetId: id, meta: { name: column.name, slug: column.slug } });
    await announceStalePages(tx, EVERYTHING);
  });
}
