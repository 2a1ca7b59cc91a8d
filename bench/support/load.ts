// Runs the load generator (./load-worker.ts) in a child process pinned to
// its own core, so that it never takes CPU from the server being measured,
// and hands back its figures.
import { onCleanup } from './cleanup';
import { spawnPinned, stopProcessGroup } from './processes';

export type LoadSpec = {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  connections: number;
  // One of the two: run for this long, or until this many responses are in.
  durationS?: number;
  amount?: number;
};

export type LoadResult = {
  responses: number;
  durationS: number;
  rps: number;
  // Latency in ms, from every response of the run, and how many took longer than 5 s.
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  maxMs: number;
  over5s: number;
  // Responses by HTTP status.
  status: Record<string, number>;
  non2xx: number;
  errors: number;
  timeouts: number;
  // The generator's own CPU use: near 100 % means the figure is the
  // generator's limit, not the server's.
  generatorCpuPercent: number;
};

export const LOAD_CORE = 1;

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const child = spawnPinned(LOAD_CORE, process.execPath, ['--import', 'tsx', new URL('./load-worker.ts', import.meta.url).pathname, JSON.stringify(spec)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = onCleanup(() => stopProcessGroup(child, 'SIGKILL'));
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      void stop();
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`load generator failed (exit ${code}) for ${spec.url}`));
      resolve(JSON.parse(last) as LoadResult);
    });
  });
}

// A warm-up run, its figures thrown away (the server's JIT, its caches and
// the database's buffers settle), then the measured run.
export async function warmThenMeasure(spec: Omit<LoadSpec, 'durationS' | 'amount'>, warmupS: number, measureS: number): Promise<LoadResult> {
  if (warmupS > 0) await runLoad({ ...spec, durationS: warmupS });
  return runLoad({ ...spec, durationS: measureS });
}
