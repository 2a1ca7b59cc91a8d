import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { buildCsp } from './lib/http/csp';
import { SERVER_ACTION_BODY_LIMIT_MB } from './lib/http/limits';
import { defaultLocale } from './lib/i18n/locales';
import { PLAIN_PUBLIC_PAGES, searchRewrites } from './lib/public-paths';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

// Headers every response carries; the portal's CSP (nonce-based) comes from proxy.ts.
const securityHeaders = [
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), browsing-topics=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

// The cached public pages skip the proxy (proxy.ts), so their policy is set
// here, without a nonce.
const publicPageCsp = buildCsp(null, { isDev: process.env.NODE_ENV !== 'production', framing: 'self' });
const publicPageSources = [...PLAIN_PUBLIC_PAGES, '/en', '/en/:path*'];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  generateEtags: false,
  reactStrictMode: true,
  // Cached public pages say `s-maxage=<revalidate>, stale-while-revalidate=<expireTime − revalidate>`:
  // with revalidate 60 on the pages, a shared cache may keep a page 60 s and
  // serve it stale for 10 minutes more while it fetches a fresh one.
  expireTime: 660,
  // PGlite ships WASM and data files it loads from its own folder; drizzle and
  // postgres.js stay external so the server and the CLI share one copy and one pool.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', '@node-rs/jieba', 'pino', 'drizzle-orm', 'postgres'],
  experimental: {
    // The public page cache lives in each instance's memory (an LRU of
    // PAGE_CACHE_MB counted as stored, lib/page-cache.ts), not on disk: an
    // instance that restarts starts empty rather than serving pages kept from
    // before, when it could not hear what changed; instances never share files.
    isrFlushToDisk: false,
    // forbidden() → app/forbidden.tsx with a real 403.
    authInterrupts: true,
    // The proxy runs on uploads too; by default it would cut bodies at 10 MB,
    // below the 20 MB image limit (UPLOAD_MAX_MB).
    proxyClientMaxBodySize: '25mb',
    serverActions: {
      bodySizeLimit: `${SERVER_ACTION_BODY_LIMIT_MB}mb`,
    },
  },
  async rewrites() {
    // The Chinese public pages keep their plain addresses, and searches become
    // cacheable pages (see lib/public-paths.ts); the search rules come first.
    return {
      beforeFiles: [...searchRewrites(), ...PLAIN_PUBLIC_PAGES.map((source) => ({ source, destination: source === '/' ? `/${defaultLocale}` : `/${defaultLocale}${source}` }))],
      afterFiles: [],
      fallback: [],
    };
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      ...publicPageSources.map((source) => ({ source, headers: [{ key: 'Content-Security-Policy', value: publicPageCsp }] })),
    ];
  },
};

export default withNextIntl(nextConfig);
