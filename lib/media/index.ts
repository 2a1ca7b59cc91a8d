import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { and, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import { media, stories, type Media, type MediaVariant } from '@/db/schema';
import { can, isDesk } from '../authz';
import { getEnv } from '../env';
import { AppError } from '../errors';
import { logger } from '../logger';
import { getSiteSettings, getUploadLimits } from '../settings';
import { canEdit, canView } from '../workflow';
import { pendingAccountStep, requirePermission, type Viewer } from '../viewer';
import { processImage } from './process';
import { getMediaStorage } from './storage';
import { isVariantName, mediaUrl } from './urls';
import type { VariantName } from './variants';
import { isId } from '../ids';
import { isPublishedStatus } from '../published';
import { visibleStoryWhere } from '../stories/internal/scope';

export { mediaIdsInHtml, mediaUrl, parseMediaUrl } from './urls';
export { variantNames, type VariantName } from './variants';

// The server's ceiling (UPLOAD_MAX_MB, default 20): no upload body is read
// past it. The limits in force, set on the settings page, are at most this
// (getUploadLimits in lib/settings).
export function getUploadLimitBytes(): number {
  return Math.floor(getEnv().UPLOAD_MAX_MB * 1024 * 1024);
}

// What a browser may keep of the original name: the last path segment, no
// control characters, bounded. Only ever shown as text.
function cleanName(name: unknown): string {
  if (typeof name !== 'string') return '';
  const base = path.posix.basename(name.replaceAll('\\', '/'));
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
}

type StoryAccess = { id: number; ownerId: number; status: (typeof stories.$inferSelect)['status'] };

// The story images are added to: a correspondent's own story while they may
// edit it, or any story an editor may see (anything but a draft). Someone
// else's story, or one an editor may not see, is "not found".
async function getStoryForMedia(viewer: Viewer, storyId: unknown, db: Db | Tx): Promise<StoryAccess> {
  if (!isId(storyId)) throw new AppError('not_found', 'story id');
  const [story] = await db
    .select({ id: stories.id, ownerId: stories.ownerId, status: stories.status })
    .from(stories)
    .where(visibleStoryWhere(viewer, storyId))
    .limit(1);
  if (!story) throw new AppError('not_found', `story ${storyId}`);
  if (!isDesk(viewer) && !canEdit(viewer, story)) throw new AppError('invalid_transition', `add media in ${story.status}`);
  return story;
}

function newKeyPrefix(now = new Date()): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${now.getUTCFullYear()}/${month}/${randomBytes(16).toString('hex')}`;
}

// Anyone who may upload (correspondents, editors, admins). The bytes are
// checked, re-encoded and stripped (lib/media/process.ts); the uploader owns
// the image. With a story id, the image is attached to that story at once.
export async function uploadImage(viewer: Viewer, input: { bytes: Uint8Array; name: string; storyId?: number }): Promise<Media> {
  requirePermission(viewer, 'media:upload');
  const db = await getDb();
  const storyId = input.storyId === undefined ? null : (await getStoryForMedia(viewer, input.storyId, db)).id;
  const image = await processImage(input.bytes, { maxBytes: (await getUploadLimits()).imageBytes });

  const storage = getMediaStorage();
  const prefix = newKeyPrefix();
  const variants: MediaVariant[] = image.variants.map((v) => ({
    name: v.name,
    key: `${prefix}/${v.name}.${image.extension}`,
    width: v.width,
    height: v.height,
    bytes: v.bytes.byteLength,
  }));
  try {
    await Promise.all(image.variants.map((v, i) => storage.put(variants[i]!.key, v.bytes, image.contentType)));
    const large = variants[0]!;
    const [row] = await db
      .insert(media)
      .values({
        ownerId: viewer.id,
        storyId,
        storageKey: large.key,
        mimeType: image.contentType,
        width: large.width,
        height: large.height,
        bytes: large.bytes,
        originalName: cleanName(input.name),
        variants,
      })
      .returning();
    return row!;
  } catch (error) {
    // No row, no files: nothing points at them, so they go.
    await Promise.allSettled(variants.map((v) => storage.delete(v.key)));
    throw error;
  }
}

export type ServedMedia = {
  bytes: Uint8Array;
  contentType: string;
  // Public images may be cached by anyone for a year; the rest by nobody.
  isPublic: boolean;
  etag: string;
};

// Anyone, signed in or not. An image is public once the story it is attached
// to is published. Otherwise it is served to its uploader, to whoever may see
// its story (the story's owner; editors once it is submitted), and, while it
// belongs to no story, to editors. Everyone else gets null, never an error,
// so the route answers 404 and draft images do not leak.
export async function getMediaForServing(viewer: Viewer | null, id: number, variant: string): Promise<ServedMedia | null> {
  if (!isId(id) || !isVariantName(variant)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      ownerId: media.ownerId,
      storyId: media.storyId,
      mimeType: media.mimeType,
      variants: media.variants,
      storyOwnerId: stories.ownerId,
      storyStatus: stories.status,
    })
    .from(media)
    .leftJoin(stories, eq(stories.id, media.storyId))
    .where(eq(media.id, id))
    .limit(1);
  if (!row) return null;
  const stored = row.variants.find((v) => v.name === variant);
  if (!stored) return null;

  // The site's logo is on every public page.
  const isPublic = isPublishedStatus(row.storyStatus) || (row.storyId === null && (await getSiteSettings()).site.logoMediaId === id);
  if (!isPublic && !canSeeUnpublished(viewer, row)) return null;

  const object = await getMediaStorage().get(stored.key);
  if (!object) {
    logger.warn({ mediaId: id, variant }, 'media row without its stored object');
    return null;
  }
  const etag = `"${createHash('sha256').update(stored.key).digest('base64url').slice(0, 27)}"`;
  return { bytes: object.bytes, contentType: row.mimeType, isPublic, etag };
}

function canSeeUnpublished(
  viewer: Viewer | null,
  row: { ownerId: number; storyOwnerId: number | null; storyStatus: StoryAccess['status'] | null },
): boolean {
  // A viewer who has not yet changed the first password (or enrolled a
  // second factor the site requires) is not yet anyone.
  if (!viewer || pendingAccountStep(viewer)) return false;
  if (viewer.id === row.ownerId) return true;
  if (row.storyOwnerId !== null && row.storyStatus !== null) return canView(viewer, { ownerId: row.storyOwnerId, status: row.storyStatus });
  return can(viewer, 'review:use');
}

// Whoever may add images to the story (see getStoryForMedia), when a story is
// saved with images: attaches the images it refers to. Only images that are
// already on this story, or on no story and uploaded by the viewer or by the
// story's owner, are attached; the rest (someone else's, or on another story)
// are skipped and returned, never moved. Pass the caller's transaction to
// attach in the same save.
export async function attachMediaToStory(
  viewer: Viewer,
  mediaIds: readonly number[],
  storyId: number,
  db?: Db | Tx,
): Promise<{ attached: number[]; skipped: number[] }> {
  requirePermission(viewer, 'media:upload');
  const executor = db ?? (await getDb());
  const story = await getStoryForMedia(viewer, storyId, executor);
  const ids = [...new Set(mediaIds.filter(isId))].slice(0, 1000);
  if (ids.length === 0) return { attached: [], skipped: [] };
  const attachable: SQL = or(
    eq(media.storyId, story.id),
    and(isNull(media.storyId), inArray(media.ownerId, [...new Set([viewer.id, story.ownerId])])),
  )!;
  const rows = await executor
    .update(media)
    .set({ storyId: story.id })
    .where(and(inArray(media.id, ids), attachable))
    .returning({ id: media.id });
  const attached = new Set(rows.map((r) => r.id));
  return { attached: ids.filter((i) => attached.has(i)), skipped: ids.filter((i) => !attached.has(i)) };
}

export type MediaJson = {
  id: number;
  url: string;
  width: number;
  height: number;
  mimeType: string;
  variants: { name: VariantName; url: string; width: number; height: number }[];
};

// What the browser gets back about an upload: URLs, never storage keys.
export function toMediaJson(row: Media): MediaJson {
  return {
    id: row.id,
    url: mediaUrl(row.id, 'large'),
    width: row.width,
    height: row.height,
    mimeType: row.mimeType,
    variants: row.variants.filter((v) => isVariantName(v.name)).map((v) => ({ name: v.name as VariantName, url: mediaUrl(row.id, v.name as VariantName), width: v.width, height: v.height })),
  };
}
