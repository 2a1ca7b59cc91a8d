import { execFileSync, spawn } from 'node:child_process';
import { accessSync, appendFileSync, chownSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

// A throwaway PostgreSQL server for the test tiers: initdb into a temporary
// folder, start on a free loopback port, delete everything on stop. Tuned for
// speed, not durability (fsync off): nothing in it outlives the run.

export type PgBinaries = { binDir: string; pgCtl: string; initdb: string; source: string };

export type PgServer = {
  // Superuser URL of the test database created at start.
  url: string;
  port: number;
  binaries: PgBinaries;
  stop: () => Promise<void>;
  // Outages, for the tests of db/availability.ts: the server shut down (and
  // started again on the same port, with its data), or every one of its
  // processes frozen (SIGSTOP) and thawed.
  halt: () => Promise<void>;
  resume: () => Promise<void>;
  freeze: () => void;
  thaw: () => void;
};

const SUPERUSER = 'postgres';
const RUN_AS = 'postgres';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function binariesIn(binDir: string, source: string): PgBinaries | null {
  const pgCtl = path.join(binDir, 'pg_ctl');
  const initdb = path.join(binDir, 'initdb');
  return isExecutable(pgCtl) && isExecutable(initdb) ? { binDir, pgCtl, initdb, source } : null;
}

function versionOf(name: string): number[] {
  return name.split('.').map((part) => Number.parseInt(part, 10) || 0);
}

function compareVersions(a: string, b: string): number {
  const va = versionOf(a);
  const vb = versionOf(b);
  for (let i = 0; i < Math.max(va.length, vb.length); i++) {
    const d = (va[i] ?? 0) - (vb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

// Where the server binaries are: PG_BIN, then the highest version under
// /usr/lib/postgresql (Debian's layout), then pg_ctl on PATH. Null if none.
export function findPgBinaries(): PgBinaries | null {
  const fromEnv = process.env.PG_BIN?.trim();
  if (fromEnv) {
    const found = binariesIn(fromEnv, 'PG_BIN');
    if (found) return found;
    throw new Error(`PG_BIN is set to ${fromEnv}, but pg_ctl and initdb are not there.`);
  }
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot).sort(compareVersions).reverse();
    for (const version of versions) {
      const found = binariesIn(path.join(debianRoot, version, 'bin'), `${debianRoot}/${version}`);
      if (found) return found;
    }
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    if (isExecutable(path.join(dir, 'pg_ctl'))) {
      // Follow a symlinked pg_ctl to its real folder, where initdb lives too.
      let real = path.join(dir, 'pg_ctl');
      try {
        real = execFileSync('readlink', ['-f', real], { encoding: 'utf8' }).trim() || real;
      } catch {
        // keep the PATH entry
      }
      const found = binariesIn(path.dirname(real), 'PATH') ?? binariesIn(dir, 'PATH');
      if (found) return found;
    }
  }
  return null;
}

type RunAs = { uid: number; gid: number; wrap: (file: string, args: string[]) => [string, string[]] };

// initdb refuses to run as root, so as root everything runs as the
// `postgres` system user that the distribution's packages create.
function runAsForCurrentUser(): RunAs | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', RUN_AS], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', RUN_AS], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error(
      `Running as root, and initdb refuses root, but there is no '${RUN_AS}' system user to run the test server as. ` +
        'Install the postgresql package (it creates that user) or run the tests as a normal user.',
    );
  }
  const hasRunuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find(existsSync);
  const wrap = (file: string, args: string[]): [string, string[]] =>
    hasRunuser
      ? [hasRunuser, ['-u', RUN_AS, '--', file, ...args]]
      : ['setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--init-groups', '--', file, ...args]];
  return { uid, gid, wrap };
}

function run(runAs: RunAs | null, file: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  const [cmd, cmdArgs] = runAs ? runAs.wrap(file, args) : [file, args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

// The processes a PostgreSQL server started (its backends and workers).
function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // pid (comm) state ppid …; comm may hold spaces, so read after the last ')'.
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
      } catch {
        return false;
      }
    })
    .map(Number);
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function chownTree(dir: string, runAs: RunAs | null): void {
  if (!runAs) return;
  chownSync(dir, runAs.uid, runAs.gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, runAs);
    else chownSync(p, runAs.uid, runAs.gid);
  }
}

