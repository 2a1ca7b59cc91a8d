// Whether the database can be reached, decided fast. PostgreSQL stopped
// leaves postgres.js reconnecting with a backoff of up to 20 s while queries
// wait; PostgreSQL frozen (SIGSTOP, a stuck disk, a partition) leaves them
// waiting forever on connections that stay open, where statement_timeout
// cannot help. So every query is watched: one still unanswered after a short
// while, or one that failed on its connection, has a trivial query sent on a
// connection of its own; when that does not answer in time the database is
// "down" — every waiting query fails at once, new ones fail without waiting,
// and the probe repeats each second until the database answers again.
//
// The state is shared through globalThis: the portal's server (which answers
// 503 while the database is down, scripts/server.ts) and Next's bundles each
// hold their own copy of this module.

export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(cause?: unknown) {
    super('The database cannot be reached', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

// Also when wrapped (drizzle wraps what the driver throws in its own error).
export function isDatabaseUnavailable(error: unknown): boolean {
  return codesOf(error).includes('DATABASE_UNAVAILABLE');
}

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

// postgres.js's own codes for a connection that failed, the socket errors
// beneath them, and PostgreSQL's for a server shutting down or starting.
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
]);

// An error that says the connection, not the query, failed (drizzle wraps
// the driver's error in its own, so the causes are followed).
export function isConnectionError(error: unknown): boolean {
  return codesOf(error).some((code) => CONNECTION_CODES.has(code) || code.startsWith('08'));
}

export type BreakerOptions = {
  // Sends a trivial query on a connection outside the pool; rejects or
  // hangs when the database cannot answer. `abandon` is called when it did
  // not answer in time, to drop that connection.
  probe: () => Promise<unknown>;
  abandon?: () => void;
  // A query unanswered this long has the database probed.
  stallMs: number;
  // How long the probe may take before the database counts as down.
  probeTimeoutMs: number;
  // How often a database that is down is probed again.
  retryMs?: number;
};

export class DatabaseBreaker {
  private isDown = false;
  private probing: Promise<void> | null = null;
  private lastAnswerAt = 0;
  private recovery: ReturnType<typeof setTimeout> | null = null;
  private readonly waiting = new Set<(error: Error) => void>();

  constructor(private readonly options: BreakerOptions) {}

  get down(): boolean {
    return this.isDown;
  }

  // Runs a query under watch: fails at once while the database is down, and
  // as soon as it goes down while the query waits.
  run<T>(query: () => PromiseLike<T>): Promise<T> {
    if (this.isDown) return Promise.reject(new DatabaseUnavailableError());
    return new Promise<T>((resolve, reject) => {
      this.waiting.add(reject);
      const stall = setTimeout(() => void this.check(), this.options.stallMs);
      stall.unref?.();
      const settle = () => {
        clearTimeout(stall);
        this.waiting.delete(reject);
      };
      Promise.resolve()
        .then(query)
        .then(
          (value) => {
            settle();
            this.lastAnswerAt = Date.now();
            resolve(value);
          },
          async (error: unknown) => {
            settle();
            if (isConnectionError(error)) {
              await this.check({ now: true });
              if (this.isDown) return reject(new DatabaseUnavailableError(error));
            }
            reject(error);
          },
        );
    });
  }

  // Probes the database, unless another query was just answered (a busy
  // database, not a lost one) and nothing failed on its connection; resolves
  // once the verdict is in.
  check(options: { now?: boolean } = {}): Promise<void> {
    if (this.probing) return this.probing;
    if (!options.now && !this.isDown && Date.now() - this.lastAnswerAt < this.options.stallMs / 2) return Promise.resolve();
    this.probing = this.probeOnce().finally(() => {
      this.probing = null;
    });
    return this.probing;
  }

  // Marks the database down: every waiting query fails, and the probe
  // repeats until it answers.
  trip(cause?: unknown): void {
    if (!this.isDown) {
      this.isDown = true;
      const error = new DatabaseUnavailableError(cause);
      for (const reject of this.waiting) reject(error);
      this.waiting.clear();
    }
    this.scheduleRecovery();
  }

  stop(): void {
    if (this.recovery) clearTimeout(this.recovery);
    this.recovery = null;
  }

  private async probeOnce(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.probeTimeoutMs);
      timer.unref?.();
    });
    const answered = await Promise.race([
      this.options.probe().then(
        () => 'answered' as const,
        () => 'failed' as const,
      ),
      timedOut,
    ]);
    clearTimeout(timer);
    if (answered === 'answered') {
      this.lastAnswerAt = Date.now();
      this.isDown = false;
      this.stop();
      return;
    }
    if (answered === 'timeout') this.options.abandon?.();
    this.trip();
  }

  private scheduleRecovery(): void {
    if (this.recovery) return;
    this.recovery = setTimeout(() => {
      this.recovery = null;
      void this.check().then(() => {
        if (this.isDown) this.scheduleRecovery();
      });
    }, this.options.retryMs ?? 1000);
    this.recovery.unref?.();
  }
}

const shared = globalThis as unknown as { __tougaoDbBreaker?: DatabaseBreaker };

export function installDatabaseBreaker(breaker: DatabaseBreaker): void {
  shared.__tougaoDbBreaker?.stop();
  shared.__tougaoDbBreaker = breaker;
}

export function databaseBreaker(): DatabaseBreaker | undefined {
  return shared.__tougaoDbBreaker;
}

// What a 503 asks clients to wait before trying again.
export const RETRY_AFTER_S = 5;

// False for the embedded database, which cannot go away on its own.
export function isDatabaseDown(): boolean {
  return shared.__tougaoDbBreaker?.down ?? false;
}
