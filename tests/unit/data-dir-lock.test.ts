import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DataDirLockedError, lockDataDir, processStartTime } from '@/db/data-dir-lock';

// The embedded database's folder lock: one process at a time, and a lock
// left behind never blocks start-up, even when its pid now names another
// live process (pids wrap around, and in a container the app's pid repeats).

let dir: string;
let other: ChildProcess | undefined;
const lockFile = () => path.join(dir, 'tougao.lock');

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tougao-lock-'));
});
afterEach(() => {
  other?.kill();
  other = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function liveProcess(): number {
  other = spawn('sleep', ['30'], { stdio: 'ignore' });
  return other.pid!;
}

describe('the data folder lock', () => {
  test('records this process and its start time, and removes the file on release', () => {
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.pid} ${processStartTime(process.pid)}`);
    release();
    expect(existsSync(lockFile())).toBe(false);
  });

  test('a live process that holds the folder keeps it', () => {
    const pid = liveProcess();
    writeFileSync(lockFile(), `${pid} ${processStartTime(pid)}`);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });

  test('a lock written before start times were recorded still holds while its pid lives', () => {
    const pid = liveProcess();
    writeFileSync(lockFile(), String(pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });

  test('a lock whose pid now belongs to another live process (started later) is taken over', () => {
    const pid = liveProcess();
    writeFileSync(lockFile(), `${pid} 1`);
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.pid} ${processStartTime(process.pid)}`);
    release();
  });

  test("a lock left by this pid's previous life (a restarted container) is taken over", () => {
    writeFileSync(lockFile(), `${process.pid} 1`);
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.pid} ${processStartTime(process.pid)}`);
    release();
  });

  test('a lock whose process is gone is taken over', async () => {
    const pid = liveProcess();
    const start = processStartTime(pid);
    other!.kill();
    await new Promise((resolve) => other!.once('exit', resolve));
    writeFileSync(lockFile(), `${pid} ${start}`);
    lockDataDir(dir)();
  });
});
