import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { notifications, reviewFlows, reviewFlowVersions, siteColumns, stories, storyCorrections, storyEvents, storyPending, storyRevisions, type Story } from '@/db/schema';
import { stalePagesFor } from '@/lib/public-cache';
import { buildCorrectionsFeed, listArticleCorrections, listCorrectionsPage } from '@/lib/public-corrections';
import { getPublishedArticle } from '@/lib/public-stories';
import { searchPublished } from '@/lib/search';
import { seoSite } from '@/lib/seo';
import { clearSettingsCache, getSiteSettings, type SiteSettings } from '@/lib/settings';
import { writeSettingsGroup } from '@/lib/settings/internal/write';
import {
  approveStory,
  claimStory,
  createStory,
  discardPending,
  getStory,
  publishStory,
  publishUpdate,
  restoreRevision,
  returnStory,
  saveStory,
  setStoryExpiry,
  submitStory,
  unpublishStory,
} from '@/lib/stories';
import { unpublishDueStories } from '@/lib/stories/scheduler';
import { addWordEntry, createWordList, deleteWordList } from '@/lib/content-check';
import { createAdmin, createColumn, createCorrespondent, createEditor, createSubmittedStory, expectAppError, STORY_BODY_HTML, uniqueToken, type TestUser } from '../support/factories';

// Published articles change only on purpose (docs/live-articles.md): edits
// of a live story wait as a pending revision until an update is published,
// with a correction note or as minor; revisions can be restored; a live
// story can be given a time to leave the site, taken down once however many
// instances run the job.

const HOUR_MS = 3600_000;

let editor: TestUser;
let other: TestUser;
let author: TestUser;
let columnId: number;
let previousSite: SiteSettings['site'];

beforeAll(async () => {
  previousSite = (await getSiteSettings()).site;
  await writeSettingsGroup(await getDb(), 'site', { ...previousSite, timeZone: 'Asia/Shanghai' }, null);
  clearSettingsCache();
  [editor, other, author, { id: columnId }] = await Promise.all([createEditor(), createEditor(), createCorrespondent(), createColumn()]);
});

afterAll(async () => {
  await writeSettingsGroup(await getDb(), 'site', previousSite, null);
  clearSettingsCache();
});

// The datetime-local value a Shanghai editor types for an instant (UTC+8, no DST).
function shanghaiLocal(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR_MS).toISOString().slice(0, 16);
}

const paragraph = (text: string) => `<p>本网讯（通讯员 测试）${text}，全区二百余名法律明白人参加培训。</p>`;

async function published(title = `线上稿件 ${uniqueToken()}`, body = STORY_BODY_HTML): Promise<Story> {
  const draft = await createStory(author.viewer, { title, columnId, bodyHtml: body });
  const filed = await submitStory(author.viewer, draft.id, draft.version);
  const claimed = await claimStory(editor.viewer, filed.id);
  return publishStory(editor.viewer, filed.id, claimed.version, { columnId, byline: '通讯员 测试' });
}

async function eventsOf(id: number) {
  const db = await getDb();
  return db.select().from(storyEvents).where(eq(storyEvents.storyId, id)).orderBy(asc(storyEvents.id));
}

async function rowOf(id: number): Promise<Story> {
  const [row] = await (await getDb()).select().from(stories).where(eq(stories.id, id));
  return row!;
}

const form = (s: Story, patch: Partial<{ title: string; bodyHtml: string; summary: string }>) => ({
  title: s.title,
  subtitle: s.subtitle,
  summary: s.summary,
  byline: s.byline,
  source: s.source,
  columnId: s.columnId,
  coverMediaId: s.coverMediaId,
  bodyHtml: s.bodyHtml,
  ...patch,
});

const foundIds = async (query: string) => (await searchPublished(query, { pageSize: 50 })).results.map((r) => r.id);

