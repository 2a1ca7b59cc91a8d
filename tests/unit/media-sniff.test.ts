import { describe, expect, test } from 'vitest';
import { extensionFor, isImageType, sniffImageType } from '@/lib/media/sniff';
import { gif, HTML, HTML_GIF_POLYGLOT, jpeg, PDF, png, SVG, text, webp } from '../fixtures/media/images';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

describe('sniffImageType: real images', () => {
  test('files made by an encoder are recognised by their bytes', async () => {
    expect(sniffImageType(await jpeg())).toBe('image/jpeg');
    expect(sniffImageType(await png())).toBe('image/png');
    expect(sniffImageType(await gif())).toBe('image/gif');
    expect(sniffImageType(await webp())).toBe('image/webp');
  });

  test.each([
    ['JPEG (JFIF)', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['JPEG (Exif)', bytes([0xff, 0xd8, 0xff, 0xe1]), 'image/jpeg'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image/png'],
    ['GIF87a', bytes('GIF87a', [1, 0, 1, 0]), 'image/gif'],
    ['GIF89a', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif'],
    ['WebP lossy', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['WebP lossless', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8L'), 'image/webp'],
    ['WebP extended', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8X'), 'image/webp'],
  ] as const)('%s', (_name, input, type) => {
    expect(sniffImageType(input)).toBe(type);
  });
});

describe('sniffImageType: everything else is refused', () => {
  test.each([
    ['empty', new Uint8Array(0)],
    ['SVG', SVG],
    ['SVG without XML declaration', text('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['SVG after a byte-order mark', bytes([0xef, 0xbb, 0xbf], '<svg/>')],
    ['HTML', HTML],
    ['HTML with leading spaces', text('   <html><img src=x onerror=alert(1)>')],
    ['an HTML page that carries a GIF later', HTML_GIF_POLYGLOT],
    ['PDF', PDF],
    ['plain text renamed .jpg', text('this is not a photo, just a text file called photo.jpg')],
    ['a JPEG cut to two bytes', bytes([0xff, 0xd8])],
    ['a PNG signature cut short', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a])],
    ['a PNG signature with a wrong byte', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00])],
    ['GIF88a (no such version)', bytes('GIF88a', [1, 0])],
    ['lowercase gif89a', bytes('gif89a', [1, 0])],
    ['RIFF WAVE audio', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['RIFF AVI video', bytes('RIFF', [0x24, 0, 0, 0], 'AVI LIST')],
    ['RIFF WEBP with no VP8 chunk', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPJUNK')],
    ['RIFF WEBP header only', bytes('RIFF', [0x24, 0, 0, 0], 'WEBP')],
    ['BMP', bytes('BM', [0x36, 0, 0, 0])],
    ['TIFF', bytes('II*', [0])],
    ['ZIP (docx, jar)', bytes('PK', [3, 4])],
    ['JavaScript', text('alert(1)//\xff\xd8\xff')],
  ])('%s', (_name, input) => {
    expect(sniffImageType(input)).toBeNull();
  });
});

describe('extensionFor / isImageType', () => {
  test.each([
    ['image/jpeg', 'jpg'],
    ['image/png', 'png'],
    ['image/webp', 'webp'],
    ['image/gif', 'gif'],
  ] as const)('%s → .%s', (type, ext) => {
    expect(isImageType(type)).toBe(true);
    expect(extensionFor(type)).toBe(ext);
  });

  test.each(['image/svg+xml', 'text/html', 'application/pdf', '', 'IMAGE/JPEG', 42, null])('%j is not an accepted type', (value) => {
    expect(isImageType(value)).toBe(false);
  });
});
