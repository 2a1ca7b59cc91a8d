// `npm test`: every check in one run, in order — typecheck, lint, unit,
// integration (PostgreSQL), e2e (Chromium) — continuing past a failed step so
// the summary is complete. The last line printed is always
// `N passed, N failed` (plus `, N skipped` when any were skipped); the exit
// status is non-zero if anything failed or nothing ran.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, findPgBinaries, startPgServer, type PgServer } from '../tests/support/pg-server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, 'tests', '.artifacts');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const isCI = process.env.CI === 'true';

type Counts = { passed: number; failed: number; skipped: number };
type StepResult = Counts & { name: string; seconds: number; note?: string };

const results: StepResult[] = [];
let current: ChildProcess | undefined;
let interrupted = false;
let server: PgServer | undefined;
const tempDirs: string[] = [];

function banner(text: string): void {
  console.log(process.stdout.isTTY ? `\n\x1b[1m=== ${text} ===\x1b[0m` : `\n=== ${text} ===`);
}

function loud(lines: string[]): void {
  const bar = '!'.repeat(78);
  console.log(['', bar, ...lines.map((l) => `!! ${l}`), bar, ''].join('\n'));
}

function record(name: string, counts: Counts, startedAt: number, note?: string): void {
  results.push({ name, ...counts, seconds: (Date.now() - startedAt) / 1000, note });
}

// Runs a command with the terminal attached; resolves with its exit code.
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    console.log(`$ ${[path.relative(root, command) || command, ...args].join(' ')}`);
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    current = child;
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      current = undefined;
      resolve(127);
    });
    child.on('close', (code, signal) => {
      current = undefined;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

// A step that is one check (typecheck, lint): one passed or one failed.
async function checkStep(name: string, command: string, args: string[]): Promise<void> {
  const startedAt = Date.now();
  const code = await run(command, args);
  record(name, code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 }, startedAt, code === 0 ? undefined : `exit ${code}`);
}

type VitestJson = { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number };

async function vitestStep(name: 'unit' | 'integration', env: NodeJS.ProcessEnv): Promise<void> {
  const startedAt = Date.now();
  const outputFile = path.join(artifacts, `${name}.json`);
  rmSync(outputFile, { force: true });
  const code = await run(bin('vitest'), ['run', '--project', name, '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`], env);
  const report = readJson(outputFile) as VitestJson | undefined;
  const counts: Counts = {
    passed: report?.numPassedTests ?? 0,
    failed: report?.numFailedTests ?? 0,
    skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
  };
  let note: string | undefined;
  if (!report) note = 'no JSON report (vitest crashed?)';
  // A file that fails to load, or a failing setup, fails no test but fails the step.
  if (code !== 0 && counts.failed === 0) {
    counts.failed = 1;
    note ??= `vitest exited ${code} without a failing test; see its output above`;
  }
  record(name, counts, startedAt, note);
}

function findSpecs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.spec\.ts$/.test(file))
    .map((file) => path.join(dir, file));
}

type PlaywrightJson = { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number }; errors?: unknown[] };

// The database is made only when there is something to run against it.
async function e2eStep(prepareDatabase: () => Promise<{ url?: string; dataDir?: string }>): Promise<void> {
  const startedAt = Date.now();
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    loud([
      `e2e: Chromium not found at ${chromium}.`,
      'Install it with: apt-get install -y chromium   (or set CHROMIUM_PATH to a Chromium binary).',
      'The e2e step counts as failed.',
    ]);
    record('e2e', { passed: 0, failed: 1, skipped: 0 }, startedAt, 'Chromium missing');
    return;
  }
  const specs = findSpecs(path.join(root, 'tests', 'e2e'));
  if (specs.length === 0) {
    console.log('No e2e specs under tests/e2e yet: 0 tests, nothing built.');
    record('e2e', { passed: 0, failed: 0, skipped: 0 }, startedAt, 'no specs yet');
    return;
  }
  const outputFile = path.join(artifacts, 'e2e.json');
  rmSync(outputFile, { force: true });
  const db = await prepareDatabase();
  const env: NodeJS.ProcessEnv = { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: outputFile };
  if (db.url) env.E2E_DATABASE_URL = db.url;
  else if (db.dataDir) env.E2E_DATA_DIR = db.dataDir;
  const code = await run(bin('playwright'), ['test', '--reporter=list,json'], env);
  const report = readJson(outputFile) as PlaywrightJson | undefined;
  const stats = report?.stats ?? {};
  const counts: Counts = {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
  };
  let note: string | undefined = report ? undefined : 'no JSON report (playwright crashed?)';
  // e.g. the web server failed to build or start: no test failed, but the step did.
  if (code !== 0 && counts.failed === 0) {
    counts.failed = 1;
    note ??= `playwright exited ${code} without a failing test; see its output above`;
  }
  record('e2e', counts, startedAt, note);
}

type Database = { kind: 'postgres'; url: string; source: string } | { kind: 'pglite' } | { kind: 'none'; reason: string };

