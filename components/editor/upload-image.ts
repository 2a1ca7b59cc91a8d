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

// Bytes sent so far of the request's total, as the browser reports them.
export type UploadProgress = (sent: number, total: number) => void;

// Through XMLHttpRequest, the one browser API that reports how much of a
// request body has gone: a 560 KB photo takes seconds on a slow line.
export function uploadImage(file: Blob, name: string, storyId?: number, onProgress?: UploadProgress): Promise<UploadOutcome> {
  const form = new FormData();
  form.append('file', file, name);
  if (storyId !== undefined) form.append('storyId', String(storyId));
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/media');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    };
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // not JSON: a proxy's error page; said as "upload failed"
      }
      if (request.status >= 200 && request.status < 300 && isUploadedImage(body)) return resolve({ ok: true, image: body });
      const error = (body as { error?: unknown } | null)?.error;
      resolve({ ok: false, message: typeof error === 'string' && error ? error : null });
    };
    request.onerror = request.onabort = request.ontimeout = () => resolve({ ok: false, message: null });
    request.send(form);
  });
}

// The share of all pending uploads' bytes sent, in whole percent: uploads
// waiting their turn count with nothing sent.
export function uploadPercent(items: Iterable<{ sent: number; total: number }>): number {
  let sent = 0;
  let total = 0;
  for (const item of items) {
    sent += Math.min(item.sent, item.total);
    total += item.total;
  }
  return total > 0 ? Math.floor((sent / total) * 100) : 0;
}

// A file name for a pasted image that has none, from its type.
export function pastedImageName(blob: Blob, index: number): string {
  const ext = blob.type.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png';
  return `pasted-${Date.now().toString(36)}-${index + 1}.${ext}`;
}
