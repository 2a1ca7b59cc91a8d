import 'server-only';
import mammoth from 'mammoth';
import { AppError, isAppError } from '../errors';
import { logger } from '../logger';
import { getUploadLimitBytes, mediaUrl, uploadImage } from '../media';
import { requirePermission, type Viewer } from '../viewer';
import { sanitizeStoryHtml } from './sanitize';

// Word (.docx) → story HTML, with mammoth. Headings, lists, tables and
// bold/italic/underline/strikethrough come across; embedded images are
// uploaded as the importing user's media and become figures; everything goes
// through the same sanitizer as a typed body.

// Catalog keys under editor.docxWarnings; the route translates them.
export type DocxWarning = 'images_skipped' | 'images_limit';

export type DocxImport = { html: string; title: string | null; warnings: DocxWarning[] };

export type DocxImportOptions = {
  storyId?: number;
  // Default: the upload limit (UPLOAD_MAX_MB, 20 MB).
  maxBytes?: number;
};

// A document's parts once unzipped, all together: beyond this it is refused
// before anything is inflated (a small file can expand enormously).
const MAX_EXPANDED_BYTES = 256 * 1024 * 1024;
const MAX_IMAGES = 60;

// Word's Title and Heading 1 are our h2 (the body's top level), Heading 2 is
// h3, Heading 3 and below h4. Names match case-insensitively; Chinese Word and
// WPS use the same internal names, the Chinese ones are for documents saved
// with localised style names.
const STYLE_MAP = [
  "p[style-name='Title'] => h2.docx-title:fresh",
  "p[style-name='标题'] => h2.docx-title:fresh",
  "p[style-name='Subtitle'] => h3:fresh",
  "p[style-name='副标题'] => h3:fresh",
  "p.Heading1 => h2.docx-h1:fresh",
  "p[style-name='Heading 1'] => h2.docx-h1:fresh",
  "p[style-name='标题 1'] => h2.docx-h1:fresh",
  "p.Heading2 => h3:fresh",
  "p[style-name='Heading 2'] => h3:fresh",
  "p[style-name='标题 2'] => h3:fresh",
  ...[3, 4, 5, 6].flatMap((n) => [`p.Heading${n} => h4:fresh`, `p[style-name='Heading ${n}'] => h4:fresh`, `p[style-name='标题 ${n}'] => h4:fresh`]),
  "p[style-name='Caption'] => p.docx-caption:fresh",
  "p[style-name='题注'] => p.docx-caption:fresh",
  'u => u',
  'strike => s',
  'dstrike => s',
];

function unreadable(detail: string): AppError {
  return new AppError('validation', `docx: ${detail}`, { file: 'docx_unreadable' });
}

type ZipEntry = { name: string; uncompressedSize: number };

// The central directory of a ZIP file, read without inflating anything; null
// when the bytes are not a ZIP.
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    const uncompressed = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.length) return null;
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    // 0xFFFFFFFF means the real size is in a ZIP64 record: no Word file needs that.
    entries.push({ name, uncompressedSize: uncompressed === 0xffffffff ? Number.POSITIVE_INFINITY : uncompressed });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// Runs tasks one after another: images are re-encoded one at a time so a
// document with many pictures does not take every core.
function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}

const TEXT_BLOCKS = new Set(['p', 'h2', 'h3', 'h4']);
const VOID_TAGS = new Set(['br', 'hr', 'img']);
// mammoth's output grammar: `<tag a="v">`, `</tag>`, `<tag a="v" />`, and
// text in which <, > and & are always escaped.
const TOKEN = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"]*")*)\s*(\/?)>|[^<]+/g;

// mammoth puts an image inside its paragraph; a story keeps it as a figure
// between paragraphs. The paragraph (and any marks) is closed before the
// figure and reopened after it; empty leftovers go in the sanitizer.
function liftImagesIntoFigures(html: string): string {
  const out: string[] = [];
  const stack: { tag: string; open: string }[] = [];
  for (const match of html.matchAll(TOKEN)) {
    const [token, closing, tag, attrs = '', selfClosing] = match;
    if (tag === undefined) {
      out.push(token);
      continue;
    }
    if (tag === 'img') {
      // An image that could not be imported has no media id: it is left out.
      if (!/\sdata-media-id="\d+"/.test(attrs)) continue;
      const figure = `<figure><img${attrs} /><figcaption></figcaption></figure>`;
      const k = stack.findLastIndex((entry) => TEXT_BLOCKS.has(entry.tag));
      if (k < 0) {
        out.push(figure);
        continue;
      }
      const open = stack.slice(k);
      for (let i = open.length - 1; i >= 0; i--) out.push(`</${open[i]!.tag}>`);
      out.push(figure);
      for (const entry of open) out.push(entry.open);
      continue;
    }
    out.push(token);
    if (selfClosing || VOID_TAGS.has(tag)) continue;
    if (closing) {
      const i = stack.findLastIndex((entry) => entry.tag === tag);
      if (i >= 0) stack.length = i;
    } else {
      stack.push({ tag, open: token });
    }
  }
  return out.join('');
}

