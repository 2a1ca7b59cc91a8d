// Pure: the small XML writer behind the RSS feeds and the sitemaps. Every
// text and attribute value goes through escapeXml, so a title with & < > or
// a stray control character pasted from a word processor cannot break them.

// XML 1.0 allows tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and the astral
// planes; lone surrogates, U+FFFE/U+FFFF and the C0 controls make the whole
// document unreadable. DEL and the C1 controls are legal but mean nothing in
// news text and upset feed validators, so they go too.
const NOT_XML_TEXT = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripInvalidXmlChars(text: string): string {
  return text.replace(NOT_XML_TEXT, '');
}

// Safe in element text and in single- or double-quoted attributes.
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

// RSS 2.0 dates are RFC 822 (with four-digit years): "Tue, 05 Mar 2026 08:00:00 GMT".
export function rfc822Date(date: Date): string {
  return date.toUTCString();
}

// Sitemaps take W3C datetimes; whole seconds are all a crawler uses.
export function w3cDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function element(name: string, text: string | null | undefined): string {
  return text ? `<${name}>${escapeXml(text)}</${name}>` : '';
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

export type RssItem = {
  title: string;
  // Absolute URL; also the item's guid.
  link: string;
  description: string;
  pubDate: Date;
  category?: string | null;
  creator?: string | null;
};

export type RssChannel = {
  title: string;
  link: string;
  description: string;
  // The feed's own absolute address (atom:link rel="self"); left out when unknown.
  selfUrl?: string;
  lastBuildDate: Date;
  items: readonly RssItem[];
};

export function renderRss(channel: RssChannel): string {
  const items = channel.items.map(
    (item) =>
      '<item>' +
      element('title', item.title) +
      element('link', item.link) +
      `<guid isPermaLink="true">${escapeXml(item.link)}</guid>` +
      element('pubDate', rfc822Date(item.pubDate)) +
      element('description', item.description) +
      element('category', item.category) +
      element('dc:creator', item.creator) +
      '</item>\n',
  );
  const self = channel.selfUrl?.startsWith('http') ? `<atom:link href="${escapeXml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>\n` : '';
  return (
    XML_DECLARATION +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n' +
    element('title', channel.title) +
    element('link', channel.link) +
    // Required by RSS 2.0 even when empty.
    `<description>${escapeXml(channel.description)}</description>` +
    '<language>zh-CN</language>' +
    element('lastBuildDate', rfc822Date(channel.lastBuildDate)) +
    '\n' +
    self +
    items.join('') +
    '</channel>\n</rss>\n'
  );
}

export type SitemapEntry = { loc: string; lastmod?: Date | null };

// The sitemaps.org limit for one file, in URLs (the 50 MB limit is far off:
// our URLs are short).
export const SITEMAP_MAX_URLS = 50_000;

function sitemapEntries(tag: 'url' | 'sitemap', entries: readonly SitemapEntry[]): string {
  return entries
    .map((e) => `<${tag}><loc>${escapeXml(e.loc)}</loc>${e.lastmod ? `<lastmod>${w3cDateTime(e.lastmod)}</lastmod>` : ''}</${tag}>\n`)
    .join('');
}

export function renderUrlset(entries: readonly SitemapEntry[]): string {
  return `${XML_DECLARATION}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${sitemapEntries('url', entries)}</urlset>\n`;
}

export function renderSitemapIndex(entries: readonly SitemapEntry[]): string {
  return `${XML_DECLARATION}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${sitemapEntries('sitemap', entries)}</sitemapindex>\n`;
}
