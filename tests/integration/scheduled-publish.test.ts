import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { notifications, stories, storyEvents, type Story } from '@/db/schema';
import { claimStory, publishStory, unpublishStory } from '@/lib/stories';
import { publishDueStories } from '@/lib/stories/scheduler';
import { getSiteSettings, type SiteSettings } from '@/lib/settings';
import { writeSettingsGroup } from '@/lib/settings/internal/write';
import { createColumn, createCorrespondent, createEditor, createSubmittedStory, type TestUser } from '../support/factories';

// The scheduler's flip (scheduled → published at publish_at): exactly once per
// story however many instances run it at the same moment.

const HOUR_MS = 3600_000;

let editor: TestUser;
let author: TestUser;
let columnId: number;
let previousTimeZone: string;

beforeAll(async () => {
  previousTimeZone = (await getSiteSettings()).site.timeZone;
  await writeSettingsGroup(await getDb(), 'site', { timeZone: 'Asia/Shanghai' } satisfies Partial<SiteSettings['site']>, null);
  [editor, author, { id: columnId }] = await Promise.all([createEditor(), createCorrespondent(), createColumn()]);
});

afterAll(async () => {
  await writeSettingsGroup(await getDb(), 'site', { timeZone: previousTimeZone }, null);
});

// The datetime-local value a Shanghai editor types for an instant (UTC+8, no DST).
function shanghaiLocal(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR_MS).toISOString().slice(0, 16);
}

function minuteAhead(minutes: number): Date {
  const at = new Date(Date.now() + minutes * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}

// A filed story, claimed and scheduled by the editor for `at`.
async function scheduledFor(at: Date): Promise<Story> {
  const { story } = await createSubmittedStory({ author, columnId });
  const claimed = await claimStory(editor.viewer, story.id);
  return publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: '通讯员 测试', when: 'schedule', publishAt: shanghaiLocal(at) });
}

// Lets a scheduled time pass without waiting: moves it into the past.
async function makeDue(id: number, at: Date): Promise<void> {
  const db = await getDb();
  await db.update(stories).set({ publishAt: at }).where(and(eq(stories.id, id), eq(stories.status, 'scheduled')));
}

