// Latency figures from every response of a run, computed exactly (autocannon
// itself reports p90, p97.5 and p99, not p95, and no share over a limit).
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

export type LatencySummary = { p50: number; p95: number; p99: number; p999: number; maxMs: number; over5s: number };

// `latencies` in ms, in any order (sorted here, in place).
export function summarizeLatencies(latencies: number[]): LatencySummary {
  latencies.sort((a, b) => a - b);
  return {
    p50: round1(percentile(latencies, 50)),
    p95: round1(percentile(latencies, 95)),
    p99: round1(percentile(latencies, 99)),
    p999: round1(percentile(latencies, 99.9)),
    maxMs: round1(latencies.at(-1) ?? 0),
    over5s: latencies.filter((ms) => ms > 5_000).length,
  };
}
