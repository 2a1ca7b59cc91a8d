import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { media, stories, type StoryStatus } from '@/db/schema';
import { attachMediaToStory, getMediaForServing, toMediaJson, uploadImage } from '@/lib/media';
import { createLocalStorage, overrideMediaStorage } from '@/lib/media/storage';
import type { Viewer } from '@/lib/viewer';
import { GPS_MARKER, HTML, jpeg, jpegWithGps, pixelBombPng, png, SVG, text } from '../fixtures/media/images';
import { createAdmin, createCorrespondent, createEditor, defaultFlowPosition, expectAppError, uniqueToken } from '../support/factories';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tougao-media-'));
  overrideMediaStorage(createLocalStorage(path.join(dataDir, 'uploads')));
});

afterEach(() => {
  overrideMediaStorage(null);
  rmSync(dataDir, { recursive: true, force: true });
});

function storedFiles(): string[] {
  const root = path.join(dataDir, 'uploads');
  return (readdirSync(root, { recursive: true }) as string[]).map((f) => path.join(root, f)).filter((f) => /\.(jpg|png|webp|gif)$/.test(f));
}

let receiptSeq = 0;

function newReceiptNo(): string {
  receiptSeq += 1;
  return `2099-${String(Date.now() % 1e7).padStart(7, '0')}${receiptSeq}`;
}

// The columns the table's checks require of a story in this state.
function stateFields(status: StoryStatus) {
  return {
    status,
    publishedAt: status === 'published' ? new Date() : null,
    publishAt: status === 'scheduled' ? new Date(Date.now() + 86_400_000) : null,
  };
}

// A story in a given state, written straight to the table: the workflow's
// own tests cover how stories get there.
async function insertStory(ownerId: number, status: StoryStatus, assigneeId?: number): Promise<number> {
  const db = await getDb();
  const position = await defaultFlowPosition();
  const [row] = await db
    .insert(stories)
    .values({
      ...stateFields(status),
      ...position(status),
      ownerId,
      title: `图片测试 ${uniqueToken()}`,
      receiptNo: status === 'draft' ? null : newReceiptNo(),
      assigneeId: status === 'in_review' ? (assigneeId ?? null) : null,
    })
    .returning({ id: stories.id });
  return row!.id;
}

// Moves a story that is not in review (draft only as its first state).
async function setStoryStatus(id: number, status: StoryStatus): Promise<void> {
  const db = await getDb();
  const position = await defaultFlowPosition();
  const [story] = await db.select({ receiptNo: stories.receiptNo }).from(stories).where(eq(stories.id, id));
  await db
    .update(stories)
    .set({ ...stateFields(status), ...position(status), receiptNo: story!.receiptNo ?? newReceiptNo() })
    .where(eq(stories.id, id));
}

async function served(viewer: Viewer | null, id: number, variant = 'large') {
  const out = await getMediaForServing(viewer, id, variant);
  return out ? { contentType: out.contentType, isPublic: out.isPublic } : null;
}

