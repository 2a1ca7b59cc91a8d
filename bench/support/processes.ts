// Child processes for the benchmarks: pinned to a core, in their own process
// group (so a server and whatever it forks stop together), and measured by
// the resident memory of their whole tree.
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

// `taskset -c <core> command…`: taskset execs the command, so the child's
// pid is the command's own.
export function spawnPinned(core: number, command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn('taskset', ['-c', String(core), command, ...args], { ...options, detached: true });
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // the group is already gone
  }
}

// Asks the process group to stop with `signal`, and kills it if it has not
// after `graceMs`.
export async function stopProcessGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
  if (child.pid === undefined || hasExited(child)) return;
  signalGroup(child, signal);
  if (!(await waitForExit(child, graceMs))) {
    signalGroup(child, 'SIGKILL');
    await waitForExit(child, 5_000);
  }
}

type ProcEntry = { pid: number; ppid: number; rssKb: number };

function readProcesses(): ProcEntry[] {
  const entries: ProcEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      entries.push({
        pid: Number(name),
        ppid: Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0),
        rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0),
      });
    } catch {
      // the process ended while we looked
    }
  }
  return entries;
}

// The pid and all its descendants.
export function processTree(rootPid: number): ProcEntry[] {
  const all = readProcesses();
  const byParent = new Map<number, ProcEntry[]>();
  for (const entry of all) byParent.set(entry.ppid, [...(byParent.get(entry.ppid) ?? []), entry]);
  const tree = all.filter((entry) => entry.pid === rootPid);
  for (let i = 0; i < tree.length; i++) tree.push(...(byParent.get(tree[i]!.pid) ?? []));
  return tree;
}

// Resident memory of a process and everything it forked, in MB.
export function treeRssMb(rootPid: number): number {
  return Math.round(processTree(rootPid).reduce((sum, entry) => sum + entry.rssKb, 0) / 1024);
}

// Moves a running process tree (every thread of every process) onto one
// core; processes it forks later inherit that.
export function pinTreeToCore(rootPid: number, core: number): number {
  const tree = processTree(rootPid);
  for (const { pid } of tree) {
    try {
      execFileSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
    } catch {
      // ended meanwhile
    }
  }
  return tree.length;
}

// Moves this process (the benchmark's own bookkeeping: RSS sampling, health
// checks) off the server's core while it is measured.
export function pinSelfToCore(core: number): void {
  execFileSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)], { stdio: 'ignore' });
}
