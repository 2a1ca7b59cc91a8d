// A mixed load: one autocannon run whose connections each take the next
// request from a weighted cycle of kinds (home, columns, articles, searches,
// the view beacon, signed-in pages), so the server holds what a day of
// readers and editors leaves in it, not what one page does. It runs in the
// benchmark's own process, since the kinds are functions (the single-address
// generator of ./load.ts runs in a child); pin that process off the server's core.
import autocannon from 'autocannon';
import { summarizeLatencies, type LatencySummary } from './latency';

export type MixedRequest = { method?: 'GET' | 'POST'; path: string; headers?: Record<string, string> };

export type RequestKind = { name: string; weight: number; next: () => MixedRequest };

export type MixedResult = LatencySummary & {
  responses: number;
  rps: number;
  // Responses per kind, and how many of them were not 2xx (a redirect of a
  // signed-in page would mean the session was lost).
  byKind: Record<string, { responses: number; non2xx: number }>;
  errors: number;
  timeouts: number;
};

// Each kind `weight` times, spread out rather than in blocks, so every
// stretch of the run sees every kind.
export function interleave(kinds: readonly RequestKind[]): RequestKind[] {
  const placed = kinds.flatMap((kind) => Array.from({ length: kind.weight }, (_, i) => ({ kind, at: (i + 0.5) / kind.weight })));
  return placed.sort((a, b) => a.at - b.at).map((p) => p.kind);
}

type Context = { kind?: string };

export async function runMixedLoad(base: string, kinds: readonly RequestKind[], connections: number, durationS: number): Promise<MixedResult> {
  const cycle = interleave(kinds);
  let turn = 0;
  const byKind: MixedResult['byKind'] = Object.fromEntries(kinds.map((kind) => [kind.name, { responses: 0, non2xx: 0 }]));
  const latencies: number[] = [];
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: durationS,
        timeout: 30,
        requests: [
          {
            setupRequest: (request, context) => {
              const kind = cycle[turn++ % cycle.length]!;
              const next = kind.next();
              (context as Context).kind = kind.name;
              return { ...request, method: next.method ?? 'GET', path: next.path, headers: { ...request.headers, ...next.headers } };
            },
            onResponse: (status, _body, context) => {
              const counts = byKind[(context as Context).kind ?? '']!;
              counts.responses++;
              if (status < 200 || status > 299) counts.non2xx++;
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  const elapsedS = (performance.now() - started) / 1000;
  return {
    responses: latencies.length,
    rps: Math.round(latencies.length / elapsedS),
    ...summarizeLatencies(latencies),
    byKind,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
