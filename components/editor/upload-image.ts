// Sends one image to /api/media. The server checks the bytes, re-encodes and
// strips metadata; its refusal comes back already in the user's language.

export type UploadedImage = { id: number; url: string; width: number; height: number };

export type UploadOutcome = { ok: true; image: UploadedImage } | { ok: false; message: string | null };

export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;

export function isAcceptedImage(file: Blob): boolean {
  return (ACCEPTED_IMAGE_TYPES as readonly string[]).includes(file.type);
}

function isUploadedImage(body: unknown): body is UploadedImage {
  const b = body as Partial<UploadedImage> | null;
  return typeof b?.id === 'number' && typeof b.url === 'string' && typeof b.width === 'number' && typeof b.height === 'number';
}

export async function uploadImage(file: Blob, name: string, storyId?: number): Promise<UploadOutcome> {
  const form = new FormData();
  form.append('file', file, name);
  if (storyId !== undefined) form.append('storyId', String(storyId));
  let response: Response;
  try {
    response = await fetch('/api/media', { method: 'POST', body: form, credentials: 'same-origin' });
  } catch {
    return { ok: false, message: null };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && isUploadedImage(body)) return { ok: true, image: body };
  const error = (body as { error?: unknown } | null)?.error;
  return { ok: false, message: typeof error === 'string' && error ? error : null };
}

// A file name for a pasted image that has none, from its type.
export function pastedImageName(blob: Blob, index: number): string {
  const ext = blob.type.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png';
  return `pasted-${Date.now().toString(36)}-${index + 1}.${ext}`;
}