describe('pending revisions of a published story', () => {
  test('an edit is kept apart: the page, the search and the live row stay as published until the update goes out', async () => {
    const word = `原文${uniqueToken()}`;
    const story = await published(`线上 ${word}`);
    const live = await getPublishedArticle(String(story.id));
    const edited = await saveStory(editor.viewer, story.id, story.version, form(story, { title: `修改后 ${word}`, bodyHtml: paragraph('三百余人') }));
    expect(edited).toMatchObject({ title: `修改后 ${word}`, version: story.version + 1, status: 'published' });

    // Readers: nothing changed, not even 更新时间.
    expect(await getPublishedArticle(String(story.id))).toEqual(live);
    expect((await rowOf(story.id)).title).toBe(`线上 ${word}`);
    expect((await rowOf(story.id)).contentUpdatedAt).toBeNull();
    expect(await foundIds('三百余人')).not.toContain(story.id);
    // The editor: the pending copy, at the new version.
    expect(await getStory(editor.viewer, story.id)).toMatchObject({ title: `修改后 ${word}`, version: edited.version });
    // The first edit is on the timeline once; later saves are revisions only.
    const again = await saveStory(editor.viewer, story.id, edited.version, form(edited, { summary: '补一句摘要' }));
    expect((await eventsOf(story.id)).filter((e) => e.action === 'edit')).toHaveLength(1);

    const out = await publishUpdate(editor.viewer, story.id, again.version, { kind: 'correction', note: '本文第二段中“二百余人”应为“三百余人”，已更正。' });
    const after = await getPublishedArticle(String(story.id));
    expect(after!.article).toMatchObject({ title: `修改后 ${word}`, summary: '补一句摘要' });
    expect(after!.article.bodyHtml).toContain('三百余人');
    expect(after!.article.contentUpdatedAt).toEqual(out.contentUpdatedAt);
    expect(out.contentUpdatedAt).toBeInstanceOf(Date);
    expect(await foundIds('三百余人')).toContain(story.id);
    const db = await getDb();
    expect(await db.select().from(storyPending).where(eq(storyPending.storyId, story.id))).toEqual([]);
    expect((await listArticleCorrections(story.id)).map((c) => c.note)).toEqual(['本文第二段中“二百余人”应为“三百余人”，已更正。']);
    const update = (await eventsOf(story.id)).filter((e) => e.action === 'publish_update');
    expect(update).toMatchObject([{ actorId: editor.id, fromStatus: 'published', toStatus: 'published', note: '本文第二段中“二百余人”应为“三百余人”，已更正。', meta: { correction: true } }]);
  });

  test('two editors on one pending revision: the stale save is a conflict, the retried save of what is held counts as saved', async () => {
    const story = await published();
    const seen = await getStory(other.viewer, story.id);
    const savedByA = await saveStory(editor.viewer, story.id, story.version, form(story, { title: '甲的修改' }));
    await expectAppError(saveStory(other.viewer, story.id, seen.version, form(seen, { title: '乙的修改' })), 'conflict');
    // A save whose answer was lost, sent again against the version it started from.
    expect(await saveStory(editor.viewer, story.id, story.version, form(story, { title: '甲的修改' }))).toMatchObject({ version: savedByA.version, title: '甲的修改' });
    // Publishing the update checks the version too.
    await expectAppError(publishUpdate(editor.viewer, story.id, story.version, { kind: 'minor' }), 'conflict');
  });

  test('a minor update: no note, 更新时间 changes, the event says minor; a correction needs its note', async () => {
    const story = await published();
    const edited = await saveStory(editor.viewer, story.id, story.version, form(story, { bodyHtml: paragraph('改了一个错别字') }));
    await expectAppError(publishUpdate(editor.viewer, story.id, edited.version, { kind: 'correction', note: '  ' }), 'validation', { note: 'required' });
    await expectAppError(publishUpdate(editor.viewer, story.id, edited.version, { kind: 'correction', note: '长'.repeat(501) }), 'validation', { note: 'too_long' });
    await expectAppError(publishUpdate(editor.viewer, story.id, edited.version, {}), 'validation', { kind: 'required' });
    const out = await publishUpdate(editor.viewer, story.id, edited.version, { kind: 'minor', note: '会被忽略' });
    expect(out.contentUpdatedAt).toBeInstanceOf(Date);
    expect(await listArticleCorrections(story.id)).toEqual([]);
    expect((await eventsOf(story.id)).at(-1)).toMatchObject({ action: 'publish_update', note: null, meta: { minor: true } });
    // Nothing pending any more: another update is refused.
    await expectAppError(publishUpdate(editor.viewer, story.id, out.version, { kind: 'minor' }), 'validation', { form: 'nothing_pending' });
  });

  test('an update holding a forbidden word goes out only with the signer’s reason, recorded as at a sign-off', async () => {
    const admin = await createAdmin();
    const word = `禁用词${uniqueToken()}`;
    const list = await createWordList(admin.viewer, { name: `禁用 ${uniqueToken()}`, category: 'forbidden' });
    try {
      await addWordEntry(admin.viewer, list.id, { word });
      const story = await published();
      const edited = await saveStory(editor.viewer, story.id, story.version, form(story, { bodyHtml: paragraph(`补充${word}`) }));
      await expectAppError(publishUpdate(editor.viewer, story.id, edited.version, { kind: 'minor' }), 'validation', { form: 'content_override_required', wordOverrideReason: 'content_override_required' });
      expect((await getPublishedArticle(String(story.id)))!.article.bodyText).not.toContain(word);
      await publishUpdate(editor.viewer, story.id, edited.version, { kind: 'minor', wordOverrideReason: '专有名词，经核实无误。' });
      expect((await eventsOf(story.id)).find((e) => e.action === 'word_override')).toMatchObject({ meta: { reason: '专有名词，经核实无误。', words: [word], action: 'publish_update' } });
    } finally {
      await deleteWordList(admin.viewer, list.id);
    }
  });

  test('discarding: the pending revision goes, readers never saw it, the editor starts again from the live text', async () => {
    const story = await published();
    const edited = await saveStory(editor.viewer, story.id, story.version, form(story, { title: '不要的修改' }));
    await expectAppError(discardPending(author.viewer, story.id, edited.version), 'forbidden');
    const discarded = await discardPending(editor.viewer, story.id, edited.version);
    expect((await getStory(editor.viewer, story.id)).title).toBe(story.title);
    expect((await eventsOf(story.id)).at(-1)).toMatchObject({ action: 'discard_pending', actorId: editor.id });
    await expectAppError(discardPending(editor.viewer, story.id, discarded.version), 'invalid_transition');
    // The discarded text stays in the history.
    const db = await getDb();
    const titles = await db.select({ title: storyRevisions.title }).from(storyRevisions).where(eq(storyRevisions.storyId, story.id));
    expect(titles.map((r) => r.title)).toContain('不要的修改');
  });

  test('unpublishing a story with a pending revision keeps the edits as its one copy, off the site', async () => {
    const story = await published();
    const edited = await saveStory(editor.viewer, story.id, story.version, form(story, { title: '撤下前的修改' }));
    await unpublishStory(editor.viewer, story.id, edited.version, '暂时撤下。');
    expect(await rowOf(story.id)).toMatchObject({ status: 'unpublished', title: '撤下前的修改' });
    expect(await (await getDb()).select().from(storyPending).where(eq(storyPending.storyId, story.id))).toEqual([]);
  });

  test('in a staged flow only who may act at its last stage (签发) publishes an update; any editor may edit and discard', async () => {
    const db = await getDb();
    const chief = await createEditor();
    const [flow] = await db.insert(reviewFlows).values({ name: `签发-${uniqueToken()}` }).returning();
    const stages = [
      { name: '初审', holders: 'desk', userIds: [], columnIds: null, opinionRequired: false },
      { name: '签发', holders: 'named', userIds: [chief.id], columnIds: null, opinionRequired: false },
    ];
    await db.insert(reviewFlowVersions).values({ flowId: flow!.id, number: 1, stages });
    const column = await createColumn();
    await db.update(siteColumns).set({ reviewFlowId: flow!.id }).where(eq(siteColumns.id, column.id));
    const draft = await createStory(author.viewer, { title: `分级 ${uniqueToken()}`, columnId: column.id, bodyHtml: STORY_BODY_HTML });
    let story = await submitStory(author.viewer, draft.id, draft.version);
    story = await claimStory(editor.viewer, story.id);
    story = await approveStory(editor.viewer, story.id, story.version, {});
    story = await claimStory(chief.viewer, story.id);
    story = await publishStory(chief.viewer, story.id, story.version, { columnId: column.id, byline: '通讯员' });

    const edited = await saveStory(editor.viewer, story.id, story.version, form(story, { title: '初审编辑的修改' }));
    await expectAppError(publishUpdate(editor.viewer, story.id, edited.version, { kind: 'minor' }), 'invalid_transition');
    const out = await publishUpdate(chief.viewer, story.id, edited.version, { kind: 'minor' });
    expect(out.title).toBe('初审编辑的修改');
  });
});

