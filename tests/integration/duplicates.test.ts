import { readFileSync } from 'node:fs';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { stories, storyClosestMatches, storyFingerprints, type StoryStatus } from '@/db/schema';
import { textFingerprint } from '@/lib/content/shingles';
import { backfillFingerprints, DUPLICATE_THRESHOLD, findSimilarStories, measureUncheckedStories, refreshFingerprint } from '@/lib/duplicates';
import { listReviewStories, parseQueueFilters } from '@/lib/review-queue';
import { seedArticle } from '@/lib/seed/seed-article';
import { createCorrespondent, createEditor, createSubmittedStory, defaultFlowPosition, expectAppError, type TestUser } from '../support/factories';
import { seededRandom } from '../support/sample-text';
import { claimStory, getVisibleStory, saveStory } from '@/lib/stories';

// The page this product is modelled on, as text: its article appears twice.
const seedPage = readFileSync(new URL('../fixtures/seed-article-page.txt', import.meta.url), 'utf8');
const article = seedArticle.paragraphs.join('\n');

const unrelated =
  '本网讯(通讯员 陈静)近日,黔江区司法局组织开展“法律明白人”专题培训,全区二百余名法律明白人参加培训。' +
  '培训围绕民法典、人民调解法等与群众生产生活密切相关的法律法规进行了深入浅出的讲解,并结合典型案例,' +
  '就如何开展矛盾纠纷排查、如何引导群众依法表达诉求等内容进行了现场交流。';

// Receipt numbers in a year the counter never reaches, unique within the run.
const runStamp = Date.now();
let receiptSequence = 0;
function testReceiptNo(): string {
  receiptSequence += 1;
  return `1999-${runStamp}${String(receiptSequence).padStart(5, '0')}`;
}

type StoryRow = { status: StoryStatus; bodyText: string; title?: string };

