import 'server-only';
import { cache } from 'react';
import { stories, type Story } from '@/db/schema';
import { getDb } from '@/db/client';
import { AppError } from '../errors';
import { isId } from '../ids';
import { requirePermission, type Viewer } from '../viewer';
import { readPending, workingCopy } from './internal/pending';
import { visibleStoryWhere } from './internal/scope';

// "May this viewer see this story" is asked once: getVisibleStory reads what
// deciding needs (not the text, which runs to millions of characters) and
// returns a handle. Every story-scoped read takes the handle instead of an
// id, so it neither re-reads the row nor can be handed a story nobody checked.

const headColumns = {
  id: stories.id,
  ownerId: stories.ownerId,
  unitId: stories.unitId,
  columnId: stories.columnId,
  status: stories.status,
  version: stories.version,
  assigneeId: stories.assigneeId,
  receiptNo: stories.receiptNo,
  title: stories.title,
  publicId: stories.publicId,
  submittedAt: stories.submittedAt,
  publishAt: stories.publishAt,
  publishedAt: stories.publishedAt,
  firstPublishedAt: stories.firstPublishedAt,
  lastNote: stories.lastNote,
};

export type StoryHead = Pick<Story, keyof typeof headColumns>;

declare const checked: unique symbol;
export type VisibleStory = Readonly<StoryHead> & { readonly [checked]: true };

// Which viewer each handle was checked for (who and in which role: a role
// change changes what one may see); a handle is one request's.
const checkedFor = new WeakMap<object, string>();
const identity = (viewer: Viewer) => `${viewer.id}:${viewer.role}`;
const rows = new WeakMap<object, Promise<Story>>();

// The story if this viewer may see it, else `not_found` (never "forbidden":
// someone else's story looks missing). Once per request for a viewer and id.
export const getVisibleStory = cache(async (viewer: Viewer, id: number): Promise<VisibleStory> => {
  requirePermission(viewer, 'portal:enter');
  if (!isId(id)) throw new AppError('not_found');
  const db = await getDb();
  const [head] = await db.select(headColumns).from(stories).where(visibleStoryWhere(viewer, id)).limit(1);
  if (!head) throw new AppError('not_found');
  checkedFor.set(head, identity(viewer));
  return head as VisibleStory;
});

// For the reads that take a handle: it came from getVisibleStory, for this viewer.
export function assertVisible(viewer: Viewer, story: VisibleStory): void {
  if (checkedFor.get(story) !== identity(viewer)) throw new AppError('not_found', `story ${story.id}: handle not checked for viewer ${viewer.id}`);
}

// The whole row, text included; read once per handle however many readers ask.
export async function readStory(viewer: Viewer, story: VisibleStory): Promise<Story> {
  assertVisible(viewer, story);
  let row = rows.get(story);
  if (!row) {
    row = (async () => {
      const db = await getDb();
      // Checked again: a story withdrawn to a draft since leaves the desk's view.
      const [full] = await db.select().from(stories).where(visibleStoryWhere(viewer, story.id)).limit(1);
      if (!full) throw new AppError('not_found');
      return full;
    })();
    rows.set(story, row);
    row.catch(() => rows.delete(story));
  }
  return row;
}

// The id form, for callers that need the whole story at once (a form's
// conflict reload): the access check, then the text the editor works on (a
// published story's pending revision, docs/live-articles.md).
export async function getStory(viewer: Viewer, id: number): Promise<Story> {
  return readWorkingCopy(viewer, await getVisibleStory(viewer, id));
}

// The working copy of a story for its editor: the pending revision of a
// published story, else the story.
export async function readWorkingCopy(viewer: Viewer, handle: VisibleStory): Promise<Story> {
  const story = await readStory(viewer, handle);
  if (story.status !== 'published') return story;
  return workingCopy(story, await readPending(await getDb(), story.id));
}
