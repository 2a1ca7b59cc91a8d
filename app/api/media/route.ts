// Image upload for the story editor: multipart `file` (+ optional `storyId`) → JSON about the stored image.
import type { NextRequest } from 'next/server';
import { handleFileUpload } from '@/lib/http/file-upload';
import { toMediaJson, uploadImage } from '@/lib/media';

export const dynamic = 'force-dynamic';

export function POST(request: NextRequest) {
  return handleFileUpload(request, {
    tooLargeKey: 'file_too_large',
    unreadableKey: 'file_unreadable',
    logLabel: 'image upload',
    handle: async (viewer, file) => ({ body: toMediaJson(await uploadImage(viewer, file)), status: 201 }),
  });
}
