import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatabaseBreaker, DatabaseUnavailableError, installDatabaseBreaker, isConnectionError, isDatabaseUnavailable } from '@/db/availability';
import { earlyRefusal } from '@/lib/http/early-refusals';
import { AppError, userFacingError } from '@/lib/errors';

const never = () => new Promise<never>(() => {});
const connectionRefused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

function breaker(probe: () => Promise<unknown>, abandon = vi.fn()) {
  return new DatabaseBreaker({ probe, abandon, stallMs: 30, probeTimeoutMs: 60, retryMs: 40 });
}

async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const breakers: DatabaseBreaker[] = [];
afterEach(() => {
  for (const b of breakers.splice(0)) b.stop();
  installDatabaseBreaker(breaker(async () => {}));
});

function tracked(b: DatabaseBreaker): DatabaseBreaker {
  breakers.push(b);
  return b;
}

describe('DatabaseBreaker', () => {
  it('passes answers and query errors through while the database answers', async () => {
    const probe = vi.fn(async () => {});
    const b = tracked(breaker(probe));
    await expect(b.run(async () => 42)).resolves.toBe(42);
    const syntax = Object.assign(new Error('syntax error'), { code: '42601' });
    await expect(b.run(() => Promise.reject(syntax))).rejects.toBe(syntax);
    expect(probe).not.toHaveBeenCalled();
    expect(b.down).toBe(false);
  });

  it('lets a slow query finish when the probe answers (a busy database is not a down one)', async () => {
    const probe = vi.fn(async () => {});
    const b = tracked(breaker(probe));
    const slow = b.run(() => new Promise((r) => setTimeout(() => r('done'), 200)));
    await expect(slow).resolves.toBe('done');
    expect(probe).toHaveBeenCalled();
    expect(b.down).toBe(false);
  });

  it('fails a query waiting on a frozen database once the probe times out, and later ones at once', async () => {
    const abandon = vi.fn();
    const b = tracked(breaker(never, abandon));
    const started = Date.now();
    const waiting = b.run(never);
    await expect(waiting).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(abandon).toHaveBeenCalled();
    expect(b.down).toBe(true);

    const query = vi.fn(async () => 1);
    await expect(b.run(query)).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(query).not.toHaveBeenCalled();
  });

  it('fails every query waiting when the database goes down, not only the one that noticed', async () => {
    const b = tracked(breaker(async () => Promise.reject(connectionRefused())));
    const all = [b.run(never), b.run(never), b.run(never)];
    for (const waiting of all) await expect(waiting).rejects.toBeInstanceOf(DatabaseUnavailableError);
  });

  it('turns a connection failure into "unavailable" only when the probe confirms it', async () => {
    let reachable = false;
    const b = tracked(breaker(async () => (reachable ? undefined : Promise.reject(connectionRefused()))));
    const closed = Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' });
    await expect(b.run(() => Promise.reject(closed))).rejects.toBeInstanceOf(DatabaseUnavailableError);

    reachable = true;
    await until(() => !b.down);
    // One connection dropped while the server answers: the error as it is.
    await expect(b.run(() => Promise.reject(closed))).rejects.toBe(closed);
    expect(b.down).toBe(false);
  });

  it('recovers by itself once the probe answers again', async () => {
    let reachable = false;
    const probe = vi.fn(async () => (reachable ? undefined : Promise.reject(connectionRefused())));
    const b = tracked(breaker(probe));
    b.trip();
    expect(b.down).toBe(true);
    await until(() => probe.mock.calls.length >= 2);
    expect(b.down).toBe(true);
    reachable = true;
    await until(() => !b.down);
    await expect(b.run(async () => 'back')).resolves.toBe('back');
  });
});

describe('isConnectionError', () => {
  it('knows connection failures by their code, through wrapping errors', () => {
    expect(isConnectionError(connectionRefused())).toBe(true);
    expect(isConnectionError(new Error('query failed', { cause: { code: 'CONNECTION_ENDED' } }))).toBe(true);
    expect(isConnectionError({ code: '57P01' })).toBe(true);
    expect(isConnectionError({ code: '08006' })).toBe(true);
    expect(isConnectionError({ code: '23505' })).toBe(false);
    expect(isConnectionError(new Error('plain'))).toBe(false);
    expect(isConnectionError(null)).toBe(false);
  });
});

describe('what the user is told', () => {
  it('says "unavailable" for a database that cannot be reached, and nothing for our own faults', () => {
    const known = userFacingError(new DatabaseUnavailableError());
    expect(known).toBeInstanceOf(AppError);
    expect(known?.code).toBe('unavailable');
    expect(isDatabaseUnavailable(new DatabaseUnavailableError())).toBe(true);
    expect(userFacingError(new Error('bug'))).toBeNull();
  });
});

describe('earlyRefusal while the database is down', () => {
  const request = (method: string, url: string) => ({ method, url, headers: { host: 'news.example', origin: 'http://news.example' } });

  it('answers the portal and the API at once, and lets public pages, form posts and health through', () => {
    expect(earlyRefusal(request('GET', '/desk'))).toBeNull();
    const down = tracked(breaker(never));
    installDatabaseBreaker(down);
    down.trip();
    expect(earlyRefusal(request('GET', '/desk'))).toBe('databaseUnavailable');
    expect(earlyRefusal(request('HEAD', '/review?tab=mine'))).toBe('databaseUnavailable');
    expect(earlyRefusal(request('GET', '/login'))).toBe('databaseUnavailable');
    expect(earlyRefusal(request('POST', '/api/media'))).toBe('databaseUnavailable');
    expect(earlyRefusal(request('GET', '/api/health'))).toBeNull();
    expect(earlyRefusal(request('GET', '/articles/12'))).toBeNull();
    expect(earlyRefusal(request('GET', '/'))).toBeNull();
    expect(earlyRefusal(request('GET', '/en/columns/news'))).toBeNull();
    expect(earlyRefusal(request('POST', '/desk/12'))).toBeNull();
  });
});
