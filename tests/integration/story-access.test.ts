import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import type { StoryStatus } from '@/db/schema';
import { addComment, claimStory, createStory, getReviewFile, getVisibleStory, listComments, readStory, type VisibleStory } from '@/lib/stories';
import type { Viewer } from '@/lib/viewer';
import { canView } from '@/lib/workflow';
import { createAdmin, createCorrespondent, createEditor, createSubmittedStory, expectAppError, STORY_BODY_HTML, type TestUser } from '../support/factories';

// "May this viewer see this story" is asked once per request (getVisibleStory)
// and its answer, a handle, is what every story-scoped read takes.

type Query = { text: string; params: unknown[] };

// Every statement the app sends while `run` runs, read off the driver.
async function recordQueries<T>(run: () => Promise<T>): Promise<{ result: T; queries: Query[] }> {
  const client = ((await getDb()) as unknown as { $client: { unsafe: (text: string, params?: unknown[], options?: unknown) => unknown } }).$client;
  const original = client.unsafe;
  const queries: Query[] = [];
  client.unsafe = function (this: unknown, text: string, params: unknown[] = [], options?: unknown) {
    queries.push({ text, params });
    return original.call(this, text, params, options);
  };
  restore = () => {
    client.unsafe = original;
  };
  try {
    return { result: await run(), queries };
  } finally {
    restore();
  }
}
let restore = () => {};
afterEach(() => restore());

// Statements that read this story's own row (not its events, revisions, …).
// Selects of the story's own row: the correspondent's other stories name it
// only to leave it out ("id" <> …).
function readsOfStoryRow(queries: Query[], storyId: number): Query[] {
  return queries.filter((q) => /\bfrom "stories"/i.test(q.text) && q.params.includes(storyId) && !/"id" <> \$/.test(q.text));
}

let editor: TestUser;
let author: TestUser;

beforeAll(async () => {
  [editor, author] = await Promise.all([createEditor(), createCorrespondent()]);
});

describe('the review page reads the story twice: once for access, once with its text', () => {
  test('getVisibleStory and the review file: one narrow select and one full select of the story, whatever else the page shows', async () => {
    const { story } = await createSubmittedStory({ author });
    await claimStory(editor.viewer, story.id);
    await addComment(editor.viewer, story.id, { body: '请核实数据。' });

    const { result, queries } = await recordQueries(async () => getReviewFile(editor.viewer, await getVisibleStory(editor.viewer, story.id)));
    expect(result.story.bodyHtml).toContain('法律明白人');
    expect(result.comments).toHaveLength(1);
    expect(result.timeline.map((e) => e.action)).toEqual(['create', 'submit', 'claim']);

    const rowReads = readsOfStoryRow(queries, story.id);
    expect(rowReads).toHaveLength(2);
    const [access, full] = rowReads;
    // The access select names its columns and leaves the text out.
    expect(access!.text).not.toMatch(/body_html|body_text/);
    expect(full!.text).toMatch(/body_html/);
    // Timeline, people, comments, revisions, credits and the duplicate check ran too.
    expect(queries.length).toBeGreaterThan(6);
  });

  test('the text is read once per handle however many reads need it', async () => {
    const { story } = await createSubmittedStory({ author });
    const handle = await getVisibleStory(editor.viewer, story.id);
    const { queries } = await recordQueries(() => Promise.all([readStory(editor.viewer, handle), readStory(editor.viewer, handle)]));
    expect(readsOfStoryRow(queries, story.id)).toHaveLength(1);
  });
});

describe('a handle is only good for the viewer it was checked for', () => {
  test('another viewer, or an object that never came from getVisibleStory, is told the story does not exist', async () => {
    const { story } = await createSubmittedStory({ author });
    const other = await createCorrespondent();
    const handle = await getVisibleStory(editor.viewer, story.id);
    await expectAppError(listComments(other.viewer, handle), 'not_found');
    const forged = { ...handle } as VisibleStory;
    await expectAppError(listComments(editor.viewer, forged), 'not_found');
    await expectAppError(readStory(author.viewer, handle), 'not_found');
    // The same person in another role (changed since) is another viewer.
    await expectAppError(listComments({ ...editor.viewer, role: 'correspondent' }, handle), 'not_found');
  });
});

describe("the SQL scope and canView agree for every role and state", () => {
  test('owner, another correspondent, an editor and an admin, on a draft and on a filed story', async () => {
    const [admin, stranger] = await Promise.all([createAdmin(), createCorrespondent()]);
    const draft = await createStory(author.viewer, { title: '草稿', bodyHtml: STORY_BODY_HTML });
    const { story: filed } = await createSubmittedStory({ author });
    const viewers: Viewer[] = [author.viewer, stranger.viewer, editor.viewer, admin.viewer];
    for (const viewer of viewers) {
      for (const story of [draft, filed] as { id: number; ownerId: number; status: StoryStatus }[]) {
        const sees = await getVisibleStory(viewer, story.id).then(
          () => true,
          () => false,
        );
        expect({ viewer: viewer.username, status: story.status, sees }).toEqual({ viewer: viewer.username, status: story.status, sees: canView(viewer, story) });
      }
    }
  });
});