// A paragraph styled Caption right after a picture is that picture's caption.
function attachCaptions(html: string): string {
  return html.replace(/<figcaption><\/figcaption><\/figure>((?:\s|<p><\/p>)*)<p class="docx-caption">([\s\S]*?)<\/p>/g, '<figcaption>$2</figcaption></figure>$1');
}

function textOf(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/gu, ' ')
    .trim();
}

// The story title: the first paragraph styled Title, or a Heading 1 that
// opens the document. It is taken out of the body so it is not printed twice.
function takeTitle(html: string): { html: string; title: string | null } {
  const titled = /<h2 class="docx-title">([\s\S]*?)<\/h2>/.exec(html) ?? /^<h2 class="docx-h1">([\s\S]*?)<\/h2>/.exec(html);
  if (!titled) return { html, title: null };
  const title = textOf(titled[1]!);
  if (!title) return { html, title: null };
  return { html: html.slice(0, titled.index) + html.slice(titled.index + titled[0].length), title };
}

// Correspondents, editors and admins (whoever may upload images). Refuses a
// file that is not a readable .docx, one over the size limit, or one without
// text, with a field error on `file`. Images go to the viewer's media, on
// `storyId` when given (lib/media checks that story).
export async function importDocx(viewer: Viewer, bytes: Uint8Array, options: DocxImportOptions = {}): Promise<DocxImport> {
  requirePermission(viewer, 'media:upload');
  const maxBytes = options.maxBytes ?? getUploadLimitBytes();
  if (bytes.byteLength > maxBytes) throw new AppError('validation', `docx: ${bytes.byteLength} bytes`, { file: 'docx_too_large' });

  const entries = readZipDirectory(bytes);
  if (!entries) throw unreadable('not a zip');
  if (!entries.some((e) => e.name === 'word/document.xml')) throw unreadable('no word/document.xml');
  const expanded = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (expanded > MAX_EXPANDED_BYTES) throw new AppError('validation', `docx: expands to ${expanded} bytes`, { file: 'docx_too_large' });

  const input = { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  let rawText: string;
  try {
    rawText = (await mammoth.extractRawText(input)).value;
  } catch (error) {
    logger.info({ err: error }, 'docx import: unreadable document');
    throw unreadable('mammoth could not read it');
  }
  // Checked before any image is uploaded, so an empty file leaves nothing behind.
  if (!/\S/u.test(rawText)) throw new AppError('validation', 'docx: no text', { file: 'docx_empty' });

  const warnings = new Set<DocxWarning>();
  const oneAtATime = serial();
  let imageCount = 0;
  // An error that must fail the import (the database is down, the story is
  // not the viewer's), as opposed to one picture that cannot be used.
  let fatal: unknown = null;
  const convertImage = mammoth.images.imgElement(async (image) => {
    imageCount += 1;
    if (imageCount > MAX_IMAGES) {
      warnings.add('images_limit');
      return { src: '' };
    }
    const n = imageCount;
    return oneAtATime(async () => {
      try {
        const data = await image.readAsBuffer();
        const ext = image.contentType.split('/')[1]?.replace(/^x-/, '') ?? 'bin';
        const row = await uploadImage(viewer, { bytes: new Uint8Array(data), name: `word-image-${n}.${ext}`, storyId: options.storyId });
        return { src: mediaUrl(row.id), width: String(row.width), height: String(row.height), 'data-media-id': String(row.id) };
      } catch (error) {
        // EMF/WMF drawings, TIFF and broken pictures are refused by the media
        // checks: the rest of the document still comes across.
        if (isAppError(error) && error.code === 'validation') {
          warnings.add('images_skipped');
          return { src: '' };
        }
        fatal ??= error;
        throw error;
      }
    });
  });

  let converted: string;
  try {
    converted = (await mammoth.convertToHtml(input, { styleMap: STYLE_MAP, convertImage })).value;
  } catch (error) {
    if (fatal) throw fatal;
    logger.info({ err: error }, 'docx import: conversion failed');
    throw unreadable('mammoth could not convert it');
  }

  const { html: body, title } = takeTitle(attachCaptions(liftImagesIntoFigures(converted)));
  const clean = sanitizeStoryHtml(body);
  return { html: clean.html, title, warnings: [...warnings] };
}
