import sharp, { type Metadata, type Sharp } from 'sharp';
import { validationError } from '../errors';
import { extensionFor, sniffImageType, type ImageType } from './sniff';
import { variantMaxWidths, variantNames, type VariantName } from './variants';

// Turns untrusted upload bytes into the images we store: checked by their
// bytes, decoded, turned upright, stripped of every piece of metadata (EXIF,
// GPS, XMP, comments; colour is converted to sRGB and the profile dropped),
// re-encoded and sized. Nothing of the original file is ever stored or served,
// so a polyglot's hidden payload does not survive either.
//
// GIF: only the first frame is kept, stored as PNG. Animated GIFs are rare in
// news photos, each frame would multiply decoding cost and memory, and a
// still PNG is what the article page needs.

// Decompression bombs: a tiny file may declare an enormous canvas.
export const MAX_INPUT_PIXELS = 40_000_000;

export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export type ProcessedVariant = {
  name: VariantName;
  width: number;
  height: number;
  bytes: Uint8Array;
};

export type ProcessedImage = {
  contentType: ImageType;
  extension: string;
  variants: ProcessedVariant[];
};

const sharpFormats: Record<ImageType, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

function fileError(key: string, detail: string) {
  return validationError({ file: key }, detail);
}

function decoder(bytes: Uint8Array): Sharp {
  return sharp(bytes, {
    limitInputPixels: MAX_INPUT_PIXELS,
    // Refuse a cut-off file rather than store an image with a grey tail;
    // tolerate the harmless warnings many cameras' JPEGs produce.
    failOn: 'truncated',
    pages: 1,
  });
}

function encode(image: Sharp, type: ImageType): Sharp {
  switch (type) {
    case 'image/jpeg':
      return image.jpeg({ quality: 82, mozjpeg: true });
    case 'image/png':
      return image.png({ compressionLevel: 9 });
    case 'image/webp':
      return image.webp({ quality: 82 });
    case 'image/gif':
      return image.png({ compressionLevel: 9 });
  }
}

// Throws AppError('validation', …, { file: key }) with key file_empty,
// file_too_large, file_not_image, file_unreadable or file_too_many_pixels.
export async function processImage(bytes: Uint8Array, options: { maxBytes?: number } = {}): Promise<ProcessedImage> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  if (bytes.byteLength === 0) throw fileError('file_empty', 'empty upload');
  if (bytes.byteLength > maxBytes) throw fileError('file_too_large', `${bytes.byteLength} > ${maxBytes} bytes`);

  const sniffed = sniffImageType(bytes);
  if (!sniffed) throw fileError('file_not_image', 'unknown signature');

  // The header alone: cheap, and tells us the canvas before any decoding.
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, pages: 1 }).metadata();
  } catch (error) {
    throw fileError('file_unreadable', `metadata: ${(error as Error).message}`);
  }
  if (meta.format !== sharpFormats[sniffed]) throw fileError('file_not_image', `signature ${sniffed} but decoder says ${meta.format}`);
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width <= 0 || height <= 0) throw fileError('file_unreadable', 'no dimensions');
  if (width * height > MAX_INPUT_PIXELS) throw fileError('file_too_many_pixels', `${width}x${height}`);

  const outputType: ImageType = sniffed === 'image/gif' ? 'image/png' : sniffed;
  const variants: ProcessedVariant[] = [];
  // One variant at a time: peak memory stays that of a single decode.
  for (const name of variantNames) {
    try {
      const pipeline = decoder(bytes).autoOrient().resize({ width: variantMaxWidths[name], withoutEnlargement: true });
      const { data, info } = await encode(pipeline, sniffed).toBuffer({ resolveWithObject: true });
      variants.push({ name, width: info.width, height: info.height, bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    } catch (error) {
      const message = (error as Error).message;
      if (/pixel limit/i.test(message)) throw fileError('file_too_many_pixels', message);
      throw fileError('file_unreadable', `decode: ${message}`);
    }
  }
  return { contentType: outputType, extension: extensionFor(outputType), variants };
}
