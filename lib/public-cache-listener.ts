import 'server-only';
import { listenDb } from '@/db/client';
import { INTERNAL_TOKEN_HEADER } from './http/internal-token';
import { logger } from './logger';
import { PUBLIC_CHANGE_CHANNEL } from './public-cache';

// Runs in every instance's server (scripts/server.ts): hears on the database
// channel which public pages went stale, whichever instance made the change,
// and asks its own Next server to drop them (revalidatePath only works inside
// Next's request handling, hence the request to itself).
export function startPublicCacheListener(options: { origin: string; token: string; retryMs?: number }): () => Promise<void> {
  let stopped = false;
  let unlisten: (() => Promise<void>) | undefined;
  let retry: NodeJS.Timeout | undefined;

  const invalidate = (payload: string) => {
    void fetch(`${options.origin}/api/internal/revalidate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: options.token },
      body: payload,
    })
      .then((response) => {
        if (!response.ok) logger.warn({ status: response.status }, 'public page invalidation refused');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'public page invalidation failed'));
  };

  const subscribe = () => {
    listenDb(PUBLIC_CHANGE_CHANNEL, invalidate)
      .then(async (stop) => {
        if (stopped) await stop();
        else unlisten = stop;
      })
      .catch((error: unknown) => {
        // The database is not up yet: try again; pages meanwhile expire on their own.
        logger.warn({ err: error }, 'cannot listen for public page changes yet');
        if (!stopped) retry = setTimeout(subscribe, options.retryMs ?? 5000);
      });
  };
  subscribe();

  return async () => {
    stopped = true;
    clearTimeout(retry);
    await unlisten?.().catch(() => {});
  };
}
