// Soak test: the production server under sustained load, with a capped heap,
// sampling its memory. Prints the figures; proves nothing by assertion.
//
//   npm run bench:soak                       10 minutes, 50 connections
//   SOAK_SECONDS=60 npm run bench:soak       a quick look
//
// Needs a production build (`npm run build`). Uses DATABASE_URL when set,
// otherwise a throwaway PostgreSQL server from the machine's binaries.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import autocannon from 'autocannon';
import { createDatabase, startPgServer, type PgServer } from '../tests/support/pg-server';
import { treeRssMb } from './support/processes';
import { PRODUCTION_SERVER_ENTRY } from '../scripts/production-server';

const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const connections = Number(process.env.SOAK_CONNECTIONS ?? 50);
const heapMb = Number(process.env.SOAK_HEAP_MB ?? 384);
const port = Number(process.env.SOAK_PORT ?? 3300);
const base = `http://127.0.0.1:${port}`;

async function waitForHealth(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not become healthy');
}

async function login(username: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      jar.set(k!, v ?? '');
    }
  };
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, username, password }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.endsWith('tougao.session'))) throw new Error(`login as ${username} failed (${res.status})`);
  return cookie();
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}

async function main() {
  if (!existsSync(PRODUCTION_SERVER_ENTRY)) throw new Error('No production build: run `npm run build` first.');
  let pg: PgServer | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    pg = await startPgServer({ database: 'soak' });
    url = pg.url;
  } else {
    url = await createDatabase(url, `soak_${Date.now()}`);
  }
  const env = { ...process.env, DATABASE_URL: url, PORT: String(port), AUTH_SECRET: 'soak-secret-soak-secret-soak-secret-0123456', SECURE_COOKIES: 'false', NODE_OPTIONS: `--max-old-space-size=${heapMb}`, LOG_LEVEL: 'warn' };
  const seed = spawn('npm', ['run', 'db:seed', '--', '--demo'], { env, stdio: 'inherit' });
  await new Promise((r) => seed.on('exit', r));

  const server: ChildProcess = spawn('node', [PRODUCTION_SERVER_ENTRY], { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  let crashed = false;
  server.on('exit', (code, signal) => {
    if (!stopping) {
      crashed = true;
      console.error(`SERVER EXITED during the soak: code ${code} signal ${signal}`);
    }
  });
  let stopping = false;
  try {
    await waitForHealth(120_000);
    const cookie = await login('editor1', 'tougao-demo-2026');
    const portalPath = '/review';
    const articlePath = '/articles/1';
    // Warm up both pages once.
    await fetch(base + portalPath, { headers: { cookie } });
    await fetch(base + articlePath);

    const samples: { t: number; rss: number }[] = [];
    const started = Date.now();
    const sampler = setInterval(() => samples.push({ t: Math.round((Date.now() - started) / 1000), rss: treeRssMb(server.pid!) }), 5000);
    samples.push({ t: 0, rss: treeRssMb(server.pid!) });

    const half = Math.max(1, Math.floor(connections / 2));
    const run = (path: string, headers: Record<string, string>) =>
      autocannon({ url: base + path, connections: half, duration: seconds, headers, timeout: 30 });
    const [portal, article] = await Promise.all([run(portalPath, { cookie }), run(articlePath, {})]);
    clearInterval(sampler);
    samples.push({ t: Math.round((Date.now() - started) / 1000), rss: treeRssMb(server.pid!) });

    const report = (name: string, r: autocannon.Result) =>
      `${name.padEnd(22)} ${String(r.requests.total).padStart(8)} req  ${r.requests.average.toFixed(1).padStart(7)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  non-2xx ${r.non2xx}  errors ${r.errors}  timeouts ${r.timeouts}`;
    console.log(`\nSoak: ${seconds} s, ${half}+${half} connections, heap cap ${heapMb} MB, node ${process.version}`);
    console.log(report(`GET ${portalPath} (signed in)`, portal));
    console.log(report(`GET ${articlePath}`, article));
    const firstMinute = samples.filter((s) => s.t <= 60).map((s) => s.rss);
    const lastMinute = samples.filter((s) => s.t >= samples.at(-1)!.t - 60).map((s) => s.rss);
    console.log(`RSS (MB, server process tree) every ~30 s: ${samples.filter((s, i) => i % 6 === 0 || i === samples.length - 1).map((s) => `${s.t}s:${s.rss}`).join(' ')}`);
    console.log(`RSS median first minute ${median(firstMinute)} MB, last minute ${median(lastMinute)} MB, peak ${Math.max(...samples.map((s) => s.rss))} MB`);
    console.log(crashed ? 'RESULT: the server crashed' : 'RESULT: the server stayed up');
  } finally {
    stopping = true;
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 2000));
    await pg?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