describe('restore', () => {
  test('the correspondent restores an earlier revision of their draft as a new revision', async () => {
    const draft = await createStory(author.viewer, { title: '第一稿', columnId, bodyHtml: paragraph('第一稿') });
    const second = await saveStory(author.viewer, draft.id, draft.version, form(draft, { title: '第二稿', bodyHtml: paragraph('第二稿') }), { kind: 'editor_save' });
    const db = await getDb();
    const [firstRevision] = await db.select().from(storyRevisions).where(eq(storyRevisions.storyId, draft.id)).orderBy(asc(storyRevisions.id)).limit(1);
    await expectAppError(restoreRevision(author.viewer, draft.id, draft.version, firstRevision!.id), 'conflict');
    await expectAppError(restoreRevision(other.viewer, draft.id, second.version, firstRevision!.id), 'not_found');
    const restored = await restoreRevision(author.viewer, draft.id, second.version, firstRevision!.id);
    expect(restored).toMatchObject({ title: '第一稿', version: second.version + 1, status: 'draft' });
    expect(restored.bodyText).toContain('第一稿');
    const kinds = await db.select({ kind: storyRevisions.kind }).from(storyRevisions).where(eq(storyRevisions.storyId, draft.id)).orderBy(asc(storyRevisions.id));
    expect(kinds.at(-1)).toEqual({ kind: 'restore' });
    expect((await eventsOf(draft.id)).at(-1)).toMatchObject({ action: 'restore', actorId: author.id, meta: { revisionId: firstRevision!.id } });
    // A revision of another story is not found.
    const stranger = await createStory(author.viewer, { title: '别的稿件', columnId, bodyHtml: STORY_BODY_HTML });
    await expectAppError(restoreRevision(author.viewer, stranger.id, stranger.version, firstRevision!.id), 'not_found');
  });

  test('a returned story is the correspondent’s to restore; one in review only its claiming editor’s', async () => {
    const { story } = await createSubmittedStory({ author, columnId });
    const claimed = await claimStory(editor.viewer, story.id);
    const db = await getDb();
    const [revision] = await db.select().from(storyRevisions).where(eq(storyRevisions.storyId, story.id)).orderBy(asc(storyRevisions.id)).limit(1);
    await expectAppError(restoreRevision(other.viewer, story.id, claimed.version, revision!.id), 'invalid_transition');
    await expectAppError(restoreRevision(author.viewer, story.id, claimed.version, revision!.id), 'invalid_transition');
    const byEditor = await restoreRevision(editor.viewer, story.id, claimed.version, revision!.id);
    const returned = await returnStory(editor.viewer, story.id, byEditor.version, '请补充。');
    expect((await restoreRevision(author.viewer, story.id, returned.version, revision!.id)).status).toBe('changes_requested');
  });

  test('restoring a revision of a published story makes it the pending revision, never a silent change of the page', async () => {
    const story = await published('第一版标题', paragraph('第一版'));
    const edited = await saveStory(editor.viewer, story.id, story.version, form(story, { title: '第二版标题', bodyHtml: paragraph('第二版') }));
    const second = await publishUpdate(editor.viewer, story.id, edited.version, { kind: 'minor' });
    const db = await getDb();
    const [publishRevision] = await db
      .select()
      .from(storyRevisions)
      .where(and(eq(storyRevisions.storyId, story.id), eq(storyRevisions.kind, 'publish'), eq(storyRevisions.title, '第一版标题')))
      .limit(1);
    await expectAppError(restoreRevision(author.viewer, story.id, second.version, publishRevision!.id), 'invalid_transition');
    const restored = await restoreRevision(editor.viewer, story.id, second.version, publishRevision!.id);
    expect(restored.title).toBe('第一版标题');
    // Readers still see the second version until the update is published.
    expect((await getPublishedArticle(String(story.id)))!.article.title).toBe('第二版标题');
    expect((await rowOf(story.id)).title).toBe('第二版标题');
    await publishUpdate(editor.viewer, story.id, restored.version, { kind: 'correction', note: '恢复为原标题。' });
    expect((await getPublishedArticle(String(story.id)))!.article.title).toBe('第一版标题');
  });
});

