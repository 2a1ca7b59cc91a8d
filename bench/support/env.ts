// The benchmarks' settings come from the environment (BENCH_*, SOAK_*); a
// setting that is not a number stops the run before anything starts.
export function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0`);
  return value;
}