// Stories in any state, written straight to the table: the workflow that
// gets them there is tested elsewhere.
async function insertStories(owner: TestUser, rows: StoryRow[]): Promise<number[]> {
  const db = await getDb();
  const position = await defaultFlowPosition();
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insert(stories)
      .values(
        rows.slice(i, i + 500).map((row) => ({
          ownerId: owner.id,
          unitId: owner.unitId,
          status: row.status,
          ...position(row.status),
          title: row.title ?? '查重测试稿件',
          bodyText: row.bodyText,
          receiptNo: row.status === 'draft' ? null : testReceiptNo(),
          submittedAt: row.status === 'draft' ? null : new Date(),
          publishedAt: row.status === 'published' ? new Date() : null,
        })),
      )
      .returning({ id: stories.id });
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

// Thousands of submitted stories in one statement (their texts as one JSON
// parameter): the scale check is about the lookup, not about inserting.
async function insertManySubmitted(owner: TestUser, texts: string[]): Promise<number[]> {
  const db = await getDb();
  const { flowVersionId, stage } = (await defaultFlowPosition())('submitted');
  await db.execute(sql`
    insert into ${stories} (owner_id, unit_id, status, flow_version_id, stage, title, body_text, receipt_no, submitted_at)
    select ${owner.id}::integer, ${owner.unitId}::integer, 'submitted', ${flowVersionId}::integer, ${stage}::smallint, '查重测试稿件', t.body,
           '1998-' || ${runStamp}::text || lpad(t.n::text, 5, '0'), now()
    from jsonb_array_elements_text(${JSON.stringify(texts)}::jsonb) with ordinality as t(body, n)`);
  // A fresh owner has no other stories: theirs, in id order, are these.
  const rows = await db.select({ id: stories.id }).from(stories).where(eq(stories.ownerId, owner.id)).orderBy(asc(stories.id));
  return rows.map((r) => r.id);
}

// A story in that state whose bands are stored, as submit and publish leave it.
async function fileStory(owner: TestUser, status: StoryStatus, bodyText: string): Promise<number> {
  const [id] = await insertStories(owner, [{ status, bodyText }]);
  await refreshFingerprint(await getDb(), id!, bodyText);
  return id!;
}

async function similarIds(viewer: TestUser, storyId: number): Promise<number[]> {
  return (await findSimilarStories(viewer.viewer, await getVisibleStory(viewer.viewer, storyId), { limit: 50 })).map((s) => s.id);
}

// Stories made of the seed article's own words in random order: the same
// field's vocabulary, so they share many short phrases with each other and
// with the article, which is harder on the lookup than unrelated text.
function wordSaladStories(count: number, random: () => number): string[] {
  const source = article.replace(/[\s,。、()《》]/g, '');
  const words = Array.from({ length: 400 }, () => {
    const start = Math.floor(random() * (source.length - 4));
    return source.slice(start, start + 2 + Math.floor(random() * 3));
  });
  return Array.from({ length: count }, () => {
    const sentences: string[] = [];
    for (let s = 0; s < 15; s += 1) sentences.push(Array.from({ length: 8 }, () => words[Math.floor(random() * words.length)]).join(''));
    return sentences.join(',');
  });
}

describe('near-duplicate detection', () => {
  test('a submitted copy of a published story is flagged, with its similarity and author', async () => {
    const [author, editor] = await Promise.all([createCorrespondent({ displayName: '方勇' }), createEditor()]);
    const published = await fileStory(author, 'published', article);
    // The seed page's text as pasted: its article twice, with the page around it.
    const submitted = await fileStory(author, 'submitted', seedPage);

    const matches = await findSimilarStories(editor.viewer, await getVisibleStory(editor.viewer, submitted), { limit: 50 });
    const match = matches.find((m) => m.id === published);
    expect(match).toMatchObject({ status: 'published', ownerName: '方勇', title: '查重测试稿件' });
    expect(match!.receiptNo).toMatch(/^1999-/);
    expect(match!.similarity).toBeGreaterThanOrEqual(0.8);
    // All of the published story is in the pasted page, which holds more.
    expect(match!.coverageOfMatch).toBeGreaterThan(0.99);
    expect(match!.coverageOfChecked).toBeLessThan(match!.coverageOfMatch);
    expect(matches.map((m) => m.similarity)).toEqual([...matches.map((m) => m.similarity)].sort((a, b) => b - a));

    // And the other way round: the published story's check finds the copy in the queue.
    expect(await similarIds(editor, published)).toContain(submitted);
  });

  test('a lightly edited copy is flagged; an unrelated story matches nothing of it', async () => {
    const [author, editor] = await Promise.all([createCorrespondent(), createEditor()]);
    const published = await fileStory(author, 'published', article);
    const edited = article
      .replace('40余人', '50余人')
      .replace(seedArticle.paragraphs[3]!, '会议要求,各单位要建立健全律师执业权利救济机制,畅通律师反映问题和投诉的渠道,切实维护律师合法权益。');
    const editedId = await fileStory(author, 'submitted', edited);
    const unrelatedId = await fileStory(author, 'submitted', unrelated);

    const [match] = (await findSimilarStories(editor.viewer, await getVisibleStory(editor.viewer, editedId), { limit: 50 })).filter((m) => m.id === published);
    expect(match!.similarity).toBeGreaterThanOrEqual(0.8);
    const fromUnrelated = await similarIds(editor, unrelatedId);
    expect(fromUnrelated).not.toContain(published);
    expect(fromUnrelated).not.toContain(editedId);
  });

  test('drafts are never matched, rejected stories are', async () => {
    const [author, editor] = await Promise.all([createCorrespondent(), createEditor()]);
    const text = `${article}\n${unrelated}`;
    // A story withdrawn to draft keeps the bands it had when submitted.
    const draft = await fileStory(author, 'draft', text);
    const rejected = await fileStory(author, 'rejected', text);
    const submitted = await fileStory(author, 'submitted', text);
    const found = await similarIds(editor, submitted);
    expect(found).toContain(rejected);
    expect(found).not.toContain(draft);
    expect(found).not.toContain(submitted);
  });

  test('only editors and admins may check, and only stories they may see', async () => {
    const [author, editor] = await Promise.all([createCorrespondent(), createEditor()]);
    const submitted = await fileStory(author, 'submitted', article);
    const draft = await fileStory(author, 'draft', article);
    await expectAppError(getVisibleStory(author.viewer, submitted).then((handle) => findSimilarStories(author.viewer, handle)), 'forbidden');
    await expectAppError(getVisibleStory(editor.viewer, draft).then((handle) => findSimilarStories(editor.viewer, handle)), 'not_found');
    await expectAppError(getVisibleStory(editor.viewer, 2_147_483_647).then((handle) => findSimilarStories(editor.viewer, handle)), 'not_found');
  });

  test('a story too short to compare has no bands and no matches', async () => {
    const [author, editor] = await Promise.all([createCorrespondent(), createEditor()]);
    const short = await fileStory(author, 'submitted', '区法院召开会议。');
    const db = await getDb();
    expect(await db.select().from(storyFingerprints).where(eq(storyFingerprints.storyId, short))).toEqual([]);
    expect(await findSimilarStories(editor.viewer, await getVisibleStory(editor.viewer, short))).toEqual([]);
  });

  test('refreshFingerprint replaces the bands with those of the new text', async () => {
    const author = await createCorrespondent();
    const id = await fileStory(author, 'submitted', article);
    const db = await getDb();
    await db.transaction((tx) => refreshFingerprint(tx, id, unrelated));
    const rows = await db.select({ band: storyFingerprints.band, hash: storyFingerprints.hash }).from(storyFingerprints).where(eq(storyFingerprints.storyId, id));
    expect(rows.sort((a, b) => a.band - b.band).map((r) => r.hash)).toEqual(textFingerprint(unrelated));
    await refreshFingerprint(db, id, '太短');
    expect(await db.select().from(storyFingerprints).where(eq(storyFingerprints.storyId, id))).toEqual([]);
  });

  test('at scale: backfilled stories are found by their near-copy', async () => {
    const [author, editor] = await Promise.all([createCorrespondent(), createEditor()]);
    // Seeded, so a failure can be replayed.
    const random = seededRandom(20260627);
    const texts = wordSaladStories(2000, random);
    const ids = await insertManySubmitted(author, texts);
    expect(ids).toHaveLength(2000);
    const db = await getDb();
    const { scanned, fingerprinted } = await backfillFingerprints(db, { batchSize: 500 });
    expect(scanned).toBeGreaterThanOrEqual(2000);
    expect(fingerprinted).toBeGreaterThanOrEqual(2000);
    const banded = await db.select({ storyId: storyFingerprints.storyId }).from(storyFingerprints).where(inArray(storyFingerprints.storyId, ids));
    expect(banded).toHaveLength(2000 * 40);
    // Running it again finds nothing left to do among these.
    expect((await backfillFingerprints(db)).fingerprinted).toBe(0);

    const original = 1234;
    const nearCopy = `${texts[original]!.slice(40)}\n另悉,本次活动共发放宣传资料三百余份,解答群众咨询五十余人次。`;
    const copyId = (await insertStories(author, [{ status: 'submitted', bodyText: nearCopy }]))[0]!;
    // How long the lookup takes at newsroom scale is measured by bench/review-queue.ts.
    const matches = await findSimilarStories(editor.viewer, await getVisibleStory(editor.viewer, copyId), { limit: 50 });
    // A database reused from an earlier run holds that run's copies of the
    // same seeded texts: among this run's stories the original comes first.
    const thisRun = new Set(ids);
    const ranked = matches.filter((m) => thisRun.has(m.id));
    expect(ranked[0]?.id).toBe(ids[original]);
    expect(ranked[0]!.similarity).toBeGreaterThan(0.9);
  });
});

describe("the review queue's 查重 marker", () => {
  const queueOf = async (editor: TestUser, owner: TestUser) =>
    new Map((await listReviewStories(editor.viewer, parseQueueFilters({ correspondent: String(owner.id) }), 'Asia/Shanghai')).rows.map((r) => [r.id, r.similarity]));

  test('both stories of a near-duplicate pair are marked, an unrelated one is not; a withdrawn copy stops counting', async () => {
    const editor = await createEditor();
    const owner = await createCorrespondent();
    // Random characters: like nothing any other test files.
    const random = seededRandom(Date.now() % 100_000);
    const randomText = () => Array.from({ length: 300 }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 20_000))).join('');
    const text = randomText();
    const original = await fileStory(owner, 'submitted', text);
    const copy = await fileStory(owner, 'submitted', `${text}\n本文转载时有删改。`);
    const other = await fileStory(owner, 'submitted', randomText());

    let queue = await queueOf(editor, owner);
    expect(queue.get(copy)).toBeGreaterThanOrEqual(0.9);
    // The older story is marked through the newer one's match.
    expect(queue.get(original)).toBeGreaterThanOrEqual(0.9);
    expect(queue.get(other)).toBeNull();

    // The copy is withdrawn to a draft: editors may not see it, so it marks nothing.
    const db = await getDb();
    await db.update(stories).set({ status: 'draft', flowVersionId: null, stage: null }).where(eq(stories.id, copy));
    queue = await queueOf(editor, owner);
    expect(queue.has(copy)).toBe(false);
    expect(queue.get(original)).toBeNull();
  });

  test('two near-duplicates saved at the same moment both save: neither waits on the other\'s row', async () => {
    const text = `<p>${article.slice(0, 600)}</p>`;
    const [a, b] = await Promise.all([createSubmittedStory({ bodyHtml: text }), createSubmittedStory({ bodyHtml: text })]);
    const [editorA, editorB] = await Promise.all([createEditor(), createEditor()]);
    let [storyA, storyB] = await Promise.all([claimStory(editorA.viewer, a.story.id), claimStory(editorB.viewer, b.story.id)]);
    for (let round = 0; round < 8; round++) {
      const fields = (story: typeof storyA, columnId: number) => ({ title: story.title, subtitle: '', columnId, byline: story.byline, source: '', summary: '', bodyHtml: `${text}<p>第${round}次修改。</p>` });
      [storyA, storyB] = await Promise.all([
        saveStory(editorA.viewer, storyA.id, storyA.version, fields(storyA, a.columnId)),
        saveStory(editorB.viewer, storyB.id, storyB.version, fields(storyB, b.columnId)),
      ]);
    }
    const rows = await (await getDb()).select().from(storyClosestMatches).where(inArray(storyClosestMatches.storyId, [storyA.id, storyB.id]));
    expect(rows.map((r) => r.similarity! >= 0.9)).toEqual([true, true]);
  });

  test('a story whose match was deleted is measured again', async () => {
    const owner = await createCorrespondent();
    const random = seededRandom((Date.now() + 7) % 100_000);
    const text = Array.from({ length: 300 }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 20_000))).join('');
    const first = await fileStory(owner, 'submitted', text);
    const second = await fileStory(owner, 'submitted', `${text}（完）`);
    const db = await getDb();
    expect((await db.select().from(storyClosestMatches).where(eq(storyClosestMatches.storyId, second)))[0]?.matchId).toBe(first);
    await db.delete(stories).where(eq(stories.id, first));
    await measureUncheckedStories(db, 50);
    expect((await db.select().from(storyClosestMatches).where(eq(storyClosestMatches.storyId, second)))[0]).toMatchObject({ matchId: null, similarity: null });
  });

  test('a story filed before the marker existed is measured by the background job', async () => {
    const editor = await createEditor();
    const owner = await createCorrespondent();
    const original = await fileStory(owner, 'published', article);
    // Filed with bands but no measurement, as the migration leaves old stories.
    const [old] = await insertStories(owner, [{ status: 'submitted', bodyText: `${article}\n（完）` }]);
    const db = await getDb();
    expect(await db.select().from(storyClosestMatches).where(eq(storyClosestMatches.storyId, old!))).toEqual([]);
    expect((await queueOf(editor, owner)).get(old!)).toBeNull();

    expect(await measureUncheckedStories(db, 5)).toBeGreaterThan(0);
    expect((await queueOf(editor, owner)).get(old!)).toBeGreaterThanOrEqual(0.9);
    const [row] = await db.select().from(storyClosestMatches).where(eq(storyClosestMatches.storyId, old!));
    expect(row?.matchId).toBe(original);
    expect(row!.similarity!).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });
});
