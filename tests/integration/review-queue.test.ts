import { describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { stories, type NewStory, type StoryStatus } from '@/db/schema';
import { claimStory } from '@/lib/stories';
import { forgetStatusCounts, listQueueFilterOptions, listReviewStories, parseQueueFilters, QUEUE_PAGE_SIZE, type QueueRow } from '@/lib/review-queue';
import { createColumn, createCorrespondent, createEditor, createSubmittedStory, createUnit, defaultFlowPosition, expectAppError, uniqueToken, type TestUser } from '../support/factories';

// The editors' lists (lib/review-queue): tabs, filters, keyset pages, counts.

const TIME_ZONE = 'Asia/Shanghai';

// Receipt numbers in a year the counter never reaches, unique within the run.
const runStamp = Date.now();
let receiptSequence = 0;
function testReceiptNo(): string {
  receiptSequence += 1;
  return `1997-${runStamp}${String(receiptSequence).padStart(5, '0')}`;
}

type Row = { owner: TestUser; status?: StoryStatus } & Partial<Omit<NewStory, 'ownerId' | 'status'>>;

// Stories in any state, written straight to the table with the times the
// test needs: how stories get there is tested in review-transitions.
async function insertStories(rows: Row[]): Promise<number[]> {
  const db = await getDb();
  const position = await defaultFlowPosition();
  const inserted = await db
    .insert(stories)
    .values(
      rows.map(({ owner, status = 'submitted', ...rest }) => ({
        ownerId: owner.id,
        unitId: owner.unitId,
        status,
        ...position(status),
        title: `队列测试 ${uniqueToken()}`,
        bodyText: '队列测试正文',
        receiptNo: status === 'draft' ? null : testReceiptNo(),
        submittedAt: status === 'draft' ? null : new Date(),
        publishedAt: status === 'published' || status === 'unpublished' ? new Date() : null,
        publishAt: status === 'scheduled' ? new Date(Date.now() + 86_400_000) : null,
        ...rest,
      })),
    )
    .returning({ id: stories.id });
  return inserted.map((r) => r.id);
}

async function list(viewer: TestUser, params: Record<string, string | undefined>) {
  return listReviewStories(viewer.viewer, parseQueueFilters(params), TIME_ZONE);
}

async function idsOf(viewer: TestUser, params: Record<string, string | undefined>): Promise<number[]> {
  return (await list(viewer, params)).rows.map((r) => r.id);
}

// Every page, following the cursor to the end.
async function allPages(viewer: TestUser, params: Record<string, string | undefined>): Promise<{ pages: QueueRow[][] }> {
  const pages: QueueRow[][] = [];
  let after: string | undefined;
  do {
    const page = await list(viewer, { ...params, after });
    pages.push(page.rows);
    after = page.next ?? undefined;
  } while (after && pages.length < 20);
  return { pages };
}

describe('review queue', () => {
  test('filters by tab, status, column, unit, correspondent, assignee, text, receipt number and submission day', async () => {
    const [editorA, editorB, unit1, unit2, col1, col2] = await Promise.all([createEditor(), createEditor(), createUnit(), createUnit(), createColumn(), createColumn()]);
    const [c1, c2] = await Promise.all([createCorrespondent({ unit: unit1 }), createCorrespondent({ unit: unit2 })]);
    const t = `查${uniqueToken()}`;
    const bodyToken = `正文${uniqueToken()}`;
    const [s1, s2, s3, s4, s5, s6, s7, s8, s9, s10] = await insertStories([
      // 23:59:59 on 1 March in Shanghai.
      { owner: c1, columnId: col1.id, title: `${t} 甲 100%`, submittedAt: new Date('2001-03-01T15:59:59Z') },
      // Midnight starting 2 March in Shanghai.
      { owner: c1, columnId: col2.id, title: `${t} 乙`, status: 'in_review', assigneeId: editorA.id, submittedAt: new Date('2001-03-01T16:00:00Z') },
      { owner: c2, columnId: col1.id, title: `${t} 丙`, status: 'in_review', assigneeId: editorB.id, submittedAt: new Date('2001-03-02T15:59:00Z') },
      { owner: c2, columnId: col2.id, title: `${t} 丁`, bodyText: `关于${bodyToken}的报道`, submittedAt: new Date('2001-03-02T16:00:00Z') },
      { owner: c1, title: `${t} 退回`, status: 'changes_requested', assigneeId: editorA.id },
      { owner: c1, title: `${t} 已发布`, status: 'published' },
      { owner: c2, title: `${t} 定时`, status: 'scheduled' },
      { owner: c1, title: `${t} 撤下`, status: 'unpublished' },
      { owner: c2, title: `${t} 不用`, status: 'rejected' },
      { owner: c1, title: `${t} 草稿`, status: 'draft' },
    ]);

    // The queue (submitted and under review), oldest submission first.
    expect(await idsOf(editorA, { correspondent: String(c1.id) })).toEqual([s1, s2]);
    expect(await idsOf(editorA, { unit: String(unit2.id) })).toEqual([s3, s4]);
    expect(await idsOf(editorA, { column: String(col1.id) })).toEqual([s1, s3]);
    expect(await idsOf(editorA, { column: String(col1.id), status: 'in_review' })).toEqual([s3]);
    expect(await idsOf(editorA, { unit: String(unit1.id), status: 'submitted' })).toEqual([s1]);
    expect(await idsOf(editorA, { q: t, sort: 'newest' })).toEqual([s4, s3, s2, s1]);

    // Mine and unclaimed are the viewer's.
    expect(await idsOf(editorA, { q: t, assignee: 'mine' })).toEqual([s2]);
    expect(await idsOf(editorB, { q: t, assignee: 'mine' })).toEqual([s3]);
    expect(await idsOf(editorB, { q: t, assignee: 'unclaimed' })).toEqual([s1, s4]);

    // Text in the title (a % is a character, not a wildcard), in the body; an exact receipt number.
    expect(await idsOf(editorA, { q: `${t} 甲` })).toEqual([s1]);
    expect(await idsOf(editorA, { q: '100%', correspondent: String(c1.id) })).toEqual([s1]);
    expect(await idsOf(editorA, { q: '%', correspondent: String(c1.id) })).toEqual([s1]);
    expect(await idsOf(editorA, { q: bodyToken })).toEqual([s4]);
    const [byReceipt] = (await list(editorA, { unit: String(unit2.id) })).rows.filter((r) => r.id === s3);
    expect(await idsOf(editorA, { q: byReceipt!.receiptNo! })).toEqual([s3]);

    // Whole days in the site's zone, both ends included.
    expect(await idsOf(editorA, { q: t, from: '2001-03-02', to: '2001-03-02' })).toEqual([s2, s3]);
    expect(await idsOf(editorA, { q: t, from: '2001-03-02' })).toEqual([s2, s3, s4]);
    expect(await idsOf(editorA, { q: t, to: '2001-03-01' })).toEqual([s1]);

    // The other tabs; a status filter only narrows the queue.
    expect(await idsOf(editorA, { q: t, tab: 'returned' })).toEqual([s5]);
    expect(await idsOf(editorA, { q: t, tab: 'published', status: 'submitted' })).toEqual([s6]);
    expect(await idsOf(editorA, { q: t, tab: 'scheduled' })).toEqual([s7]);
    expect(await idsOf(editorA, { q: t, tab: 'unpublished' })).toEqual([s8]);
    expect(await idsOf(editorA, { q: t, tab: 'rejected' })).toEqual([s9]);
    // Drafts are on no tab.
    for (const tab of ['queue', 'returned', 'scheduled', 'published', 'unpublished', 'rejected']) {
      expect(await idsOf(editorA, { q: t, tab })).not.toContain(s10);
    }

    const [row] = (await list(editorB, { correspondent: String(c1.id), status: 'in_review' })).rows;
    expect(row).toMatchObject({
      id: s2,
      status: 'in_review',
      correspondent: c1.viewer.displayName,
      unitName: unit1.name,
      columnName: col2.name,
      assigneeId: editorA.id,
      assigneeName: editorA.viewer.displayName,
    });
  });

  test('a story claimed through lib/ shows up as mine for its holder and leaves the unclaimed list', async () => {
    const editor = await createEditor();
    const { author, story } = await createSubmittedStory();
    expect(await idsOf(editor, { correspondent: String(author.id), assignee: 'unclaimed' })).toEqual([story.id]);
    await claimStory(editor.viewer, story.id);
    expect(await idsOf(editor, { correspondent: String(author.id), assignee: 'unclaimed' })).toEqual([]);
    expect(await idsOf(editor, { correspondent: String(author.id), assignee: 'mine' })).toEqual([story.id]);
  });

  test('malformed filters fall back to their defaults instead of failing', () => {
    const filters = parseQueueFilters({ tab: 'drafts', status: 'draft', column: 'abc', unit: '-3', correspondent: '1.5', assignee: 'everyone', from: '2001-3-1', to: '', q: ['第一', '第二'], sort: 'random', after: 'x'.repeat(200) });
    expect(filters).toEqual({ tab: 'queue', assignee: 'any', q: '第一' });
  });

  test('keyset pages return every story exactly once, in order, ties broken by id', async () => {
    const editor = await createEditor();
    const owner = await createCorrespondent();
    const total = 2 * QUEUE_PAGE_SIZE + 7;
    const base = Date.UTC(2002, 5, 1);
    // Three stories share each submission time, so the cursor must carry the id.
    const ids = await insertStories(Array.from({ length: total }, (_, i) => ({ owner, submittedAt: new Date(base + Math.floor(i / 3) * 60_000) })));
    const submittedAt = new Map(ids.map((id, i) => [id, base + Math.floor(i / 3) * 60_000]));
    const oldestFirst = [...ids].sort((a, b) => submittedAt.get(a)! - submittedAt.get(b)! || a - b);

    const { pages } = await allPages(editor, { correspondent: String(owner.id) });
    expect(pages.map((p) => p.length)).toEqual([QUEUE_PAGE_SIZE, QUEUE_PAGE_SIZE, 7]);
    expect(pages.flat().map((r) => r.id)).toEqual(oldestFirst);

    const newest = await allPages(editor, { correspondent: String(owner.id), sort: 'newest' });
    expect(newest.pages.flat().map((r) => r.id)).toEqual([...oldestFirst].reverse());

    // The published tab pages newest first by publication time.
    const published = await insertStories(
      Array.from({ length: QUEUE_PAGE_SIZE + 3 }, (_, i) => ({ owner, status: 'published' as const, publishedAt: new Date(base + Math.floor(i / 2) * 1000) })),
    );
    const publishedAt = new Map(published.map((id, i) => [id, base + Math.floor(i / 2) * 1000]));
    const newestPublished = [...published].sort((a, b) => publishedAt.get(b)! - publishedAt.get(a)! || b - a);
    const publishedPages = await allPages(editor, { tab: 'published', correspondent: String(owner.id) });
    expect(publishedPages.pages.map((p) => p.length)).toEqual([QUEUE_PAGE_SIZE, 3]);
    expect(publishedPages.pages.flat().map((r) => r.id)).toEqual(newestPublished);
  });

  test('counts per status cover the whole desk, drafts excluded', async () => {
    const editor = await createEditor();
    const owner = await createCorrespondent();
    forgetStatusCounts();
    const before = (await list(editor, {})).counts;
    await insertStories([
      { owner },
      { owner },
      { owner },
      { owner, status: 'in_review', assigneeId: editor.id },
      { owner, status: 'in_review', assigneeId: editor.id },
      { owner, status: 'published' },
      { owner, status: 'rejected' },
      { owner, status: 'draft' },
    ]);
    // Each instance keeps the counts a few seconds; the review actions drop them.
    forgetStatusCounts();
    const after = (await list(editor, { correspondent: String(owner.id) })).counts;
    const delta = (status: StoryStatus) => (after[status] ?? 0) - (before[status] ?? 0);
    expect(delta('submitted')).toBe(3);
    expect(delta('in_review')).toBe(2);
    expect(delta('published')).toBe(1);
    expect(delta('rejected')).toBe(1);
    expect(delta('scheduled')).toBe(0);
    expect(after.draft).toBeUndefined();
  });

  test('a correspondent may not open the queue', async () => {
    const correspondent = await createCorrespondent();
    await expectAppError(listReviewStories(correspondent.viewer, parseQueueFilters({}), TIME_ZONE), 'forbidden');
    await expectAppError(listQueueFilterOptions(correspondent.viewer), 'forbidden');
  });
});
