// The load generator, run by bench/support/load.ts in its own process pinned
// to its own core: one autocannon run against one address, every response's
// latency kept (./latency.ts). Prints one JSON line: a LoadResult.
import autocannon from 'autocannon';
import { round1, summarizeLatencies } from './latency';
import type { LoadResult, LoadSpec } from './load';

async function main() {
  const spec = JSON.parse(process.argv[2]!) as LoadSpec;
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const options: autocannon.Options = {
    url: spec.url,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    connections: spec.connections,
    // `amount` ends the run once that many responses are in: no request is
    // left in flight, which an exact count of views needs.
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.durationS }),
    timeout: 30,
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  const elapsedS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const status: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) status[code] = stats.count ?? 0;
  const out: LoadResult = {
    responses: latencies.length,
    durationS: round1(elapsedS),
    rps: Math.round(latencies.length / elapsedS),
    ...summarizeLatencies(latencies),
    status,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    generatorCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / (elapsedS * 1000)) * 100),
  };
  console.log(JSON.stringify(out));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
