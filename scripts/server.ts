// The portal's server: Next.js behind a small Node HTTP server that decides
// the client's address (for login throttling), answers the view beacon
// (lib/http/view-beacon.ts) and shuts down gracefully.
import { createServer } from 'node:http';
import next from 'next';
import { closeDb } from '../db/client';
import { DataDirLockedError } from '../db/data-dir-lock';
import { getEnv } from '../lib/env';
import { startBackgroundJobs, stopBackgroundJobs } from '../lib/jobs';
import { CLIENT_IP_HEADER, resolveClientIp } from '../lib/http/client-ip';
import { createInternalToken } from '../lib/http/internal-token';
import { answerViewBeacon, viewBeaconTarget } from '../lib/http/view-beacon';
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
  const app = next({ dev, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

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
    const beacon = viewBeaconTarget(req.url);
    if (beacon) return void answerViewBeacon(req, res, beacon.storyId);
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;

  startBackgroundJobs();
  const token = createInternalToken();
  let stopListening: (() => Promise<void>) | undefined;

  server.listen(port, hostname, () => {
    console.log(`Tougao ${dev ? '(development)' : ''} listening on http://localhost:${port}`);
    const self = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname;
    stopListening = startPublicCacheListener({ origin: `http://${self.includes(':') ? `[${self}]` : self}:${port}`, token });
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    stopBackgroundJobs();
    void stopListening?.();
    console.log(`${signal}: finishing requests in flight, then stopping`);
    // Requests in flight finish; idle keep-alive sockets close now.
    server.close(async () => {
      // Views counted in memory (lib/view-buffer.ts) are written before the pool closes.
      await viewBuffer().flush().catch(() => {});
      await app.close().catch(() => {});
      await closeDb().catch(() => {});
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => {
      void closeDb().finally(() => process.exit(0));
    }, 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
