import { describe, expect, test } from 'vitest';
import { EVERYTHING, parseStalePages, revalidationTargets } from '@/lib/public-cache';

describe('which cache entries a change drops', () => {
  test('a story, its neighbours and its column, in both languages, home and every search', () => {
    const targets = revalidationTargets({ everything: false, articles: ['/articles/12', '/articles/ab-12'], columns: ['fzyw'], olderColumnPages: false });
    expect(targets.layouts).toEqual([]);
    expect(targets.patterns).toEqual(['/(public)/[locale]/search/[q]', '/(public)/[locale]/search/[q]/[page]']);
    expect(targets.paths.sort()).toEqual(
      ['/zh-CN', '/en', '/zh-CN/articles/12', '/en/articles/12', '/zh-CN/articles/ab-12', '/en/articles/ab-12', '/zh-CN/columns/fzyw', '/en/columns/fzyw'].sort(),
    );
  });

  test('a change among older stories also drops the older column pages', () => {
    const targets = revalidationTargets({ everything: false, articles: [], columns: ['fzyw'], olderColumnPages: true });
    expect(targets.patterns).toContain('/(public)/[locale]/columns/[slug]/p/[cursor]');
  });

  test('a change to a story with correction notes also drops /corrections and its numbered pages', () => {
    const targets = revalidationTargets({ everything: false, articles: ['/articles/12'], columns: [], olderColumnPages: false, corrections: true });
    expect(targets.paths).toEqual(expect.arrayContaining(['/zh-CN/corrections', '/en/corrections']));
    expect(targets.patterns).toContain('/(public)/[locale]/corrections/p/[page]');
    const plain = revalidationTargets({ everything: false, articles: ['/articles/12'], columns: [], olderColumnPages: false });
    expect(plain.paths).not.toContain('/zh-CN/corrections');
  });

  test('a settings change drops every page', () => {
    expect(revalidationTargets(EVERYTHING)).toEqual({ paths: [], patterns: [], layouts: ['/'] });
  });
});

describe('reading what the channel carries', () => {
  test('a well-formed payload is kept', () => {
    const stale = { everything: false, articles: ['/articles/3'], columns: ['news'], olderColumnPages: true };
    expect(parseStalePages(JSON.parse(JSON.stringify(stale)))).toEqual(stale);
    const corrected = { ...stale, corrections: true };
    expect(parseStalePages(JSON.parse(JSON.stringify(corrected)))).toEqual(corrected);
    expect(parseStalePages({ ...stale, corrections: 'yes' })).toEqual(stale);
  });

  test.each([null, 'x', 42, [], { articles: 'x', columns: [] }, { articles: [], columns: [1] }, { everything: true, articles: [], columns: [] }])(
    'anything else (%j) drops everything rather than leave pages stale',
    (payload) => {
      expect(parseStalePages(payload).everything).toBe(true);
    },
  );

  test('only addresses of our own shape reach the cache', () => {
    const stale = parseStalePages({ articles: ['/articles/3', '/articles/abc-12', '/admin/users', '/articles/../x', '/articles/a b', '/articles/<script>'], columns: ['news', 'a b', '../x', 'x/y'], olderColumnPages: 'yes' });
    expect(stale.articles).toEqual(['/articles/3', '/articles/abc-12']);
    expect(stale.columns).toEqual(['news']);
    expect(stale.olderColumnPages).toBe(false);
  });
});
