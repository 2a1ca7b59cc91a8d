import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${pid}. ` +
        'Stop that process first (the embedded database allows one process at a time), ' +
        'or set DATABASE_URL to use a PostgreSQL server.',
    );
    this.name = 'DataDirLockedError';
  }
}

// When the kernel started a process (clock ticks since boot, field 22 of
// /proc/<pid>/stat). With the pid it names one process even after pids wrap
// around; null where there is no /proc (then the pid alone decides).
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2, the command name, is in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

// The lock file holds "<pid> <start time>"; files written before the start
// time was recorded hold the pid alone.
function readHolder(file: string): { pid: number; startTime: string | null } {
  const [pid, startTime] = readFileSync(file, 'utf8').trim().split(/\s+/);
  return { pid: Number.parseInt(pid ?? '', 10), startTime: startTime || null };
}

function isHeldBy(holder: { pid: number; startTime: string | null }): boolean {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0 || !isAlive(holder.pid)) return false;
  // A live process under that pid that started at another time is not the holder: the pid was reused.
  const now = processStartTime(holder.pid);
  return holder.startTime === null || now === null || now === holder.startTime;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// PGlite is one process's database: two processes writing one folder corrupt
// it. A pid file taken with O_EXCL keeps the second one out; a file left by a
// process that is gone (dead, or its pid now another process's) is taken over.
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'tougao.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      const self = `${process.pid} ${processStartTime(process.pid) ?? ''}`.trim();
      writeSync(fd, self);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(file, 'utf8').trim() === self) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder.pid === process.pid && (holder.startTime === null || holder.startTime === processStartTime(process.pid))) return () => {};
      if (holder.pid !== process.pid && isHeldBy(holder)) throw new DataDirLockedError(dataDir, holder.pid);
      unlinkSync(file);
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}`);
}
