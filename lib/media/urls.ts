import { variantNames, type VariantName } from './variants';
import { MAX_ID } from '../ids';

// Pure: the one URL scheme for uploaded images, /media/<id>/<variant>. The
// story editor inserts these; the sanitizer and attachMediaToStory read them back.
export function mediaUrl(id: number, variant: VariantName = 'large'): string {
  return `/media/${id}/${variant}`;
}

export function isVariantName(value: unknown): value is VariantName {
  return typeof value === 'string' && (variantNames as readonly string[]).includes(value);
}

const MEDIA_PATH = /^\/media\/([1-9][0-9]{0,9})\/([a-z]+)$/;

// A same-site media URL (path only, or absolute on `origin` when given) →
// its id and variant; anything else → null.
export function parseMediaUrl(src: string, origin?: string): { id: number; variant: VariantName } | null {
  let pathname = src.trim();
  if (!pathname.startsWith('/') || pathname.startsWith('//')) {
    if (!origin) return null;
    try {
      const url = new URL(pathname);
      if (url.origin !== new URL(origin).origin || url.search || url.hash) return null;
      pathname = url.pathname;
    } catch {
      return null;
    }
  }
  const match = MEDIA_PATH.exec(pathname);
  if (!match) return null;
  const id = Number(match[1]);
  if (id > MAX_ID || !isVariantName(match[2])) return null;
  return { id, variant: match[2] };
}

// The distinct media ids an HTML body points at, for attachMediaToStory.
export function mediaIdsInHtml(html: string, origin?: string): number[] {
  const ids = new Set<number>();
  for (const match of html.matchAll(/\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const parsed = parseMediaUrl(match[1] ?? match[2] ?? '', origin);
    if (parsed) ids.add(parsed.id);
  }
  return [...ids];
}
