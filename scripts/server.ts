// The portal's server: Next.js behind a small Node HTTP server that decides
// the client's address (for login throttling), answers the view beacon
// (lib/http/view-beacon.ts), refuses what it cannot serve in time
// (lib/http/load-shedding.ts) and shuts down gracefully.
import { createServer } from 'node:http';
import next from 'next';
import { closeDb } from '../db/client';
import { DataDirLockedError } from '../db/data-dir-lock';
import { getEnv } from '../lib/env';
import { startBackgroundJobs, stopBackgroundJobs } from '../lib/jobs';
import { CLIENT_IP_HEADER, resolveClientIp } from '../lib/http/client-ip';
import { createInternalToken } from '../lib/http/internal-token';
import { gracefulStop } from '../lib/http/graceful-stop';
import { answerEarlyRefusal, earlyRefusal, outageErrorsAsUnavailable } from '../lib/http/early-refusals';
import { LISTEN_BACKLOG, createLoadShedder } from '../lib/http/load-shedding';
import { limitPageCache } from '../lib/page-cache';
import { answerViewBeacon, viewBeaconTarget } from '../lib/http/view-beacon';
import { isFetchAction, passActionCall } from '../lib/http/action-body';
import { startPublicCacheListener } from '../lib/public-cache-listener';
import { prepareDatabase } from '../lib/startup';
import { adoptBuiltNextConfig } from './built-next-config';
import { viewBuffer } from '../lib/view-buffer';

const dev = process.argv.includes('--dev');
// The network is closed on most newsroom servers; no telemetry.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
(process.env as Record<string, string>).NODE_ENV = dev ? 'development' : 'production';
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '0.0.0.0';
// A development server's public address is where it listens, unless told otherwise.
if (dev) process.env.PUBLIC_BASE_URL ||= `http://localhost:${port}`;

async function main() {
  const env = getEnv();
  try {
    await prepareDatabase();
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    // The database may come up later: start anyway, pages say "try again"
    // and /api/health answers 503 until it does.
    console.error('Database not ready at start:', (error as Error).message);
  }

  if (!dev) adoptBuiltNextConfig();
  limitPageCache(env.PAGE_CACHE_MB);
  const app = next({ dev, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  // A development server compiles on the first request of each page, for
  // seconds: it would refuse its own developer.
  const shedder = createLoadShedder(dev ? { maxInFlight: 0, maxLagMs: 0 } : { maxInFlight: env.SHED_MAX_IN_FLIGHT, maxLagMs: env.SHED_MAX_LAG_MS });
  const server = createServer((req, res) => {
    // Headers a client could forge to pass for someone else are replaced by
    // what we know from the socket (or from trusted proxies only).
    const forwardedFor = req.headers['x-forwarded-for'];
    req.headers[CLIENT_IP_HEADER] = resolveClientIp(
      req.socket.remoteAddress,
      Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor,
      env.TRUST_PROXY,
    );
    if (env.TRUST_PROXY === 0) {
      // No proxy in front: the request itself is the truth.
      delete req.headers['x-forwarded-for'];
      req.headers['x-forwarded-host'] = req.headers.host;
      req.headers['x-forwarded-proto'] = 'encrypted' in req.socket ? 'https' : 'http';
    }
    const refusal = earlyRefusal(req);
    if (refusal) return void answerEarlyRefusal(req, res, refusal);
    const beacon = viewBeaconTarget(req.url);
    if (beacon) return void answerViewBeacon(req, res, beacon.storyId);
    if (shedder.shed(req, res)) return;
    outageErrorsAsUnavailable(res);
    if (isFetchAction(req)) return void passActionCall(req, res, (replay) => void handle(replay, res));
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;

  startBackgroundJobs();
  const token = createInternalToken();
  let stopListening: (() => Promise<void>) | undefined;

  server.listen({ port, host: hostname, backlog: LISTEN_BACKLOG }, () => {
    console.log(`Tougao ${dev ? '(development)' : ''} listening on http://localhost:${port}`);
    const self = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname;
    stopListening = startPublicCacheListener({ origin: `http://${self.includes(':') ? `[${self}]` : self}:${port}`, token });
  });

  const graceful = gracefulStop(server);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    stopBackgroundJobs();
    console.log(`${signal}: finishing requests already received, then stopping`);
    const outcome = await graceful.stop(env.SHUTDOWN_TIMEOUT_S * 1000);
    if (outcome === 'deadline') console.warn(`requests still open after ${env.SHUTDOWN_TIMEOUT_S} s were cut off`);
    // Every view answered is written before the pool closes (lib/view-buffer.ts).
    await viewBuffer().flush().catch((error: unknown) => console.error('views not written:', (error as Error).message));
    await stopListening?.().catch(() => {});
    await app.close().catch(() => {});
    await closeDb().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
