import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { logger } from '../logger';
import { answerRefusalPage, pathOf } from './early-refusals';

// When far more readers arrive than one instance serves (a story shared
// everywhere at once), every request used to wait its turn: with 1,000
// connections on one core some waited over 10 s, which to a reader is a
// dead site. The portal's server (scripts/server.ts) now answers what it
// cannot serve soon with a quick 503 and Retry-After, before Next's router,
// so the requests it does take are answered in time: a refusal costs less
// than a page, and a reader who reloads gets in once the crowd thins.
//
// Two signals, each a setting (lib/env.ts): requests in flight (received and
// not yet answered, the queue in front of the one core) and event-loop lag
// (the core is already late, so anything taken now waits at least that long).

export type ShedLimits = {
  // Requests in flight from which new ones are refused; 0: no limit.
  maxInFlight: number;
  // Event-loop lag from which new ones are refused; 0: no limit.
  maxLagMs: number;
};

export type ServerLoad = { inFlight: number; lagMs: number };

export type ShedReason = 'inFlight' | 'lag';

// Browsers ignore it; crawlers, feed readers and scripts wait this long.
export const RETRY_AFTER_S = 5;

// A request that is part of work already under way is refused only when the
// queue is this many times the limit: a save or a sign-in (a post, someone's
// work in the middle), and the scripts, styles and data of a page this
// connection was just served (the page is useless without them, and they are
// files, cheaper to send than a refusal is to read).
export const HARD_LIMIT_FACTOR = 2;

// How many connections may wait for the server to take them. Node's default
// (511) is below a crowd's: the kernel drops the rest, and their browsers
// try again 1, 3, 7 and 15 s later, a wait nothing here can shorten. Linux
// caps it at net.core.somaxconn (4096 on current kernels).
export const LISTEN_BACKLOG = 4096;

// Pure: whether to refuse a request now, and why. `midPage` says the
// connection it came on was already served a response (a keep-alive
// connection whose page is loading its parts). The health check is never
// refused: a load balancer that saw a busy instance as down would move its
// crowd onto the others and take them down one after another; busy is
// alive, and the 503s say the rest. Nor is the instance's own cache
// invalidation (lib/public-cache-listener.ts): a refused one would leave
// readers a stale page.
export function shedReason(req: { method?: string; url?: string }, load: ServerLoad, limits: ShedLimits, midPage = false): ShedReason | null {
  const path = pathOf(req.url);
  if (path === '/api/health' || path.startsWith('/api/internal/')) return null;
  const isRead = req.method === 'GET' || req.method === 'HEAD';
  const isUnderWay = !isRead || (midPage && path.startsWith('/_next/'));
  if (isUnderWay) return limits.maxInFlight > 0 && load.inFlight >= limits.maxInFlight * HARD_LIMIT_FACTOR ? 'inFlight' : null;
  if (limits.maxLagMs > 0 && load.lagMs >= limits.maxLagMs) return 'lag';
  if (limits.maxInFlight > 0 && load.inFlight >= limits.maxInFlight) return 'inFlight';
  return null;
}

// Pure: the lag at `now`, from the last tick of a timer set to run every
// `everyMs`: how late that tick was, or, when the timer has not run for
// longer than its period (the loop is busy right now, or was until this very
// moment and the timer's turn has not come yet), how late the next one is.
export function currentLag(now: number, lastTickAt: number, lastTickLateMs: number, everyMs: number): number {
  return Math.max(lastTickLateMs, now - lastTickAt - everyMs, 0);
}

export type LoadShedder = {
  // Answers a request it refuses (503, Retry-After) and returns true;
  // otherwise counts the request in flight until its response is done.
  shed: (req: IncomingMessage, res: ServerResponse) => boolean;
  load: () => ServerLoad;
  stop: () => void;
};

const LAG_SAMPLE_MS = 50;
const LOG_EVERY_MS = 10_000;

function answerOverloaded(req: IncomingMessage, res: ServerResponse): void {
  const headers = { 'Retry-After': String(RETRY_AFTER_S) };
  if (!pathOf(req.url).startsWith('/api/')) return answerRefusalPage(req, res, 503, 'overloaded', headers);
  req.resume();
  const body = JSON.stringify({ error: 'overloaded' });
  res.writeHead(503, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function createLoadShedder(limits: ShedLimits): LoadShedder {
  let inFlight = 0;
  let lastTickAt = performance.now();
  let lastTickLateMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    lastTickLateMs = Math.max(0, now - lastTickAt - LAG_SAMPLE_MS);
    lastTickAt = now;
  }, LAG_SAMPLE_MS);
  ticker.unref();
  const served = new WeakSet<Socket>();
  // Refusals are counted and logged at most every ten seconds: a crowd
  // would otherwise write a line per request.
  let refused = 0;
  let lastLogAt = 0;
  const load = (): ServerLoad => ({ inFlight, lagMs: Math.round(currentLag(performance.now(), lastTickAt, lastTickLateMs, LAG_SAMPLE_MS)) });

  return {
    shed(req, res) {
      const now = load();
      const reason = shedReason(req, now, limits, served.has(req.socket));
      if (reason) {
        refused++;
        if (Date.now() - lastLogAt >= LOG_EVERY_MS) {
          logger.warn({ refused, reason, ...now }, 'overloaded: answering 503 to new requests');
          lastLogAt = Date.now();
          refused = 0;
        }
        answerOverloaded(req, res);
        return true;
      }
      inFlight++;
      res.once('close', () => {
        inFlight--;
        served.add(req.socket);
      });
      return false;
    },
    load,
    stop: () => clearInterval(ticker),
  };
}
