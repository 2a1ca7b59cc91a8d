// Finds the pages to measure the way a reader would, by following links in
// the HTML rather than building addresses: the link formats (a story's
// public id, the column's "older" cursor) may change, and the benchmark must
// keep measuring what readers reach.
import { getPage } from './http';

type Link = { href: string; text: string; rel: string };

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

export function linksIn(html: string): Link[] {
  const links: Link[] = [];
  for (const match of html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)) {
    const href = /\bhref="([^"]*)"/.exec(match[1]!)?.[1];
    if (!href) continue;
    const text = decodeEntities(match[2]!.replace(/<[^>]*>/g, '')).trim();
    const rel = /\brel="([^"]*)"/.exec(match[1]!)?.[1] ?? '';
    links.push({ href: decodeEntities(href), text, rel });
  }
  return links;
}

export type Article = { path: string; storyId: number; html: string };

// The home page's headline: the first article link, as a reader clicks it.
// Its number for the view beacon is in the path, or, when the story has a
// public id, in the page's own beacon props.
export async function findArticle(base: string): Promise<Article> {
  const home = await getPage(`${base}/`);
  if (home.status !== 200) throw new Error(`GET / answered ${home.status}`);
  const link = linksIn(home.html).find((l) => l.href.startsWith('/articles/'));
  if (!link) throw new Error('the home page links to no article');
  const page = await getPage(base + link.href);
  if (page.status !== 200) throw new Error(`GET ${link.href} answered ${page.status}`);
  const fromPath = /^\/articles\/(\d+)$/.exec(link.href)?.[1];
  const fromProps = /storyId\\?":(\d+)/.exec(page.html)?.[1];
  const storyId = Number(fromPath ?? fromProps);
  if (!storyId) throw new Error(`no story number for ${link.href}`);
  return { path: link.href, storyId, html: page.html };
}

const OLDER = /更早|older/i;

export type DeepColumnPage = { path: string; depth: number };

// Starts at the first column the home page links to and follows its "older"
// link up to `pages` times; returns where it got (fewer pages when the
// column ends sooner).
export async function findDeepColumnPage(base: string, pages: number): Promise<DeepColumnPage> {
  const home = await getPage(`${base}/`);
  const column = linksIn(home.html).find((l) => /^\/columns\/[^/?#]+$/.test(l.href));
  if (!column) throw new Error('the home page links to no column');
  let path = column.href;
  let depth = 0;
  while (depth < pages) {
    const page = await getPage(base + path);
    if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
    const older = linksIn(page.html).find((l) => l.href.startsWith('/columns/') && (OLDER.test(l.text) || /\bnext\b/.test(l.rel)));
    if (!older) break;
    path = older.href;
    depth++;
  }
  return { path, depth };
}
