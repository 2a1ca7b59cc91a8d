// What a figure was measured on: the date, the commit and the machine with
// its load, printed at the top of every run. Benchmarks on a shared machine
// mean little without the load average beside them.
import { execFileSync } from 'node:child_process';
import os from 'node:os';

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    return '';
  }
}

export function gitCommit(): string {
  const commit = run('git', ['rev-parse', '--short', 'HEAD']) || 'unknown';
  const isDirty = run('git', ['status', '--porcelain', '--untracked-files=no']) !== '';
  return isDirty ? `${commit} (with uncommitted changes)` : commit;
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
}

export function describeMachine(): string[] {
  const cpus = os.cpus();
  const gib = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);
  return [
    `date:     ${new Date().toISOString()}`,
    `commit:   ${gitCommit()}`,
    `machine:  ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${gib(os.totalmem())} GiB memory, ${gib(os.freemem())} GiB free`,
    `load:     ${loadAverage()} (1 / 5 / 15 min)`,
    // nginx prints its version on stderr.
    `software: node ${process.version}, ${run('sh', ['-c', 'nginx -v 2>&1']) || 'no nginx'}`,
  ];
}