describe('expiry (到期撤下)', () => {
  test('set at publishing or later; a time in the past is refused with a clear message', async () => {
    const { story } = await createSubmittedStory({ author, columnId });
    const claimed = await claimStory(editor.viewer, story.id);
    await expectAppError(publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: 'x', unpublishAt: shanghaiLocal(new Date(Date.now() - HOUR_MS)) }), 'validation', { unpublishAt: 'unpublish_at_past' });
    await expectAppError(publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: 'x', unpublishAt: 'next tuesday' }), 'validation', { unpublishAt: 'invalid_datetime' });
    const scheduleAt = new Date(Date.now() + 2 * HOUR_MS);
    await expectAppError(
      publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: 'x', when: 'schedule', publishAt: shanghaiLocal(scheduleAt), unpublishAt: shanghaiLocal(new Date(Date.now() + HOUR_MS)) }),
      'validation',
      { unpublishAt: 'unpublish_before_publish' },
    );
    const inADay = new Date(Date.now() + 24 * HOUR_MS);
    inADay.setUTCSeconds(0, 0);
    const out = await publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: 'x', unpublishAt: shanghaiLocal(inADay) });
    expect(out.unpublishAt).toEqual(inADay);

    await expectAppError(setStoryExpiry(editor.viewer, story.id, out.version, { unpublishAt: shanghaiLocal(new Date(Date.now() - 60_000)) }), 'validation', { unpublishAt: 'unpublish_at_past' });
    await expectAppError(setStoryExpiry(author.viewer, story.id, out.version, { unpublishAt: '' }), 'forbidden');
    const cleared = await setStoryExpiry(editor.viewer, story.id, out.version, { unpublishAt: '' });
    expect(cleared.unpublishAt).toBeNull();
    expect((await eventsOf(story.id)).at(-1)).toMatchObject({ action: 'set_expiry', meta: { unpublishAt: null } });
  });

  test('several instances running the job at once: each due story is taken down exactly once, with one event and one notice', async () => {
    const db = await getDb();
    const due = await Promise.all(Array.from({ length: 5 }, () => published()));
    const notYet = await published();
    const soon = new Date(Date.now() + 2 * HOUR_MS);
    await setStoryExpiry(editor.viewer, notYet.id, notYet.version, { unpublishAt: shanghaiLocal(soon) });
    // One with a pending revision: it is kept as the story's copy.
    const edited = await saveStory(editor.viewer, due[0]!.id, due[0]!.version, form(due[0]!, { title: '到期前改过' }));
    // Times already come, as if set earlier and waited for.
    for (const s of due) await db.update(stories).set({ unpublishAt: new Date(Date.now() - 60_000) }).where(eq(stories.id, s.id));

    const results = await Promise.all(Array.from({ length: 4 }, () => unpublishDueStories()));
    const all = results.flat();
    const dueIds = due.map((s) => s.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((id) => dueIds.includes(id)).sort()).toEqual([...dueIds].sort());
    expect(all).not.toContain(notYet.id);

    const rows = await db.select().from(stories).where(inArray(stories.id, dueIds));
    expect(rows.every((r) => r.status === 'unpublished' && r.unpublishAt === null)).toBe(true);
    expect(rows.find((r) => r.id === due[0]!.id)!.title).toBe('到期前改过');
    expect(edited.version).toBeGreaterThan(due[0]!.version);
    const events = await db.select().from(storyEvents).where(and(inArray(storyEvents.storyId, dueIds), eq(storyEvents.action, 'unpublish_due')));
    expect(events).toHaveLength(dueIds.length);
    const notices = await db.select().from(notifications).where(and(inArray(notifications.storyId, dueIds), eq(notifications.kind, 'story_unpublished')));
    expect(notices).toHaveLength(dueIds.length);
    for (const s of due) expect(await getPublishedArticle(String(s.id))).toBeNull();
    expect(await getPublishedArticle(String(notYet.id))).not.toBeNull();
  });
});

