import { describe, expect, test } from 'vitest';
import { isVariantName, mediaIdsInHtml, mediaUrl, parseMediaUrl } from '@/lib/media/urls';

describe('media URLs', () => {
  test('one scheme: /media/<id>/<variant>, large by default', () => {
    expect(mediaUrl(42)).toBe('/media/42/large');
    expect(mediaUrl(42, 'thumb')).toBe('/media/42/thumb');
    expect(parseMediaUrl('/media/42/medium')).toEqual({ id: 42, variant: 'medium' });
  });

  test('absolute URLs are ours only on our origin', () => {
    expect(parseMediaUrl('https://news.example.cn/media/7/large', 'https://news.example.cn')).toEqual({ id: 7, variant: 'large' });
    expect(parseMediaUrl('https://news.example.cn/media/7/large')).toBeNull();
    expect(parseMediaUrl('https://evil.example/media/7/large', 'https://news.example.cn')).toBeNull();
    expect(parseMediaUrl('//evil.example/media/7/large', 'https://news.example.cn')).toBeNull();
    expect(parseMediaUrl('https://news.example.cn/media/7/large?x=1', 'https://news.example.cn')).toBeNull();
  });

  test.each([
    '/media/0/large',
    '/media/01/large',
    '/media/-1/large',
    '/media/1.5/large',
    '/media/99999999999/large',
    '/media/3000000000/large',
    '/media/7/original',
    '/media/7/LARGE',
    '/media/7/large/',
    '/media/7/large?x',
    '/media/7',
    '/uploads/2026/05/x/large.jpg',
    'javascript:alert(1)',
    'data:image/png;base64,AAAA',
    '',
  ])('%j is not a media URL', (src) => {
    expect(parseMediaUrl(src, 'https://news.example.cn')).toBeNull();
  });

  test('variant names', () => {
    expect(['large', 'medium', 'thumb'].every(isVariantName)).toBe(true);
    expect(['original', '', 'Large', undefined].some(isVariantName)).toBe(false);
  });

  test('the ids an HTML body points at, each once', () => {
    const html = `<p>a</p><figure><img src="/media/3/large" alt=""><figcaption>x</figcaption></figure>
      <img alt="" src='/media/5/medium'><img src="/media/3/thumb"><img src="https://evil.example/media/9/large">
      <img src="data:image/png;base64,AAAA"><a href="/media/11/large">not an image</a>`;
    expect(mediaIdsInHtml(html).sort((a, b) => a - b)).toEqual([3, 5]);
  });
});
