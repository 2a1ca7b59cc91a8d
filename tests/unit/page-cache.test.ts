import { getMemoryCache } from 'next/dist/server/lib/incremental-cache/memory-cache.external.js';
import { describe, expect, test } from 'vitest';
import { compactPage, limitPageCache, ownedBuffer, pageBytes, stringBytes } from '@/lib/page-cache';

// Next's page cache counted as stored (lib/page-cache.ts): a page's buffers
// are its own, not views into shared 64 KiB slabs, and its HTML is counted in
// the bytes V8 keeps for it.

// A small buffer as Node hands them out: a view into a shared slab.
function pooled(text: string): Buffer {
  const buffer = Buffer.from(text);
  expect(buffer.buffer.byteLength).toBeGreaterThan(buffer.byteLength);
  return buffer;
}

describe('a cached page', () => {
  test('keeps its own bytes, not the slab they were cut from', () => {
    const view = pooled('0:["rsc data"]');
    const own = ownedBuffer(view);
    expect(own.equals(view)).toBe(true);
    expect(own.buffer.byteLength).toBe(view.byteLength);
    expect(ownedBuffer(own)).toBe(own);
  });

  test('every buffer is copied once, the same buffer under two names stays one', () => {
    const full = pooled('full page data');
    const tree = pooled('tree');
    const page = compactPage({ kind: 'APP_PAGE', html: '<p>律师</p>', rscData: full, segmentData: new Map([['/_full', full], ['/_tree', tree]]) });
    expect(page.rscData!.buffer.byteLength).toBe(full.byteLength);
    expect(page.segmentData!.get('/_full')).toBe(page.rscData);
    expect(page.segmentData!.get('/_tree')!.toString()).toBe('tree');
    expect(page.segmentData!.get('/_tree')!.buffer.byteLength).toBe(4);
  });

  test('is counted in the bytes it holds: two per character once the HTML holds Chinese', () => {
    expect(stringBytes('<p>hello</p>')).toBe(12);
    expect(stringBytes('<p>café</p>')).toBe(11);
    expect(stringBytes('<p>律师</p>')).toBe(18);
    const rsc = Buffer.from('x'.repeat(100));
    const value = { kind: 'APP_PAGE', html: '律'.repeat(1000), rscData: rsc, segmentData: new Map([['/_full', rsc]]) };
    expect(pageBytes(value, '/zh-CN')).toBe('/zh-CN'.length + 2000 + '/_full'.length + 100);
  });
});

describe("Next's page cache", () => {
  test('holds at most the budget, counted as stored, and stores compact pages', () => {
    limitPageCache(1);
    const lru = getMemoryCache(50 * 1024 * 1024);
    // ~200 KB a page as counted here (100,000 Chinese characters), ~100 KB by Next's own count.
    const page = (i: number) => ({ lastModified: 0, value: { kind: 'APP_PAGE', html: '律'.repeat(100_000), rscData: pooled(`page ${i}`), segmentData: new Map(), headers: undefined, postponed: undefined, status: 200 } as never });
    for (let i = 0; i < 10; i++) lru.set(`/zh-CN/articles/${i}`, page(i));
    expect(lru.size).toBe(5);
    expect(lru.currentSize).toBeLessThanOrEqual(1024 * 1024);
    const kept = lru.get('/zh-CN/articles/9')!.value as unknown as { rscData: Buffer };
    expect(kept.rscData.toString()).toBe('page 9');
    expect(kept.rscData.buffer.byteLength).toBe('page 9'.length);
  });
});