describe('the corrections page', () => {
  test('off by default; when on: newest first, paged, only of published stories, with its feed', async () => {
    const db = await getDb();
    const site = (await getSiteSettings()).site;
    await writeSettingsGroup(db, 'site', { ...site, publicCorrections: false }, null);
    clearSettingsCache();
    expect(await listCorrectionsPage(1)).toBeNull();
    expect(await buildCorrectionsFeed(seoSite(site))).toBeNull();

    const a = await published(`更正甲 ${uniqueToken()}`);
    const b = await published(`更正乙 ${uniqueToken()}`);
    const editA = await saveStory(editor.viewer, a.id, a.version, form(a, { bodyHtml: paragraph('甲第一次') }));
    await publishUpdate(editor.viewer, a.id, editA.version, { kind: 'correction', note: '甲的第一条更正。' });
    const editB = await saveStory(editor.viewer, b.id, b.version, form(b, { bodyHtml: paragraph('乙') }));
    const outB = await publishUpdate(editor.viewer, b.id, editB.version, { kind: 'correction', note: '乙的更正。' });
    const [rowA] = await db.select().from(stories).where(eq(stories.id, a.id));
    const editA2 = await saveStory(editor.viewer, a.id, rowA!.version, form(rowA!, { bodyHtml: paragraph('甲第二次') }));
    await publishUpdate(editor.viewer, a.id, editA2.version, { kind: 'correction', note: '甲的第二条更正。' });
    // Both on the article, in the order they were made.
    expect((await listArticleCorrections(a.id)).map((c) => c.note)).toEqual(['甲的第一条更正。', '甲的第二条更正。']);

    await writeSettingsGroup(db, 'site', { ...site, publicCorrections: true }, null);
    clearSettingsCache();
    const page = await listCorrectionsPage(1);
    expect(page!.items.slice(0, 3).map((c) => c.note)).toEqual(['甲的第二条更正。', '乙的更正。', '甲的第一条更正。']);
    expect(page!.items[0]).toMatchObject({ storyId: a.id, title: a.title });
    expect(await listCorrectionsPage(page!.pages + 1)).toBeNull();
    expect(await listCorrectionsPage(0)).toBeNull();
    const feed = await buildCorrectionsFeed(seoSite({ ...site, baseUrl: 'https://news.example.cn' }));
    expect(feed).toContain('甲的第二条更正。');
    expect(feed).toContain(`https://news.example.cn/articles/${a.id}#correction-`);

    // A corrected story taken down: its corrections leave the page, and the
    // page is among those announced stale.
    const stale = await db.transaction((tx) => stalePagesFor(tx, [b.id], []));
    expect(stale.corrections).toBe(true);
    await unpublishStory(editor.viewer, b.id, outB.version, '撤下。');
    expect((await listCorrectionsPage(1))!.items.map((c) => c.storyId)).not.toContain(b.id);
    expect(await listArticleCorrections(b.id)).toEqual([]);
    expect(await db.select().from(storyCorrections).where(eq(storyCorrections.storyId, b.id))).toHaveLength(1);
    const plain = await published();
    expect((await db.transaction((tx) => stalePagesFor(tx, [plain.id], []))).corrections).toBeUndefined();
  });
});
