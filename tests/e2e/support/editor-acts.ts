import { databaseUrl, demo, openAppDatabase } from './accounts';

// What an editor does to a submitted story — claim it, then return it with a
// note or publish it (after editing) — written straight into the database the
// way the review desk will write it: guarded state change, version bump,
// revision and timeline rows, and the correspondent's notification, in one
// transaction. This stands in for the review desk until it exists; once it
// does, the specs should drive it through its pages instead.

export type Editing = {
  // The title as published; unchanged when omitted.
  title?: string;
  // The body as the editor leaves it, from the body as submitted.
  body?: (bodyHtml: string) => string;
  note?: string;
};

// These acts need the database itself: PostgreSQL (E2E_DATABASE_URL), not the
// embedded one the server holds.
export function canActAsEditor(): boolean {
  return databaseUrl() !== undefined;
}

async function openDatabase() {
  const url = databaseUrl();
  if (!url) throw new Error('Editor acts need E2E_DATABASE_URL (the embedded database is locked by the server).');
  const db = await openAppDatabase(url);
  const [schema, { and, eq }, { sanitizeStoryHtml }] = await Promise.all([import('@/db/schema'), import('drizzle-orm'), import('@/lib/content/sanitize')]);
  const [editor] = await db
    .select({ id: schema.users.id, displayName: schema.users.displayName })
    .from(schema.users)
    .where(eq(schema.users.username, demo.editor.username))
    .limit(1);
  if (!editor) throw new Error(`The demo editor ${demo.editor.username} is missing: was the demo seeded?`);
  return { db, schema, and, eq, sanitizeStoryHtml, editor };
}

type Opened = Awaited<ReturnType<typeof openDatabase>>;
type Tx = Parameters<Parameters<Opened['db']['transaction']>[0]>[0];

// Claims a submitted story for the demo editor (submitted → in_review) inside
// `tx`, and returns it as it now is.
async function claim(tx: Tx, o: Opened, storyId: number) {
  const { schema, and, eq, editor } = o;
  const [story] = await tx.select().from(schema.stories).where(eq(schema.stories.id, storyId)).for('update').limit(1);
  if (!story) throw new Error(`story ${storyId} not found`);
  if (story.status !== 'submitted') throw new Error(`story ${storyId} is ${story.status}, not submitted`);
  const now = new Date();
  const [claimed] = await tx
    .update(schema.stories)
    .set({ status: 'in_review', assigneeId: editor.id, claimedAt: now, version: story.version + 1, updatedAt: now })
    .where(and(eq(schema.stories.id, storyId), eq(schema.stories.version, story.version)))
    .returning();
  await tx.insert(schema.storyEvents).values({ storyId, actorId: editor.id, action: 'claim', fromStatus: 'submitted', toStatus: 'in_review' });
  return claimed!;
}

// The editor claims the story and returns it to its correspondent with a note.
export async function returnStory(storyId: number, note: string): Promise<void> {
  const o = await openDatabase();
  const { db, schema, and, eq, editor } = o;
  await db.transaction(async (tx) => {
    const story = await claim(tx, o, storyId);
    const now = new Date();
    const [returned] = await tx
      .update(schema.stories)
      .set({ status: 'changes_requested', lastNote: note, version: story.version + 1, updatedAt: now })
      .where(and(eq(schema.stories.id, storyId), eq(schema.stories.version, story.version), eq(schema.stories.status, 'in_review')))
      .returning({ id: schema.stories.id });
    if (!returned) throw new Error(`story ${storyId} changed while being returned`);
    await tx.insert(schema.storyEvents).values({ storyId, actorId: editor.id, action: 'return', fromStatus: 'in_review', toStatus: 'changes_requested', note });
    await tx.insert(schema.notifications).values({
      userId: story.ownerId,
      kind: 'story_returned',
      storyId,
      actorId: editor.id,
      payload: { title: story.title, receiptNo: story.receiptNo },
    });
  });
}

// The editor claims the story, edits it and publishes it now.
export async function publishStory(storyId: number, editing: Editing = {}): Promise<void> {
  const o = await openDatabase();
  const { db, schema, and, eq, sanitizeStoryHtml, editor } = o;
  await db.transaction(async (tx) => {
    const story = await claim(tx, o, storyId);
    const title = editing.title ?? story.title;
    const { html: bodyHtml, text: bodyText } = sanitizeStoryHtml(editing.body ? editing.body(story.bodyHtml) : story.bodyHtml);
    const now = new Date();
    const [published] = await tx
      .update(schema.stories)
      .set({
        title,
        bodyHtml,
        bodyText,
        status: 'published',
        publishedAt: now,
        firstPublishedAt: story.firstPublishedAt ?? now,
        publishedById: editor.id,
        editorName: editor.displayName,
        contentUpdatedAt: now,
        version: story.version + 1,
        updatedAt: now,
      })
      .where(and(eq(schema.stories.id, storyId), eq(schema.stories.version, story.version), eq(schema.stories.status, 'in_review')))
      .returning({ version: schema.stories.version });
    if (!published) throw new Error(`story ${storyId} changed while being published`);
    await tx.insert(schema.storyRevisions).values({
      storyId,
      storyVersion: published.version,
      kind: 'publish',
      authorId: editor.id,
      title,
      subtitle: story.subtitle,
      summary: story.summary,
      bodyHtml,
      bodyText,
    });
    await tx.insert(schema.storyEvents).values({ storyId, actorId: editor.id, action: 'publish', fromStatus: 'in_review', toStatus: 'published', note: editing.note ?? null });
    await tx.insert(schema.notifications).values({
      userId: story.ownerId,
      kind: 'story_published',
      storyId,
      actorId: editor.id,
      payload: { title, receiptNo: story.receiptNo },
    });
  });
}
