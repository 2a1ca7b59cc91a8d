// nginx for the benchmark, one worker pinned to the server's core, with
// everything it writes (pid, logs, temp files, cache) in a temporary folder,
// so it runs the same as root or not and leaves nothing behind. Two sites:
// the article as a static file (the ceiling), and the shipped
// deploy/nginx.conf in front of the app.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freeLoopbackPort } from '../../tests/support/pg-server';
import { onCleanup } from './cleanup';
import { waitUntilUp } from './http';
import { spawnPinned, stopProcessGroup } from './processes';

export type Nginx = { base: string; stop: () => Promise<void> };

const SHIPPED_CONFIG = new URL('../../deploy/nginx.conf', import.meta.url).pathname;

// deploy/nginx.conf with its three machine-specific lines (marked CHANGE
// there) pointed at this run. Each must be found exactly once: if the file
// changes shape, the benchmark says so instead of measuring something else.
export function renderShippedConfig(options: { appPort: number; listenPort: number; cacheDir: string }): string {
  let config = readFileSync(SHIPPED_CONFIG, 'utf8');
  const replacements: [RegExp, string][] = [
    [/^(\s*server )127\.0\.0\.1:3000;/m, `$1127.0.0.1:${options.appPort};`],
    [/^(\s*listen )80;/m, `$1127.0.0.1:${options.listenPort};`],
    [/^(proxy_cache_path )\S+ /m, `$1${options.cacheDir} `],
  ];
  for (const [pattern, replacement] of replacements) {
    const global = new RegExp(pattern.source, 'gm');
    const found = config.match(global)?.length ?? 0;
    if (found !== 1) throw new Error(`deploy/nginx.conf: expected one line matching ${pattern}, found ${found}`);
    config = config.replace(pattern, replacement);
  }
  return config;
}

// Serves the files under `root`, every one as text/html.
export function staticSiteConfig(root: string, listenPort: number): string {
  return [
    'default_type text/html;',
    'server {',
    `    listen 127.0.0.1:${listenPort};`,
    `    root ${root};`,
    '    location / {',
    '        try_files $uri =404;',
    '    }',
    '}',
  ].join('\n');
}

function mainConfig(dir: string): string {
  return [
    // One worker, pinned with the app's core: the comparison is per core.
    'worker_processes 1;',
    'daemon off;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'events { worker_connections 4096; }',
    'http {',
    // The benchmark measures serving, not writing a log line per request.
    '    access_log off;',
    `    client_body_temp_path ${dir}/client_body;`,
    `    proxy_temp_path ${dir}/proxy;`,
    `    fastcgi_temp_path ${dir}/fastcgi;`,
    `    uwsgi_temp_path ${dir}/uwsgi;`,
    `    scgi_temp_path ${dir}/scgi;`,
    `    include ${dir}/site.conf;`,
    '}',
    '',
  ].join('\n');
}

export function makeNginxDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tougao-bench-nginx-'));
  // As root, nginx's worker runs as nobody and must read the site's files.
  chmodSync(dir, 0o755);
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function writeStaticFiles(root: string, files: Record<string, string>): void {
  for (const [urlPath, content] of Object.entries(files)) {
    const file = path.join(root, urlPath);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    writeFileSync(file, content, { mode: 0o644 });
  }
}

// `site(listenPort)` is the http-level configuration to serve; it is checked
// with `nginx -t` before nginx starts.
export async function startNginx(dir: string, site: (listenPort: number) => string, core: number): Promise<Nginx> {
  const port = await freeLoopbackPort();
  writeFileSync(path.join(dir, 'site.conf'), site(port));
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, mainConfig(dir));
  const args = ['-p', `${dir}/`, '-c', conf, '-e', `${dir}/error.log`];
  try {
    execFileSync('nginx', ['-t', '-q', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`nginx -t failed for ${conf}:\n${(error as { stderr?: Buffer }).stderr?.toString() ?? ''}`);
  }
  const child = spawnPinned(core, 'nginx', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  // SIGQUIT: finish the requests in flight, then exit.
  const stop = onCleanup(() => stopProcessGroup(child, 'SIGQUIT', 5_000));
  const base = `http://127.0.0.1:${port}`;
  try {
    // Any answer means it listens.
    await waitUntilUp(`${base}/`, 10_000, { isAlive: () => child.exitCode === null, isReady: () => true });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; see ${dir}/error.log`);
  }
  return { base, stop };
}