async function rowsOf(ids: number[]): Promise<Map<number, Story>> {
  const db = await getDb();
  const rows = await db.select().from(stories).where(inArray(stories.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

async function dueEventsOf(ids: number[]) {
  const db = await getDb();
  return db.select().from(storyEvents).where(and(inArray(storyEvents.storyId, ids), eq(storyEvents.action, 'publish_due')));
}

describe('scheduled publishing', () => {
  test('several flippers at once: each due story is published by exactly one of them, at its scheduled time', async () => {
    for (let round = 0; round < 3; round++) {
      const due = await Promise.all(Array.from({ length: 6 }, (_, i) => scheduledFor(minuteAhead(60 + i))));
      const notYet = await Promise.all([scheduledFor(minuteAhead(30 * 60)), scheduledFor(minuteAhead(31 * 60))]);
      // Distinct times in the past, as if each had come round a while ago.
      const dueAt = new Map(due.map((s, i) => [s.id, new Date(Date.now() - (i + 1) * 7 * 60_000 - 123)]));
      for (const [id, at] of dueAt) await makeDue(id, at);
      const dueIds = [...dueAt.keys()];
      const notYetIds = notYet.map((s) => s.id);

      const results = await Promise.all(Array.from({ length: 4 }, () => publishDueStories()));
      const all = results.flat();
      // No story was taken by two flippers, every due one by some flipper.
      expect(new Set(all).size).toBe(all.length);
      expect(all).toEqual(expect.arrayContaining(dueIds));
      for (const id of notYetIds) expect(all).not.toContain(id);

      const rows = await rowsOf([...dueIds, ...notYetIds]);
      for (const s of due) {
        const row = rows.get(s.id)!;
        expect(row).toMatchObject({ status: 'published', publishAt: null, version: s.version + 1 });
        expect(row.publishedAt).toEqual(dueAt.get(s.id));
        expect(row.firstPublishedAt).toEqual(dueAt.get(s.id));
      }
      for (const s of notYet) expect(rows.get(s.id)).toMatchObject({ status: 'scheduled', publishAt: s.publishAt, version: s.version });

      const events = await dueEventsOf([...dueIds, ...notYetIds]);
      expect(events.map((e) => e.storyId).sort((a, b) => a - b)).toEqual([...dueIds].sort((a, b) => a - b));
      for (const e of events) expect(e).toMatchObject({ actorId: null, fromStatus: 'scheduled', toStatus: 'published' });

      const db = await getDb();
      const told = await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, author.id), eq(notifications.kind, 'story_published'), inArray(notifications.storyId, [...dueIds, ...notYetIds])));
      expect(told.map((n) => n.storyId).sort((a, b) => a! - b!)).toEqual([...dueIds].sort((a, b) => a - b));
      for (const n of told) expect(n.actorId).toBeNull();

      // Once flipped, a later tick finds nothing of these.
      const later = await publishDueStories();
      for (const id of [...dueIds, ...notYetIds]) expect(later).not.toContain(id);
    }
  });

  test('the tick passed in decides: due at or before it flips, a minute after it does not', async () => {
    const first = await scheduledFor(minuteAhead(90));
    const second = await scheduledFor(minuteAhead(91));
    const flipped = await publishDueStories(first.publishAt!);
    expect(flipped).toContain(first.id);
    expect(flipped).not.toContain(second.id);
    const rows = await rowsOf([first.id, second.id]);
    // The page shows the time the editor chose.
    expect(rows.get(first.id)).toMatchObject({ status: 'published', publishedAt: first.publishAt });
    expect(rows.get(second.id)).toMatchObject({ status: 'scheduled', publishAt: second.publishAt });
  });

  test('a rescheduled story goes out at its new time; an unpublished one never does', async () => {
    const moved = await scheduledFor(minuteAhead(120));
    const newTime = minuteAhead(180);
    const rescheduled = await publishStory(editor.viewer, moved.id, moved.version, { columnId, byline: '通讯员 测试', when: 'schedule', publishAt: shanghaiLocal(newTime) });
    expect(rescheduled.publishAt).toEqual(newTime);

    const pulled = await scheduledFor(minuteAhead(120));
    await unpublishStory(editor.viewer, pulled.id, pulled.version, '暂不发布。');

    expect(await publishDueStories(minuteAhead(150))).not.toContain(moved.id);
    const flipped = await publishDueStories(minuteAhead(200));
    expect(flipped).toContain(moved.id);
    expect(flipped).not.toContain(pulled.id);
    const rows = await rowsOf([moved.id, pulled.id]);
    expect(rows.get(moved.id)).toMatchObject({ status: 'published', publishedAt: newTime });
    expect(rows.get(pulled.id)).toMatchObject({ status: 'unpublished', publishAt: null, publishedAt: null });
  });

  test('a story republished on a schedule keeps its original publication date', async () => {
    const { story } = await createSubmittedStory({ author, columnId });
    const claimed = await claimStory(editor.viewer, story.id);
    const first = await publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: '通讯员 测试' });
    const down = await unpublishStory(editor.viewer, story.id, first.version, '核实后再发。');
    await publishStory(editor.viewer, story.id, down.version, { columnId, byline: '通讯员 测试', when: 'schedule', publishAt: shanghaiLocal(minuteAhead(90)) });
    await makeDue(story.id, new Date(Date.now() - 60_000));
    expect(await publishDueStories()).toContain(story.id);
    const after = (await rowsOf([story.id])).get(story.id)!;
    expect(after.status).toBe('published');
    expect(after.publishedAt).toEqual(first.publishedAt);
  });
});