describe('uploadImage', () => {
  test('a phone photo is stored re-encoded, upright, without EXIF or GPS, in three sizes', async () => {
    const author = await createCorrespondent();
    const row = await uploadImage(author.viewer, { bytes: await jpegWithGps(3000, 2000), name: 'C:\\Users\\fy\\Pictures\\IMG_0001.JPG' });

    expect(row).toMatchObject({ ownerId: author.id, storyId: null, mimeType: 'image/jpeg', width: 2000, height: 3000, originalName: 'IMG_0001.JPG' });
    expect(row.variants.map((v) => [v.name, v.width, v.height])).toEqual([
      ['large', 2000, 3000],
      ['medium', 1000, 1500],
      ['thumb', 320, 480],
    ]);
    expect(row.storageKey).toBe(row.variants[0]!.key);
    expect(row.bytes).toBe(row.variants[0]!.bytes);

    // Exactly the three variants are on disk; the original is not kept.
    const files = storedFiles();
    expect(files).toHaveLength(3);
    for (const file of files) {
      const bytes = readFileSync(file);
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(bytes.includes(Buffer.from(GPS_MARKER))).toBe(false);
    }

    // And what is served back is those bytes.
    const out = await getMediaForServing(author.viewer, row.id, 'thumb');
    expect(out!.contentType).toBe('image/jpeg');
    const meta = await sharp(out!.bytes).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([320, 480, undefined]);
  });

  test('the browser gets URLs, never storage keys', async () => {
    const author = await createCorrespondent();
    const row = await uploadImage(author.viewer, { bytes: await jpeg(2600, 100), name: 'wide.jpg' });
    const json = toMediaJson(row);
    expect(json).toEqual({
      id: row.id,
      url: `/media/${row.id}/large`,
      width: 2000,
      height: 77,
      mimeType: 'image/jpeg',
      variants: [
        { name: 'large', url: `/media/${row.id}/large`, width: 2000, height: 77 },
        { name: 'medium', url: `/media/${row.id}/medium`, width: 1000, height: 38 },
        { name: 'thumb', url: `/media/${row.id}/thumb`, width: 320, height: 12 },
      ],
    });
    expect(JSON.stringify(json)).not.toContain(row.storageKey);
  });

  test('a PNG renamed .jpg is stored as PNG: the type comes from the bytes', async () => {
    const author = await createCorrespondent();
    const row = await uploadImage(author.viewer, { bytes: await png(400, 300), name: 'photo.jpg' });
    expect(row.mimeType).toBe('image/png');
    expect(row.storageKey).toMatch(/\/large\.png$/);
    const out = await getMediaForServing(author.viewer, row.id, 'large');
    expect(out!.contentType).toBe('image/png');
    expect((await sharp(out!.bytes).metadata()).format).toBe('png');
  });

  test.each([
    ['an SVG', 'logo.svg', () => SVG, 'file_not_image'],
    ['an SVG named .png', 'logo.png', () => SVG, 'file_not_image'],
    ['an HTML file named x.jpg', 'x.jpg', () => HTML, 'file_not_image'],
    ['a text file named photo.jpg', 'photo.jpg', () => text('not a photo'), 'file_not_image'],
    ['an empty file', 'empty.jpg', () => new Uint8Array(0), 'file_empty'],
  ])('refuses %s', async (_name, name, make, key) => {
    const author = await createCorrespondent();
    await expectAppError(uploadImage(author.viewer, { bytes: make(), name }), 'validation', { file: key });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  test('refuses a truncated JPEG', async () => {
    const author = await createCorrespondent();
    const whole = await jpegWithGps();
    await expectAppError(uploadImage(author.viewer, { bytes: whole.subarray(0, whole.length >> 1), name: 'cut.jpg' }), 'validation', { file: 'file_unreadable' });
  });

  test('refuses a file over the limit (20 MB by default)', async () => {
    const author = await createCorrespondent();
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    await expectAppError(uploadImage(author.viewer, { bytes: big, name: 'big.jpg' }), 'validation', { file: 'file_too_large' });
  });

  test('refuses a decompression bomb', async () => {
    const author = await createCorrespondent();
    await expectAppError(uploadImage(author.viewer, { bytes: await pixelBombPng(), name: 'bomb.png' }), 'validation', { file: 'file_too_many_pixels' });
  });

  test('needs a signed-in viewer who has changed the first password', async () => {
    const fresh = await createCorrespondent({ mustChangePassword: true });
    await expectAppError(uploadImage(fresh.viewer, { bytes: await jpeg(), name: 'a.jpg' }), 'password_change_required');
    await expectAppError(uploadImage(null as unknown as Viewer, { bytes: await jpeg(), name: 'a.jpg' }), 'unauthorized');
  });

  test('into a story: the correspondent’s own story while editable; an editor’s any submitted story', async () => {
    const author = await createCorrespondent();
    const other = await createCorrespondent();
    const editor = await createEditor();
    const draft = await insertStory(author.id, 'draft');
    const returned = await insertStory(author.id, 'changes_requested');
    const submitted = await insertStory(author.id, 'submitted');
    const bytes = await jpeg();

    expect((await uploadImage(author.viewer, { bytes, name: 'a.jpg', storyId: draft })).storyId).toBe(draft);
    expect((await uploadImage(author.viewer, { bytes, name: 'a.jpg', storyId: returned })).storyId).toBe(returned);
    await expectAppError(uploadImage(author.viewer, { bytes, name: 'a.jpg', storyId: submitted }), 'invalid_transition');
    // Someone else's story, or one that does not exist, looks the same.
    await expectAppError(uploadImage(other.viewer, { bytes, name: 'a.jpg', storyId: draft }), 'not_found');
    await expectAppError(uploadImage(other.viewer, { bytes, name: 'a.jpg', storyId: 2_000_000_000 }), 'not_found');
    await expectAppError(uploadImage(other.viewer, { bytes, name: 'a.jpg', storyId: -1 }), 'not_found');
    // Editors never see drafts.
    await expectAppError(uploadImage(editor.viewer, { bytes, name: 'a.jpg', storyId: draft }), 'not_found');
    const byEditor = await uploadImage(editor.viewer, { bytes, name: 'e.jpg', storyId: submitted });
    expect(byEditor).toMatchObject({ ownerId: editor.id, storyId: submitted });
  });
});

describe('getMediaForServing', () => {
  test('a draft image: its owner yes, another correspondent and the public no, until the story is published', async () => {
    const author = await createCorrespondent();
    const other = await createCorrespondent();
    const editor = await createEditor();
    const admin = await createAdmin();
    const story = await insertStory(author.id, 'draft');
    const { id } = await uploadImage(author.viewer, { bytes: await jpeg(), name: 'a.jpg', storyId: story });

    expect(await served(author.viewer, id)).toEqual({ contentType: 'image/jpeg', isPublic: false });
    expect(await served(other.viewer, id)).toBeNull();
    expect(await served(null, id)).toBeNull();
    // Editors see nothing in a draft, its images included.
    expect(await served(editor.viewer, id)).toBeNull();
    expect(await served(admin.viewer, id)).toBeNull();

    await setStoryStatus(story, 'submitted');
    expect(await served(editor.viewer, id)).toEqual({ contentType: 'image/jpeg', isPublic: false });
    expect(await served(admin.viewer, id)).toEqual({ contentType: 'image/jpeg', isPublic: false });
    expect(await served(other.viewer, id)).toBeNull();
    expect(await served(null, id)).toBeNull();

    await setStoryStatus(story, 'scheduled');
    expect(await served(null, id)).toBeNull();

    await setStoryStatus(story, 'published');
    for (const viewer of [null, other.viewer, author.viewer, editor.viewer]) {
      expect(await served(viewer, id)).toEqual({ contentType: 'image/jpeg', isPublic: true });
    }
    for (const variant of ['medium', 'thumb']) expect(await served(null, id, variant)).toEqual({ contentType: 'image/jpeg', isPublic: true });

    await setStoryStatus(story, 'unpublished');
    expect(await served(null, id)).toBeNull();
    expect(await served(other.viewer, id)).toBeNull();
    expect(await served(author.viewer, id)).toEqual({ contentType: 'image/jpeg', isPublic: false });
  });

  test('an image on no story: its owner and editors, nobody else', async () => {
    const author = await createCorrespondent();
    const other = await createCorrespondent();
    const editor = await createEditor();
    const fresh = await createEditor({ mustChangePassword: true });
    const { id } = await uploadImage(author.viewer, { bytes: await png(), name: 'p.png' });

    expect(await served(author.viewer, id)).toEqual({ contentType: 'image/png', isPublic: false });
    expect(await served(editor.viewer, id)).toEqual({ contentType: 'image/png', isPublic: false });
    expect(await served(other.viewer, id)).toBeNull();
    expect(await served(null, id)).toBeNull();
    expect(await served(fresh.viewer, id)).toBeNull();
  });

  test('an editor’s image in a correspondent’s story: the story’s owner sees it too', async () => {
    const author = await createCorrespondent();
    const editor = await createEditor();
    const story = await insertStory(author.id, 'in_review', editor.id);
    const { id } = await uploadImage(editor.viewer, { bytes: await jpeg(), name: 'e.jpg', storyId: story });
    expect(await served(author.viewer, id)).not.toBeNull();
    expect(await served(null, id)).toBeNull();
  });

  test('unknown ids, unknown sizes and lost files are all null', async () => {
    const author = await createCorrespondent();
    const row = await uploadImage(author.viewer, { bytes: await jpeg(), name: 'a.jpg' });
    for (const variant of ['original', 'LARGE', '', '../large', 'large.jpg']) expect(await served(author.viewer, row.id, variant)).toBeNull();
    for (const id of [0, -1, 1.5, Number.NaN, 2 ** 31, 2_000_000_000]) expect(await served(author.viewer, id)).toBeNull();

    rmSync(path.join(dataDir, 'uploads'), { recursive: true, force: true });
    expect(await served(author.viewer, row.id)).toBeNull();
  });

  test('the ETag is stable per image and size, and differs between them', async () => {
    const author = await createCorrespondent();
    const a = await uploadImage(author.viewer, { bytes: await jpeg(), name: 'a.jpg' });
    const b = await uploadImage(author.viewer, { bytes: await jpeg(), name: 'a.jpg' });
    const etag = async (id: number, v: string) => (await getMediaForServing(author.viewer, id, v))!.etag;
    expect(await etag(a.id, 'large')).toBe(await etag(a.id, 'large'));
    expect(await etag(a.id, 'large')).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(await etag(a.id, 'large')).not.toBe(await etag(a.id, 'thumb'));
    expect(await etag(a.id, 'large')).not.toBe(await etag(b.id, 'large'));
  });
});

describe('attachMediaToStory', () => {
  test('attaches the viewer’s own loose images; skips others’ and those on another story', async () => {
    const author = await createCorrespondent();
    const other = await createCorrespondent();
    const story = await insertStory(author.id, 'draft');
    const elsewhere = await insertStory(author.id, 'draft');
    const bytes = await jpeg();
    const mine = await uploadImage(author.viewer, { bytes, name: 'a.jpg' });
    const already = await uploadImage(author.viewer, { bytes, name: 'b.jpg', storyId: story });
    const onOther = await uploadImage(author.viewer, { bytes, name: 'c.jpg', storyId: elsewhere });
    const theirs = await uploadImage(other.viewer, { bytes, name: 'd.jpg' });

    const result = await attachMediaToStory(author.viewer, [mine.id, already.id, onOther.id, theirs.id, mine.id, 2_000_000_000], story);
    expect(result).toEqual({ attached: [mine.id, already.id], skipped: [onOther.id, theirs.id, 2_000_000_000] });

    const db = await getDb();
    const rows = await db.select({ id: media.id, storyId: media.storyId }).from(media).where(eq(media.ownerId, author.id));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.storyId]))).toEqual({ [mine.id]: story, [already.id]: story, [onOther.id]: elsewhere });
    expect(await attachMediaToStory(author.viewer, [], story)).toEqual({ attached: [], skipped: [] });
  });

  test('the story must be one the viewer may add images to', async () => {
    const author = await createCorrespondent();
    const other = await createCorrespondent();
    const editor = await createEditor();
    const draft = await insertStory(author.id, 'draft');
    const submitted = await insertStory(author.id, 'submitted');
    const { id } = await uploadImage(other.viewer, { bytes: await jpeg(), name: 'a.jpg' });

    await expectAppError(attachMediaToStory(other.viewer, [id], draft), 'not_found');
    await expectAppError(attachMediaToStory(author.viewer, [id], submitted), 'invalid_transition');
    await expectAppError(attachMediaToStory(editor.viewer, [id], draft), 'not_found');
  });

  test('an editor saving a submitted story attaches the correspondent’s loose images and their own', async () => {
    const author = await createCorrespondent();
    const editor = await createEditor();
    const story = await insertStory(author.id, 'submitted');
    const byAuthor = await uploadImage(author.viewer, { bytes: await jpeg(), name: 'a.jpg' });
    const byEditor = await uploadImage(editor.viewer, { bytes: await jpeg(), name: 'e.jpg' });
    expect(await attachMediaToStory(editor.viewer, [byAuthor.id, byEditor.id], story)).toEqual({ attached: [byAuthor.id, byEditor.id], skipped: [] });

    await setStoryStatus(story, 'published');
    expect(await served(null, byAuthor.id)).toEqual({ contentType: 'image/jpeg', isPublic: true });
  });

  test('works inside the caller’s transaction', async () => {
    const author = await createCorrespondent();
    const story = await insertStory(author.id, 'draft');
    const { id } = await uploadImage(author.viewer, { bytes: await jpeg(), name: 'a.jpg' });
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        expect(await attachMediaToStory(author.viewer, [id], story, tx)).toEqual({ attached: [id], skipped: [] });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const [row] = await db.select({ storyId: media.storyId }).from(media).where(eq(media.id, id));
    expect(row!.storyId).toBeNull();
  });
});
