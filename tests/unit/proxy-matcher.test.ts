import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { describe, expect, test } from 'vitest';
import { config } from '@/proxy';

// The proxy (session refresh, nonce CSP, sign-in redirects) must run for the
// portal and stay out of the cached public pages, which are the same bytes
// for every reader.
const runsOn = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe('where the proxy runs', () => {
  test.each(['/', '/articles/12', '/articles/abc-12', '/columns/news', '/columns/news/p/1772697600000_12', '/search', '/en', '/en/articles/12', '/en/columns/news', '/en/search', '/zh-CN/articles/12', '/columns/news/rss.xml', '/rss.xml', '/corrections', '/corrections/p/2', '/corrections/rss.xml', '/en/corrections', '/sitemap.xml', '/sitemaps/articles-1.xml', '/icon.svg', '/robots.txt', '/api/views/12', '/api/health', '/_next/static/chunks/a.js'])(
    'not on the public page or asset %s',
    (url) => {
      expect(runsOn(url)).toBe(false);
    },
  );

  test.each(['/login', '/desk', '/desk/12', '/review', '/review/12', '/admin/users', '/account/password', '/portal', '/notifications', '/api/auth/session', '/api/media', '/api/internal/revalidate', '/searching', '/english', '/rss.xml.bak', '/icon.svg2', '/correctionsx'])(
    'on %s',
    (url) => {
      expect(runsOn(url)).toBe(true);
    },
  );
});
