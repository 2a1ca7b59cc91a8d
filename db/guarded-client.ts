import net from 'node:net';
import postgres from 'postgres';
import type { DatabaseBreaker } from './availability';

// The pool as drizzle sees it, every query run under the breaker's watch
// (db/availability.ts). drizzle sends each query through `unsafe` (awaited,
// sometimes after `.values()`) and each transaction through `begin`. The
// client itself is left alone: postgres.js calls its own `unsafe` inside.
export function guardedClient(client: postgres.Sql, breaker: DatabaseBreaker): postgres.Sql {
  let unsafe = ((...args: Parameters<postgres.Sql['unsafe']>) => watched(client.unsafe(...args), breaker)) as postgres.Sql['unsafe'];
  const begin = ((...args: unknown[]) => breaker.run(() => (client.begin as (...a: unknown[]) => Promise<unknown>)(...args))) as postgres.Sql['begin'];
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') return unsafe;
      if (property === 'begin') return begin;
      return Reflect.get(target, property, receiver);
    },
    // A test may wrap `unsafe` to count queries; the wrapper then sits in
    // front of the guarded one.
    set(target, property, value, receiver) {
      if (property !== 'unsafe') return Reflect.set(target, property, value, receiver);
      unsafe = value as postgres.Sql['unsafe'];
      return true;
    },
  });
}

// A postgres.js query runs when first awaited, so the breaker decides
// before it is sent: while the database is down it is never sent at all.
function watched<T>(query: postgres.PendingQuery<postgres.Row[]>, breaker: DatabaseBreaker): postgres.PendingQuery<postgres.Row[]> {
  let result: Promise<T> | undefined;
  const handle = {
    values() {
      query.values();
      return handle;
    },
    then<A, B>(onFulfilled?: (value: T) => A | PromiseLike<A>, onRejected?: (reason: unknown) => B | PromiseLike<B>) {
      result ??= breaker.run(() => query as unknown as PromiseLike<T>);
      return result.then(onFulfilled, onRejected);
    },
  };
  return handle as unknown as postgres.PendingQuery<postgres.Row[]>;
}

// The breaker's probe: a refused connection is known at once (postgres.js
// would keep reconnecting); otherwise a trivial query on a connection of
// its own, which closes when idle so it holds nothing between outages.
export function postgresProbe(url: string, connectTimeoutS: number): { probe: () => Promise<unknown>; abandon: () => void } {
  let client: postgres.Sql | null = null;
  const open = () =>
    postgres(url, {
      max: 1,
      connect_timeout: connectTimeoutS,
      idle_timeout: 5,
      max_lifetime: null,
      // Nothing but `select 1` runs here: no type lookup to be cut off.
      fetch_types: false,
      onnotice: () => {},
      connection: { application_name: 'tougao-probe' },
    });
  return {
    probe: async () => {
      client ??= open();
      await reachable(client.options, connectTimeoutS);
      await client`select 1`;
    },
    abandon: () => {
      void client?.end({ timeout: 0 }).catch(() => {});
      client = null;
    },
  };
}

function reachable(options: postgres.Sql['options'], timeoutS: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = options.path ? net.connect({ path: options.path }) : net.connect({ host: options.host[0], port: options.port[0] ?? 5432 });
    socket.unref();
    socket.setTimeout(timeoutS * 1000, () => socket.destroy(new Error('connect timeout')));
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', (error) => {
      socket.destroy();
      reject(error);
    });
  });
}