export function urlWithDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

// A fresh, empty database on the server behind `url` (e.g. so e2e data never
// meets integration data). Returns its URL.
export async function createDatabase(url: string, database: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`Unsafe database name: ${database}`);
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await sql.unsafe(`drop database if exists "${database}" with (force)`);
    await sql.unsafe(`create database "${database}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
  return urlWithDatabase(url, database);
}

// Starts a server and creates `database` in it. Throws if no server binaries
// exist (call findPgBinaries first to decide what to do instead).
export async function startPgServer(options: { database?: string; binaries?: PgBinaries } = {}): Promise<PgServer> {
  const binaries = options.binaries ?? findPgBinaries();
  if (!binaries) throw new Error('No PostgreSQL server binaries found (set PG_BIN, or install the postgresql package).');
  const database = options.database ?? 'tougao_test';
  const runAs = runAsForCurrentUser();

  const root = mkdtempSync(path.join(os.tmpdir(), 'tougao-pg-'));
  const dataDir = path.join(root, 'data');
  const socketDir = path.join(root, 'sock');
  const logFile = path.join(root, 'server.log');
  mkdirSync(socketDir);
  chownTree(root, runAs);

  let started = false;
  const stopSync = () => {
    if (started) {
      try {
        const [cmd, args] = runAs ? runAs.wrap(binaries.pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w']) : [binaries.pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w']];
        execFileSync(cmd, args, { cwd: root, stdio: 'ignore' });
      } catch {
        // already stopped
      }
      started = false;
    }
    rmSync(root, { recursive: true, force: true });
  };
  // A crash or Ctrl-C of the runner must not leave a server behind.
  process.once('exit', stopSync);

  try {
    const init = await run(runAs, binaries.initdb, ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], root);
    if (init.code !== 0) throw new Error(`initdb failed:\n${init.output}`);
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freeLoopbackPort();
      appendFileSync(
        path.join(dataDir, 'postgresql.conf'),
        [
          '',
          '# throwaway test server',
          "listen_addresses = '127.0.0.1'",
          `port = ${port}`,
          `unix_socket_directories = '${socketDir}'`,
          'fsync = off',
          'synchronous_commit = off',
          'full_page_writes = off',
          'max_connections = 200',
          '',
        ].join('\n'),
      );
      const start = await run(runAs, binaries.pgCtl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60'], root);
      if (start.code === 0) break;
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      // Another process may have taken the port between probe and start.
      if (attempt < 3 && /could not bind|address already in use/i.test(log)) continue;
      throw new Error(`pg_ctl start failed:\n${start.output}\n${log}`);
    }
    started = true;
    const pgCtl = async (...args: string[]) => {
      const result = await run(runAs, binaries.pgCtl, [...args, '-D', dataDir, '-w'], root);
      if (result.code !== 0) throw new Error(`pg_ctl ${args[0]} failed:\n${result.output}`);
    };
    const signalAll = (signal: NodeJS.Signals) => {
      const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n', 1)[0]);
      for (const pid of [postmaster, ...childrenOf(postmaster)]) process.kill(pid, signal);
    };
    const baseUrl = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
    const url = await createDatabase(baseUrl, database);
    return {
      url,
      port,
      binaries,
      stop: async () => {
        process.removeListener('exit', stopSync);
        if (started) {
          await run(runAs, binaries.pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w'], root);
          started = false;
        }
        rmSync(root, { recursive: true, force: true });
      },
      halt: () => pgCtl('stop', '-m', 'fast'),
      resume: () => pgCtl('start', '-l', logFile, '-t', '60'),
      freeze: () => signalAll('SIGSTOP'),
      thaw: () => signalAll('SIGCONT'),
    };
  } catch (error) {
    process.removeListener('exit', stopSync);
    stopSync();
    throw error;
  }
}
