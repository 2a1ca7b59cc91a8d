import { describe, expect, test } from 'vitest';
import { isAllowedHref, normalizeLinkInput } from '@/components/editor/link-url';

describe('isAllowedHref (links the editor keeps)', () => {
  test.each([
    'https://www.court.gov.cn/',
    'http://example.com/a?b=1#c',
    'mailto:news@example.com',
    '/columns/news',
    '/articles/12?ref=desk',
  ])('%s is kept', (href) => {
    expect(isAllowedHref(href)).toBe(true);
  });

  test.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example/x',
    '/\\evil.example',
    'ftp://example.com/file',
    'https://',
    'mailto:nobody',
    '#top',
    'news.html',
    '',
    null,
    undefined,
  ])('%j is refused', (href) => {
    expect(isAllowedHref(href)).toBe(false);
  });
});

describe('normalizeLinkInput (what a person types in the link dialog)', () => {
  test.each([
    ['https://example.com', 'https://example.com'],
    ['  https://example.com/a  ', 'https://example.com/a'],
    ['www.court.gov.cn', 'https://www.court.gov.cn'],
    ['example.com/news?id=3', 'https://example.com/news?id=3'],
    ['法院.中国', 'https://法院.中国'],
    ['news@example.com', 'mailto:news@example.com'],
    ['/columns/news', '/columns/news'],
  ])('%j → %j', (input, href) => {
    expect(normalizeLinkInput(input)).toBe(href);
  });

  test.each(['javascript:alert(1)', 'not a link', '就是一段话', '//evil.example', 'localhost', ''])('%j is refused', (input) => {
    expect(normalizeLinkInput(input)).toBeNull();
  });
});
