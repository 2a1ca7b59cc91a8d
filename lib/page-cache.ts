import { getMemoryCache } from 'next/dist/server/lib/incremental-cache/memory-cache.external.js';

// Next keeps the public pages it rendered (docs/public-cache.md) in one LRU
// in each instance's memory, of `cacheMaxMemorySize` bytes by its own count.
// That count was a third of what the pages held: it takes a page's HTML by
// its length in characters, which V8 stores in two bytes each once a page
// holds a Chinese character, and each of the page's RSC buffers by its own
// length, while a small Buffer is a view into a 64 KiB slab that Node shares
// between allocations (Buffer.poolSize on Node 24) and which the cached view
// keeps whole. A 50 MB cache held ~190 MB: 40 MB of HTML counted as 20, and
// 111 MB of slabs kept for a few MB of RSC data.
//
// The server (scripts/server.ts) calls limitPageCache before Next starts,
// which creates that LRU with the budget from PAGE_CACHE_MB and makes it
// count bytes: every page's buffers are copied out of their slab when the
// page goes in (once per render), and it is measured as stored.

type CachedValue = {
  kind: string;
  html?: unknown;
  postponed?: unknown;
  rscData?: Buffer;
  segmentData?: Map<string, Buffer>;
};

type CacheEntry = { value: CachedValue | null };

type SizeOf = (entry: CacheEntry, key: string) => number;

// The parts of Next's LRU this module changes (lib/lru-cache in Next).
type PageLru = { set: (key: string, entry: CacheEntry) => void; calculateSize?: SizeOf; maxSize: number };

const APP_PAGE = 'APP_PAGE';

// Pure: bytes V8 holds for a string's characters: one each while all are
// Latin-1, two each once any is not.
export function stringBytes(text: string): number {
  return /[^\u0000-\u00ff]/.test(text) ? text.length * 2 : text.length;
}

function isOwnBuffer(buffer: Uint8Array): boolean {
  return buffer.byteOffset === 0 && buffer.buffer.byteLength === buffer.byteLength;
}

// A buffer that owns exactly its bytes: the same one when it already does.
export function ownedBuffer(buffer: Buffer): Buffer {
  if (isOwnBuffer(buffer)) return buffer;
  const bytes = new Uint8Array(buffer.byteLength);
  bytes.set(buffer);
  return Buffer.from(bytes.buffer);
}

// A page's value with every buffer its own (the same buffer twice, as the
// page's whole RSC data under two names, stays one copy).
export function compactPage<V extends CachedValue>(value: V): V {
  if (value.kind !== APP_PAGE) return value;
  const copies = new Map<Buffer, Buffer>();
  const own = (buffer: Buffer) => {
    let copy = copies.get(buffer);
    if (!copy) copies.set(buffer, (copy = ownedBuffer(buffer)));
    return copy;
  };
  return {
    ...value,
    rscData: value.rscData && own(value.rscData),
    segmentData: value.segmentData && new Map([...value.segmentData].map(([path, buffer]) => [path, own(buffer)])),
  };
}

// Pure: the bytes a cached page holds, as stored (after compactPage).
export function pageBytes(value: CachedValue, key: string): number {
  let bytes = stringBytes(key);
  if (typeof value.html === 'string') bytes += stringBytes(value.html);
  if (typeof value.postponed === 'string') bytes += stringBytes(value.postponed);
  const buffers = new Set<Buffer>();
  if (value.rscData) buffers.add(value.rscData);
  for (const [path, buffer] of value.segmentData ?? []) {
    bytes += stringBytes(path);
    buffers.add(buffer);
  }
  for (const buffer of buffers) bytes += buffer.byteLength;
  return Math.max(1, bytes);
}

// Makes Next's page cache hold at most `budgetMb` MB of pages, counted as
// they are stored. Other kinds of entry (none here: no fetch cache, no route
// handler is cached) keep Next's own count.
export function limitPageCache(budgetMb: number): void {
  const lru = getMemoryCache(budgetMb * 1024 * 1024) as unknown as PageLru;
  lru.maxSize = budgetMb * 1024 * 1024;
  const nextSizeOf = lru.calculateSize;
  lru.calculateSize = (entry, key) => (entry.value?.kind === APP_PAGE ? pageBytes(entry.value, key) : (nextSizeOf?.(entry, key) ?? 1));
  const set = lru.set.bind(lru);
  lru.set = (key, entry) => set(key, entry.value ? { ...entry, value: compactPage(entry.value) } : entry);
}
