import type { APIRequestContext, APIResponse } from '@playwright/test';
import { databaseUrl, openAppDatabase } from './accounts';

export type UploadFile = { name: string; mimeType: string; buffer: Buffer };

// POST /api/media as the editor's page sends it: multipart `file`, from our
// own origin (the route refuses cross-site posts). `request` carries the
// signed-in browser's cookies (page.request).
export function postImage(request: APIRequestContext, baseURL: string, file: UploadFile, storyId?: number): Promise<APIResponse> {
  return request.post('/api/media', {
    multipart: storyId === undefined ? { file } : { file, storyId: String(storyId) },
    headers: { Origin: new URL(baseURL).origin },
  });
}

// How many images an account has stored, or null on the embedded database
// (locked by the server, so not readable from the tests).
export async function countUploadsOf(ownerId: number): Promise<number | null> {
  const url = databaseUrl();
  if (!url) return null;
  const db = await openAppDatabase(url);
  const [{ media }, { eq }] = await Promise.all([import('@/db/schema'), import('drizzle-orm')]);
  const rows = await db.select({ id: media.id }).from(media).where(eq(media.ownerId, ownerId));
  return rows.length;
}
