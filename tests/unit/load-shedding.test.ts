import { describe, expect, test } from 'vitest';
import { HARD_LIMIT_FACTOR, currentLag, shedReason, type ServerLoad, type ShedLimits } from '@/lib/http/load-shedding';
import { refusalPage } from '@/lib/http/early-refusals';

// When the portal's server refuses a request with a quick 503 rather than
// let it wait (lib/http/load-shedding.ts, called from scripts/server.ts).

const limits: ShedLimits = { maxInFlight: 64, maxLagMs: 1000 };
const calm: ServerLoad = { inFlight: 3, lagMs: 10 };
const queued: ServerLoad = { inFlight: 64, lagMs: 10 };
const lagging: ServerLoad = { inFlight: 3, lagMs: 1000 };
const swamped: ServerLoad = { inFlight: 64 * HARD_LIMIT_FACTOR, lagMs: 5000 };
const get = (url: string) => ({ method: 'GET', url });

describe('pages and API reads', () => {
  test('are served while the server keeps up', () => {
    for (const url of ['/', '/articles/12', '/search?q=律师', '/review', '/api/media/1']) expect(shedReason(get(url), calm, limits)).toBeNull();
    expect(shedReason(get('/'), { inFlight: 63, lagMs: 999 }, limits)).toBeNull();
  });

  test('are refused from the in-flight limit, and when the loop lags', () => {
    expect(shedReason(get('/'), queued, limits)).toBe('inFlight');
    expect(shedReason({ method: 'HEAD', url: '/articles/12' }, queued, limits)).toBe('inFlight');
    expect(shedReason(get('/articles/12'), lagging, limits)).toBe('lag');
    expect(shedReason(get('/api/media/1'), lagging, limits)).toBe('lag');
  });

  test('a limit of 0 is no limit', () => {
    expect(shedReason(get('/'), swamped, { maxInFlight: 0, maxLagMs: 0 })).toBeNull();
    expect(shedReason(get('/'), swamped, { maxInFlight: 0, maxLagMs: 1000 })).toBe('lag');
    expect(shedReason(get('/'), swamped, { maxInFlight: 64, maxLagMs: 0 })).toBe('inFlight');
  });
});

describe('never refused', () => {
  test('the health check: a busy instance is alive, not down', () => {
    for (const url of ['/api/health', '/api/health?probe=lb']) expect(shedReason(get(url), swamped, limits)).toBeNull();
  });

  test("the instance's own cache invalidation", () => {
    expect(shedReason({ method: 'POST', url: '/api/internal/revalidate' }, swamped, limits)).toBeNull();
  });
});

describe('work already under way', () => {
  test('a post (a save, a sign-in) is refused only at the hard limit, never for lag', () => {
    const save = { method: 'POST', url: '/desk/stories/12' };
    expect(shedReason(save, queued, limits)).toBeNull();
    expect(shedReason(save, lagging, limits)).toBeNull();
    expect(shedReason(save, { inFlight: 64 * HARD_LIMIT_FACTOR - 1, lagMs: 5000 }, limits)).toBeNull();
    expect(shedReason(save, swamped, limits)).toBe('inFlight');
    expect(shedReason({ method: 'POST', url: '/api/auth/callback/credentials' }, queued, limits)).toBeNull();
  });

  test("a page's scripts and styles on the connection that was just served it", () => {
    const chunk = get('/_next/static/chunks/main.js');
    expect(shedReason(chunk, queued, limits, true)).toBeNull();
    expect(shedReason(chunk, lagging, limits, true)).toBeNull();
    expect(shedReason(chunk, swamped, limits, true)).toBe('inFlight');
    // A new connection asking for them is a newcomer like any other.
    expect(shedReason(chunk, queued, limits, false)).toBe('inFlight');
  });

  test('a page (not its parts) on a connection already served waits its turn like the rest', () => {
    expect(shedReason(get('/articles/13'), queued, limits, true)).toBe('inFlight');
  });
});

describe('event-loop lag', () => {
  test('how late the last tick was', () => {
    expect(currentLag(1_000, 990, 0, 50)).toBe(0);
    expect(currentLag(1_000, 990, 300, 50)).toBe(300);
  });

  test('a tick that is overdue counts as late as it is, before it runs', () => {
    // The loop was held from 400 until 1,000: the tick due at 450 has not run.
    expect(currentLag(1_000, 400, 0, 50)).toBe(550);
    expect(currentLag(1_000, 400, 700, 50)).toBe(700);
  });
});

describe('the overload page', () => {
  test('says so in each language and links home', () => {
    expect(refusalPage('overloaded', 'zh-CN')).toContain('访问人数过多');
    expect(refusalPage('overloaded', 'zh-CN')).toContain('href="/"');
    expect(refusalPage('overloaded', 'en')).toContain('Too many visitors right now');
    expect(refusalPage('overloaded', 'en')).toContain('href="/en"');
  });
});
