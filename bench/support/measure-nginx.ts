// The article through nginx, pinned to the app's core: first the same HTML
// as a static file (what one core can serve at best), then through the
// shipped deploy/nginx.conf in front of the app. The cached figure is given
// as a share of the static one.
import os from 'node:os';
import path from 'node:path';
import { SERVER_CORE, type AppServer } from './app-server';
import { getPage, medianAloneMs, waitUntilIdle } from './http';
import { warmThenMeasure, type LoadResult } from './load';
import type { LoadSettings } from './measure-site';
import { makeNginxDir, renderShippedConfig, startNginx, staticSiteConfig, writeStaticFiles } from './nginx';
import type { Row } from './report';
import type { RssSampler } from './rss-sampler';
import type { Article } from './site-pages';

export type NginxFigures = { staticFile: LoadResult; cached: LoadResult; rows: Row[] };

type Measured = { result: LoadResult; aloneMs: number };

async function measureStaticFile(article: Article, settings: LoadSettings): Promise<Measured> {
  const dir = makeNginxDir();
  const root = path.join(dir, 'root');
  writeStaticFiles(root, { [article.path]: article.html });
  const nginx = await startNginx(dir, (port) => staticSiteConfig(root, port), SERVER_CORE);
  try {
    const check = await getPage(nginx.base + article.path);
    if (check.status !== 200 || check.html.length !== article.html.length) throw new Error(`nginx served the static article wrongly (${check.status})`);
    const aloneMs = await medianAloneMs(nginx.base + article.path);
    const result = await warmThenMeasure({ url: nginx.base + article.path, connections: settings.connections }, settings.warmupS, settings.measureS);
    return { result, aloneMs };
  } finally {
    await nginx.stop();
  }
}

async function measureThroughCache(server: AppServer, article: Article, settings: LoadSettings, rss: RssSampler): Promise<Measured & { note: string }> {
  const dir = makeNginxDir();
  const nginx = await startNginx(dir, (port) => renderShippedConfig({ appPort: server.port, listenPort: port, cacheDir: path.join(dir, 'cache') }), SERVER_CORE);
  try {
    await waitUntilIdle(server.base);
    // The second request shows what the cache does with this page.
    await getPage(nginx.base + article.path);
    const second = await getPage(nginx.base + article.path);
    const note = `2nd request X-Cache-Status: ${second.headers.get('x-cache-status') ?? 'none'}; app's Cache-Control: ${second.headers.get('cache-control') ?? 'none'}`;
    const aloneMs = await medianAloneMs(nginx.base + article.path);
    rss.resume();
    const result = await warmThenMeasure({ url: nginx.base + article.path, connections: settings.connections }, settings.warmupS, settings.measureS);
    rss.pause();
    return { result, aloneMs, note };
  } finally {
    await nginx.stop();
  }
}

export async function measureNginx(server: AppServer, article: Article, settings: LoadSettings, rss: RssSampler): Promise<NginxFigures> {
  const staticFile = await measureStaticFile(article, settings);
  console.log(`  measured nginx static file: ${staticFile.result.rps} req/s`);
  const staticLoad = os.loadavg()[0]!;
  const cached = await measureThroughCache(server, article, settings, rss);
  console.log(`  measured nginx cache → app: ${cached.result.rps} req/s (${cached.note})`);
  return {
    staticFile: staticFile.result,
    cached: cached.result,
    rows: [
      { name: 'article, nginx static file', result: staticFile.result, aloneMs: staticFile.aloneMs, ratio: 1, load: staticLoad },
      {
        name: 'article, nginx deploy/nginx.conf → app',
        result: cached.result,
        aloneMs: cached.aloneMs,
        ratio: cached.result.rps / staticFile.result.rps,
        note: cached.note,
        load: os.loadavg()[0]!,
      },
    ],
  };
}
