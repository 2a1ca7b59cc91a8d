import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getDb, listenDb } from '@/db/client';
import { auditLog, siteColumns, stories } from '@/db/schema';
import { createColumn, deleteColumn, listColumnsForAdmin, moveColumn, setColumnHidden, updateColumn } from '@/lib/columns';
import { claimStory, listActiveColumns, publishStory } from '@/lib/stories';
import { PUBLIC_CHANGE_CHANNEL, parseStalePages, type StalePages } from '@/lib/public-cache';
import { getPublishedArticle, listNavColumns } from '@/lib/public-stories';
import {
  createAdmin,
  createColumn as makeColumn,
  createCorrespondent,
  createEditor,
  createSubmittedStory,
  expectAppError,
  uniqueToken,
  type TestUser,
} from '../support/factories';

// Columns as the administrator manages them: through lib/ on PostgreSQL.

let admin: TestUser;
let heard: StalePages[] = [];
let unlisten: () => Promise<void>;

beforeAll(async () => {
  admin = await createAdmin();
  unlisten = await listenDb(PUBLIC_CHANGE_CHANNEL, (payload) => heard.push(parseStalePages(JSON.parse(payload))));
});

afterAll(async () => {
  await unlisten();
});

function newInput(overrides: Partial<{ name: string; slug: string; description: string }> = {}) {
  const token = uniqueToken().toLowerCase();
  return { name: `法治要闻-${token}`, slug: `fzyw-${token}`, description: '', ...overrides };
}

async function auditOf(action: string, id: number) {
  const db = await getDb();
  return db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(id))));
}

