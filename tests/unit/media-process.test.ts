import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { isAppError } from '@/lib/errors';
import { MAX_INPUT_PIXELS, processImage } from '@/lib/media/process';
import { GPS_MARKER, gif, HTML, jpeg, jpegWithGps, pixelBombPng, png, SVG, text, webp } from '../fixtures/media/images';

async function refusal(input: Uint8Array, options?: { maxBytes?: number }): Promise<string | undefined> {
  try {
    await processImage(input, options);
  } catch (error) {
    if (isAppError(error) && error.code === 'validation') return error.fieldErrors?.file;
    throw error;
  }
  return undefined;
}

function containsText(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes).includes(Buffer.from(needle, 'latin1'));
}

describe('processImage', () => {
  test('a phone JPEG: turned upright, every tag gone, three sizes, still JPEG', async () => {
    const input = await jpegWithGps(3000, 2000);
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const out = await processImage(input);
    expect(out.contentType).toBe('image/jpeg');
    expect(out.extension).toBe('jpg');
    // Stored 3000×2000 with "rotate 90°": shown 2000×3000, then capped.
    expect(out.variants.map((v) => [v.name, v.width, v.height])).toEqual([
      ['large', 2000, 3000],
      ['medium', 1000, 1500],
      ['thumb', 320, 480],
    ]);
    for (const v of out.variants) {
      const meta = await sharp(v.bytes).metadata();
      expect(meta.format).toBe('jpeg');
      expect([meta.width, meta.height]).toEqual([v.width, v.height]);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(containsText(v.bytes, GPS_MARKER)).toBe(false);
      expect(containsText(v.bytes, 'TestCam')).toBe(false);
    }
  });

  test('never upscales a small image', async () => {
    const out = await processImage(await jpeg(200, 100));
    expect(out.variants.map((v) => [v.name, v.width, v.height])).toEqual([
      ['large', 200, 100],
      ['medium', 200, 100],
      ['thumb', 200, 100],
    ]);
  });

  test('PNG stays PNG (transparency kept), WebP stays WebP, tags gone', async () => {
    const fromPng = await processImage(await png(1200, 800));
    expect(fromPng.contentType).toBe('image/png');
    const pngMeta = await sharp(fromPng.variants[0]!.bytes).metadata();
    expect([pngMeta.format, pngMeta.width, pngMeta.hasAlpha, pngMeta.exif]).toEqual(['png', 1200, true, undefined]);

    const fromWebp = await processImage(await webp(1200, 800));
    expect(fromWebp.contentType).toBe('image/webp');
    const webpMeta = await sharp(fromWebp.variants[1]!.bytes).metadata();
    expect([webpMeta.format, webpMeta.width, webpMeta.exif]).toEqual(['webp', 1000, undefined]);
    expect(containsText(fromWebp.variants[0]!.bytes, GPS_MARKER)).toBe(false);
  });

  test('GIF: the first frame, stored as PNG', async () => {
    const out = await processImage(await gif(100, 80));
    expect(out.contentType).toBe('image/png');
    expect(out.extension).toBe('png');
    expect((await sharp(out.variants[0]!.bytes).metadata()).format).toBe('png');
  });

  test('the type comes from the bytes: a PNG is a PNG whatever it is called', async () => {
    expect((await processImage(await png())).contentType).toBe('image/png');
  });

  test.each([
    ['an empty file', () => new Uint8Array(0), 'file_empty'],
    ['SVG', () => SVG, 'file_not_image'],
    ['HTML', () => HTML, 'file_not_image'],
    ['text', () => text('hello'), 'file_not_image'],
    ['a JPEG signature on garbage', () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]), 'file_unreadable'],
  ])('refuses %s', async (_name, make, key) => {
    expect(await refusal(make())).toBe(key);
  });

  test('refuses a truncated JPEG', async () => {
    const whole = await jpegWithGps();
    expect(await refusal(whole.subarray(0, Math.floor(whole.length * 0.6)))).toBe('file_unreadable');
  });

  test('refuses a truncated PNG', async () => {
    const whole = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).png().toBuffer();
    expect(await refusal(whole.subarray(0, Math.floor(whole.length * 0.6)))).toBe('file_unreadable');
  });

  test('refuses a file over the size limit before looking inside', async () => {
    const input = await jpeg();
    expect(await refusal(input, { maxBytes: input.length - 1 })).toBe('file_too_large');
    expect(await refusal(input, { maxBytes: input.length })).toBeUndefined();
  });

  test('refuses a decompression bomb by its declared canvas', async () => {
    const bomb = await pixelBombPng();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(8000 * 6000).toBeGreaterThan(MAX_INPUT_PIXELS);
    expect(await refusal(bomb)).toBe('file_too_many_pixels');
  });
});