// TEST_DATABASE_URL, else DATABASE_URL, else a throwaway server from the local
// binaries, else (not under CI) embedded PGlite. TEST_USE_PGLITE=true asks
// for PGlite outright.
async function obtainDatabase(): Promise<Database> {
  if (process.env.TEST_USE_PGLITE === 'true') return { kind: 'pglite' };
  const given = process.env.TEST_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim();
  if (given) return { kind: 'postgres', url: given, source: process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'DATABASE_URL' };
  const binaries = findPgBinaries();
  if (binaries) {
    server = await startPgServer({ binaries });
    return { kind: 'postgres', url: server.url, source: `throwaway server from ${binaries.binDir}, port ${server.port}` };
  }
  if (isCI) {
    return {
      kind: 'none',
      reason:
        'No PostgreSQL: TEST_DATABASE_URL and DATABASE_URL are unset and no server binaries were found ' +
        '(PG_BIN, /usr/lib/postgresql/*/bin, pg_ctl on PATH). Under CI this fails the run: apt-get install -y postgresql.',
    };
  }
  return { kind: 'pglite' };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

// A database of the e2e tier's own, next to the integration one.
async function e2eDatabase(url: string): Promise<string> {
  const base = decodeURIComponent(new URL(url).pathname.slice(1)) || 'tougao';
  const name = `${base.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 50)}_e2e`;
  try {
    return await createDatabase(url, name);
  } catch (error) {
    loud([
      `Could not create a separate e2e database (${(error as Error).message}).`,
      'e2e will share the integration database; its data is uniquely named, so it should not collide.',
    ]);
    return url;
  }
}

async function cleanup(): Promise<void> {
  const s = server;
  server = undefined;
  if (s) {
    try {
      await s.stop();
    } catch (error) {
      console.error(`stopping the test PostgreSQL failed: ${(error as Error).message}`);
    }
  }
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

function printSummary(): number {
  const total = results.reduce<Counts>(
    (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  banner('summary');
  for (const r of results) {
    const mark = r.failed > 0 ? 'FAIL' : 'ok  ';
    const counts = `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`;
    console.log(`${mark} ${r.name.padEnd(12)} ${counts.padEnd(36)} ${r.seconds.toFixed(1).padStart(6)}s${r.note ? `  (${r.note})` : ''}`);
  }
  if (interrupted) console.log('Interrupted: the remaining steps did not run.');
  if (total.passed + total.failed === 0) console.log('No test ran at all: that is a failure.');
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  if (interrupted) return 130;
  return total.failed > 0 || total.passed + total.failed === 0 ? 1 : 0;
}

function onSignal(signal: NodeJS.Signals): void {
  if (interrupted) {
    // Second Ctrl-C: stop waiting for the child.
    current?.kill('SIGKILL');
    return;
  }
  interrupted = true;
  console.log(`\n${signal}: stopping after the current step's process ends…`);
  // Ctrl-C in a terminal reaches the child too; a SIGTERM sent to us alone is passed on.
  if (signal !== 'SIGINT') current?.kill(signal);
}

async function main(): Promise<number> {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  mkdirSync(artifacts, { recursive: true });
  const steps = 5;

  banner(`[1/${steps}] typecheck`);
  await checkStep('typecheck', bin('tsc'), ['--noEmit']);

  if (!interrupted) {
    banner(`[2/${steps}] lint`);
    await checkStep('lint', bin('eslint'), ['.']);
  }

  if (!interrupted) {
    banner(`[3/${steps}] unit`);
    await vitestStep('unit', process.env);
  }

  let db: Database | undefined;
  if (!interrupted) {
    banner(`[4/${steps}] integration`);
    const startedAt = Date.now();
    try {
      db = await obtainDatabase();
    } catch (error) {
      db = { kind: 'none', reason: `Could not start the test PostgreSQL: ${(error as Error).message}` };
    }
    if (db.kind === 'none') {
      loud([db.reason, 'The integration and e2e steps do not run.']);
      record('database', { passed: 0, failed: 1, skipped: 0 }, startedAt, 'no PostgreSQL');
    } else {
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.DATABASE_URL;
      if (db.kind === 'postgres') {
        console.log(`PostgreSQL: ${db.source} (${redact(db.url)})`);
        env.TEST_DATABASE_URL = db.url;
      } else {
        loud([
          process.env.TEST_USE_PGLITE === 'true'
            ? 'TEST_USE_PGLITE=true: not using PostgreSQL.'
            : 'No PostgreSQL found (no TEST_DATABASE_URL, no DATABASE_URL, no server binaries).',
          'Integration tests run on embedded PGlite instead, and e2e runs the app on PGlite.',
          'Install PostgreSQL (apt-get install -y postgresql) to test against the real server.',
        ]);
        delete env.TEST_DATABASE_URL;
        env.TEST_USE_PGLITE = 'true';
      }
      if (!interrupted) await vitestStep('integration', env);
    }
  }

  if (!interrupted && db && db.kind !== 'none') {
    banner(`[5/${steps}] e2e`);
    const integrationDb = db;
    await e2eStep(async () => {
      if (integrationDb.kind === 'postgres') return { url: await e2eDatabase(integrationDb.url) };
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tougao-e2e-pglite-'));
      tempDirs.push(dataDir);
      return { dataDir };
    });
  }

  await cleanup();
  return printSummary();
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(error);
    await cleanup();
    results.push({ name: 'runner', passed: 0, failed: 1, skipped: 0, seconds: 0, note: 'the test runner itself crashed' });
    process.exit(printSummary() || 1);
  },
);