// The public pages must hear that everything went stale.
async function expectEverythingAnnounced(): Promise<void> {
  for (let waited = 0; waited < 5000; waited += 50) {
    if (heard.some((h) => h.everything)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no "everything" announcement; heard ${JSON.stringify(heard)}`);
}

async function publishedStoryIn(columnId: number) {
  const editor = await createEditor();
  const { story } = await createSubmittedStory({ columnId });
  const claimed = await claimStory(editor.viewer, story.id);
  return publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: '通讯员 张三' });
}

describe('columns', () => {
  test('an administrator creates a column at the end of the navigation; trimmed, slug in lower case, audited, pages announced', async () => {
    const input = newInput({ description: '  全市法治动态 ' });
    const before = await listColumnsForAdmin(admin.viewer);
    heard = [];
    const column = await createColumn(admin.viewer, { ...input, name: `  ${input.name} `, slug: input.slug.toUpperCase() });
    expect(column).toMatchObject({ name: input.name, slug: input.slug, description: '全市法治动态', isActive: true });
    expect(column.sortOrder).toBeGreaterThanOrEqual(Math.max(-1, ...before.map((c) => c.sortOrder)) + 1);
    const listed = await listColumnsForAdmin(admin.viewer);
    expect(listed.at(-1)).toMatchObject({ id: column.id, storyCount: 0, publishedCount: 0 });
    const [audit] = await auditOf('column.create', column.id);
    expect(audit).toMatchObject({ actorId: admin.id, targetType: 'column', meta: { name: input.name, slug: input.slug } });
    await expectEverythingAnnounced();
    expect((await listNavColumns()).map((c) => c.id)).toContain(column.id);
  });

  test('refuses a blank name, a slug the public address cannot carry, and overlong values, per field', async () => {
    await expectAppError(createColumn(admin.viewer, newInput({ name: '   ' })), 'validation', { name: 'required' });
    await expectAppError(createColumn(admin.viewer, newInput({ slug: '' })), 'validation', { slug: 'required' });
    for (const slug of ['法治要闻', 'fa zhi', '-fzyw', 'fz_yw', 'fzyw/1', 'fzyw.']) {
      await expectAppError(createColumn(admin.viewer, newInput({ slug })), 'validation', { slug: 'column_slug_format' });
    }
    await expectAppError(createColumn(admin.viewer, newInput({ slug: `a${'b'.repeat(63)}` })), 'validation', { slug: 'column_slug_too_long' });
    await expectAppError(createColumn(admin.viewer, newInput({ name: '长'.repeat(31) })), 'validation', { name: 'too_long' });
    await expectAppError(createColumn(admin.viewer, newInput({ description: 'x'.repeat(201) })), 'validation', { description: 'too_long' });
    await expectAppError(createColumn(admin.viewer, { name: '', slug: 'Bad Slug' }), 'validation', { name: 'required', slug: 'column_slug_format' });
  });

  test('refuses a name or slug another column has, with a field message for each', async () => {
    const existing = await createColumn(admin.viewer, newInput());
    await expectAppError(createColumn(admin.viewer, newInput({ name: existing.name })), 'validation', { name: 'column_name_taken' });
    await expectAppError(createColumn(admin.viewer, newInput({ slug: existing.slug })), 'validation', { slug: 'column_slug_taken' });
    await expectAppError(createColumn(admin.viewer, { name: existing.name, slug: existing.slug }), 'validation', {
      name: 'column_name_taken',
      slug: 'column_slug_taken',
    });
    const other = await createColumn(admin.viewer, newInput());
    await expectAppError(updateColumn(admin.viewer, other.id, { name: existing.name, slug: other.slug }), 'validation', { name: 'column_name_taken' });
    await expectAppError(updateColumn(admin.viewer, other.id, { name: other.name, slug: existing.slug }), 'validation', { slug: 'column_slug_taken' });
  });

  test('renames a column (name, slug, description), auditing old and new', async () => {
    const column = await createColumn(admin.viewer, newInput());
    const next = newInput({ description: '新说明' });
    heard = [];
    const renamed = await updateColumn(admin.viewer, column.id, next);
    expect(renamed).toMatchObject({ id: column.id, ...next });
    const [audit] = await auditOf('column.update', column.id);
    expect(audit?.meta).toEqual({
      from: { name: column.name, slug: column.slug, description: '' },
      to: { name: next.name, slug: next.slug, description: '新说明' },
    });
    await expectEverythingAnnounced();
    // Its own name again is no clash, and nothing changed is nothing recorded.
    await updateColumn(admin.viewer, column.id, next);
    expect(await auditOf('column.update', column.id)).toHaveLength(1);
    await expectAppError(updateColumn(admin.viewer, 2_000_000_000, newInput()), 'not_found');
  });

  test('moves a column up and down; the ends stay put', async () => {
    const [a, b, c] = [await createColumn(admin.viewer, newInput()), await createColumn(admin.viewer, newInput()), await createColumn(admin.viewer, newInput())];
    const order = async () => (await listColumnsForAdmin(admin.viewer)).map((x) => x.id).filter((id) => [a.id, b.id, c.id].includes(id));
    expect(await order()).toEqual([a.id, b.id, c.id]);
    heard = [];
    await moveColumn(admin.viewer, c.id, 'up');
    expect(await order()).toEqual([a.id, c.id, b.id]);
    await expectEverythingAnnounced();
    await moveColumn(admin.viewer, a.id, 'down');
    expect(await order()).toEqual([c.id, a.id, b.id]);
    const [audit] = await auditOf('column.reorder', c.id);
    expect(audit).toMatchObject({ actorId: admin.id, meta: { name: c.name, direction: 'up' } });
    // The navigation follows the same order.
    expect((await listNavColumns()).map((x) => x.id).filter((id) => [a.id, b.id, c.id].includes(id))).toEqual([c.id, a.id, b.id]);
    // The very last column cannot go further down: nothing changes, nothing is recorded.
    const all = await listColumnsForAdmin(admin.viewer);
    const last = all.at(-1)!;
    await moveColumn(admin.viewer, last.id, 'down');
    expect((await listColumnsForAdmin(admin.viewer)).map((x) => x.id)).toEqual(all.map((x) => x.id));
    expect(await auditOf('column.reorder', last.id)).toHaveLength(0);
    await expectAppError(moveColumn(admin.viewer, 2_000_000_000, 'up'), 'not_found');
  });

  test('columns with equal sort orders get distinct places when one moves', async () => {
    const db = await getDb();
    const [a, b] = [await makeColumn(), await makeColumn()];
    await db.update(siteColumns).set({ sortOrder: 10_000 }).where(inArray(siteColumns.id, [a.id, b.id]));
    await moveColumn(admin.viewer, b.id, 'up');
    const rows = await db.select().from(siteColumns).where(inArray(siteColumns.id, [a.id, b.id]));
    const place = (id: number) => rows.find((r) => r.id === id)!.sortOrder;
    expect(place(b.id)).toBeLessThan(place(a.id));
  });

  test('a hidden column leaves the navigation and the picker; its published stories stay readable; shown again it returns', async () => {
    const column = await createColumn(admin.viewer, newInput());
    const story = await publishedStoryIn(column.id);
    const correspondent = await createCorrespondent();
    expect((await listActiveColumns(correspondent.viewer)).map((c) => c.id)).toContain(column.id);

    heard = [];
    const hidden = await setColumnHidden(admin.viewer, column.id, true);
    expect(hidden.isActive).toBe(false);
    await expectEverythingAnnounced();
    expect((await listNavColumns()).map((c) => c.id)).not.toContain(column.id);
    expect((await listActiveColumns(correspondent.viewer)).map((c) => c.id)).not.toContain(column.id);
    expect((await getPublishedArticle(String(story.id)))?.article.title).toBe(story.title);
    const [hideAudit] = await auditOf('column.hide', column.id);
    expect(hideAudit).toMatchObject({ actorId: admin.id, meta: { name: column.name, slug: column.slug } });
    // Hidden columns are still listed (and counted) for the administrator.
    expect((await listColumnsForAdmin(admin.viewer)).find((c) => c.id === column.id)).toMatchObject({ isActive: false, storyCount: 1, publishedCount: 1 });

    // Hiding twice records nothing more.
    await setColumnHidden(admin.viewer, column.id, true);
    expect(await auditOf('column.hide', column.id)).toHaveLength(1);

    await setColumnHidden(admin.viewer, column.id, false);
    expect((await listNavColumns()).map((c) => c.id)).toContain(column.id);
    expect(await auditOf('column.show', column.id)).toHaveLength(1);
    await expectAppError(setColumnHidden(admin.viewer, 2_000_000_000, true), 'not_found');
  });

  test('counts every story of a column and its published ones', async () => {
    const column = await createColumn(admin.viewer, newInput());
    await createSubmittedStory({ columnId: column.id });
    await publishedStoryIn(column.id);
    expect((await listColumnsForAdmin(admin.viewer)).find((c) => c.id === column.id)).toMatchObject({ storyCount: 2, publishedCount: 1 });
  });

  test('deletes a column without stories, audited', async () => {
    const column = await createColumn(admin.viewer, newInput());
    heard = [];
    await deleteColumn(admin.viewer, column.id);
    const db = await getDb();
    expect(await db.select().from(siteColumns).where(eq(siteColumns.id, column.id))).toEqual([]);
    expect((await auditOf('column.delete', column.id))[0]).toMatchObject({ actorId: admin.id, meta: { name: column.name, slug: column.slug } });
    await expectEverythingAnnounced();
    await expectAppError(deleteColumn(admin.viewer, column.id), 'not_found');
  });

  test('refuses to delete a column with stories, even a draft', async () => {
    const column = await createColumn(admin.viewer, newInput());
    const { story } = await createSubmittedStory({ columnId: column.id });
    const db = await getDb();
    await db.update(stories).set({ status: 'draft' }).where(eq(stories.id, story.id));
    await expectAppError(deleteColumn(admin.viewer, column.id), 'conflict', { form: 'column_has_stories' });
    expect(await db.select().from(siteColumns).where(eq(siteColumns.id, column.id))).toHaveLength(1);
    expect(await auditOf('column.delete', column.id)).toHaveLength(0);
  });

  test('only administrators manage columns', async () => {
    const editor = await createEditor();
    const correspondent = await createCorrespondent();
    const column = await makeColumn();
    for (const viewer of [editor.viewer, correspondent.viewer]) {
      await expectAppError(listColumnsForAdmin(viewer), 'forbidden');
      await expectAppError(createColumn(viewer, newInput()), 'forbidden');
      await expectAppError(updateColumn(viewer, column.id, newInput()), 'forbidden');
      await expectAppError(moveColumn(viewer, column.id, 'up'), 'forbidden');
      await expectAppError(setColumnHidden(viewer, column.id, true), 'forbidden');
      await expectAppError(deleteColumn(viewer, column.id), 'forbidden');
    }
    const db = await getDb();
    const [unchanged] = await db.select().from(siteColumns).where(eq(siteColumns.id, column.id));
    expect(unchanged).toMatchObject({ name: column.name, slug: column.slug, isActive: true, sortOrder: column.sortOrder });
  });
});
