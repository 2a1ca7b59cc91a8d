import sanitizeHtml from 'sanitize-html';
import { stripControlChars } from './text';

// Pure: the one allowlist for story bodies. Every body is stored as the output
// of sanitizeStoryHtml, so the public site and the review desk can render it
// as HTML. Two stages: sanitize-html does the security work (parsing hostile
// markup, dropping tags, attributes and URLs), then a small tree pass over its
// well-formed output normalises structure and whitespace and derives the text.

// Exactly what the story editor produces. `div` is internal only: other block
// containers are renamed to it so their boundaries survive until the tree pass
// turns them into paragraphs; it never appears in the output.
export const STORY_ALLOWED_TAGS = [
  'p', 'h2', 'h3', 'h4', 'strong', 'em', 'u', 's', 'br', 'hr', 'ul', 'ol', 'li', 'blockquote', 'a',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'figure', 'figcaption', 'img',
] as const;

// Attributes per tag; everything else (class, style, id, on*, data-*) is dropped.
// Values are checked in `storyHtmlOptions.transformTags` below.
export const STORY_ALLOWED_ATTRIBUTES = {
  a: ['href', 'rel', 'target'],
  ol: ['start'],
  th: ['colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
  img: ['src', 'alt', 'width', 'height', 'data-media-id'],
} as const satisfies Partial<Record<(typeof STORY_ALLOWED_TAGS)[number], readonly string[]>>;

// Only our own uploads, by their site-relative URL (lib/media/urls.ts).
export const STORY_IMAGE_SRC = /^\/media\/[1-9][0-9]{0,9}\/(large|medium|thumb)$/;

// Dropped with everything inside them. The rest of the unknown tags are unwrapped.
export const STORY_DROPPED_TAGS = [
  'script', 'style', 'iframe', 'object', 'embed', 'svg', 'math', 'template', 'noscript', 'textarea',
  'select', 'button', 'form', 'input',
  // Raw-text or fallback content that is markup or noise, not story text.
  'xmp', 'plaintext', 'noembed', 'noframes', 'title', 'head', 'xml', 'option', 'datalist', 'applet',
  'frameset', 'frame', 'audio', 'video', 'canvas',
] as const;

// Spelled differently by Word, WPS or a web page, same meaning in the editor.
const RENAMED_TAGS: Record<string, string> = {
  b: 'strong',
  i: 'em',
  del: 's',
  strike: 's',
  h1: 'h2',
  h5: 'h4',
  h6: 'h4',
};
// Block containers outside the allowlist: unwrapped, but each becomes its own
// paragraph(s) instead of running into its neighbours.
const BLOCK_CONTAINERS = [
  'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'address', 'center', 'pre',
  'dl', 'dt', 'dd', 'details', 'summary', 'hgroup', 'body', 'html',
];

const MAX_SPAN = 100;
const MAX_LIST_START = 999_999;
const MAX_IMAGE_SIDE = 100_000;

function positiveInt(value: string | undefined, max: number): string | undefined {
  if (value === undefined || !/^[1-9][0-9]{0,8}$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return n <= max ? String(n) : undefined;
}

// A link target as the browser will read it, or null when it may not stay.
// Browsers ignore leading/trailing controls and spaces and any tab or newline,
// so `java&#x09;script:` must be judged as `javascript:`.
export function safeHref(raw: string | undefined): { href: string; isExternal: boolean } | null {
  if (raw === undefined) return null;
  const href = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  // A backslash reads as a slash in http(s) URLs, so `/\evil.example` is protocol-relative.
  if (!href || /[\u0000-\u001f\u007f\\]/.test(href)) return null;
  if (href.startsWith('/')) return href.startsWith('//') ? null : { href, isExternal: false };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (scheme === 'mailto') return { href, isExternal: false };
  if (scheme !== 'http' && scheme !== 'https') return null;
  try {
    if (!new URL(href).hostname) return null;
  } catch {
    return null;
  }
  return { href, isExternal: true };
}

function transformLink(_tag: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const link = safeHref(attribs.href);
  // A link without a usable href is unwrapped by the tree pass (text kept).
  if (!link) return { tagName: 'a', attribs: {} };
  return {
    tagName: 'a',
    attribs: link.isExternal
      ? { href: link.href, rel: 'noopener noreferrer', target: '_blank' }
      : { href: link.href },
  };
}

function transformImage(_tag: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const src = attribs.src;
  // An image without src is dropped by the tree pass: renaming it to a
  // disallowed tag here would trip sanitize-html's close-tag bookkeeping.
  if (src === undefined || !STORY_IMAGE_SRC.test(src)) return { tagName: 'img', attribs: {} };
  const out: sanitizeHtml.Attributes = { src };
  if (attribs.alt !== undefined) out.alt = attribs.alt;
  const width = positiveInt(attribs.width, MAX_IMAGE_SIDE);
  const height = positiveInt(attribs.height, MAX_IMAGE_SIDE);
  if (width) out.width = width;
  if (height) out.height = height;
  const mediaId = attribs['data-media-id'];
  if (mediaId !== undefined && /^[1-9][0-9]{0,9}$/.test(mediaId)) out['data-media-id'] = mediaId;
  return { tagName: 'img', attribs: out };
}

function transformCell(tag: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const out: sanitizeHtml.Attributes = {};
  const colspan = positiveInt(attribs.colspan, MAX_SPAN);
  const rowspan = positiveInt(attribs.rowspan, MAX_SPAN);
  if (colspan) out.colspan = colspan;
  if (rowspan) out.rowspan = rowspan;
  return { tagName: tag, attribs: out };
}

function transformList(tag: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const start = positiveInt(attribs.start, MAX_LIST_START);
  return { tagName: tag, attribs: start ? { start } : {} };
}

const rename = (to: string) => (): sanitizeHtml.Tag => ({ tagName: to, attribs: {} });

// The sanitize-html configuration built from the allowlist above.
export const storyHtmlOptions: sanitizeHtml.IOptions = {
  allowedTags: [...STORY_ALLOWED_TAGS, 'div'],
  allowedAttributes: Object.fromEntries(Object.entries(STORY_ALLOWED_ATTRIBUTES).map(([tag, names]) => [tag, [...names]])),
  allowedClasses: {},
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: [...STORY_DROPPED_TAGS],
  parseStyleAttributes: false,
  transformTags: {
    ...Object.fromEntries(Object.entries(RENAMED_TAGS).map(([from, to]) => [from, rename(to)])),
    ...Object.fromEntries(BLOCK_CONTAINERS.map((tag) => [tag, rename('div')])),
    a: transformLink,
    img: transformImage,
    td: transformCell,
    th: transformCell,
    ol: transformList,
  },
};

// ---------------------------------------------------------------------------
// The tree pass. Its input is sanitize-html's output, which has a narrow
// grammar: `<tag name="value">` with quoted, escaped values, `</tag>`, void
// tags as `<tag />`, and text in which `<`, `>` and `&` are always escaped.
// That is what makes a small tokenizer sound here; it never sees raw input.

type TextNode = { kind: 'text'; value: string };
type ElementNode = { kind: 'element'; tag: string; attrs: [string, string][]; children: StoryNode[] };
type StoryNode = TextNode | ElementNode;

const VOID_TAGS = new Set(['br', 'hr', 'img']);
const BLOCK_TAGS = new Set([
  'p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'hr', 'table', 'thead', 'tbody', 'tr', 'td', 'th',
  'figure', 'figcaption', 'div',
]);
// Blocks whose content is text and inline marks.
const TEXT_BLOCKS = new Set(['p', 'h2', 'h3', 'h4', 'figcaption']);
const INLINE_MARKS = new Set(['strong', 'em', 'u', 's', 'a']);
// Where a child must sit, as a browser's parser would insist.
const REQUIRED_PARENTS: Record<string, readonly string[]> = {
  li: ['ul', 'ol'],
  tr: ['table', 'thead', 'tbody'],
  thead: ['table'],
  tbody: ['table'],
  td: ['tr'],
  th: ['tr'],
};
// Containers whose loose text and inline runs are wrapped into paragraphs.
const ALWAYS_BLOCKS = new Set(['#root', 'blockquote', 'div']);
const MIXED_FLOW = new Set(['li', 'td', 'th']);
// Containers where text between children is only formatting whitespace.
const STRUCTURAL = new Set(['ul', 'ol', 'table', 'thead', 'tbody', 'tr', 'figure']);
// Deeper nesting than a story ever needs is flattened, which also bounds recursion.
const MAX_DEPTH = 48;

const TAG_TOKEN = /<(\/?)([a-z][a-z0-9]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*\/?>|[^<]+|</g;
const ATTR_TOKEN = /([^\s=/>]+)(?:="([^"]*)")?/g;
const COLLAPSIBLE_SPACE = /[\t\n\f\r \u00a0]+/g;

function decodeEntities(s: string): string {
  return stripControlChars(s).replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  );
}

function parseSanitized(html: string): StoryNode[] {
  const root: ElementNode = { kind: 'element', tag: '#root', attrs: [], children: [] };
  // Entries past MAX_DEPTH have no node: their content goes to the nearest real ancestor.
  const stack: { tag: string; node: ElementNode | null }[] = [{ tag: '#root', node: root }];
  let current = root;
  let depth = 0;
  for (const match of html.matchAll(TAG_TOKEN)) {
    const [token, slash, tag, rawAttrs] = match;
    if (tag === undefined) {
      current.children.push({ kind: 'text', value: decodeEntities(token) });
      continue;
    }
    if (slash) {
      const index = stack.findLastIndex((entry) => entry.tag === tag);
      if (index <= 0) continue;
      stack.length = index;
      depth = stack.length - 1;
      current = stack.findLast((entry) => entry.node)!.node!;
      continue;
    }
    const attrs: [string, string][] = [];
    for (const [, name, value] of (rawAttrs ?? '').matchAll(ATTR_TOKEN)) {
      if (name) attrs.push([name, decodeEntities(value ?? '')]);
    }
    const node: ElementNode = { kind: 'element', tag, attrs, children: [] };
    if (VOID_TAGS.has(tag)) {
      current.children.push(node);
    } else if (depth >= MAX_DEPTH) {
      stack.push({ tag, node: null });
      depth += 1;
    } else {
      current.children.push(node);
      stack.push({ tag, node });
      current = node;
      depth += 1;
    }
  }
  return root.children;
}

const text = (value: string): TextNode => ({ kind: 'text', value });
const element = (tag: string, children: StoryNode[], attrs: [string, string][] = []): ElementNode => ({
  kind: 'element',
  tag,
  attrs,
  children,
});
const isElement = (node: StoryNode | undefined, tag?: string): node is ElementNode =>
  node?.kind === 'element' && (tag === undefined || node.tag === tag);
const isBlock = (node: StoryNode): boolean => node.kind === 'element' && BLOCK_TAGS.has(node.tag);
const attr = (node: ElementNode, name: string): string | undefined => node.attrs.find(([n]) => n === name)?.[1];

// Something a reader sees: non-blank text, an image, a rule, a table.
function hasContent(nodes: readonly StoryNode[]): boolean {
  return nodes.some((n) => (n.kind === 'text' ? /\S/.test(n.value) : n.tag !== 'br'));
}

function mergeText(nodes: StoryNode[]): StoryNode[] {
  const out: StoryNode[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.kind === 'text' && last?.kind === 'text') out[out.length - 1] = text((last.value + node.value).replace(COLLAPSIBLE_SPACE, ' '));
    else if (node.kind !== 'text' || node.value) out.push(node);
  }
  return out;
}

// Drops whitespace and line breaks at one edge of a text block, looking into marks.
function trimEdge(nodes: StoryNode[], atStart: boolean): StoryNode[] {
  const out = [...nodes];
  while (out.length) {
    const i = atStart ? 0 : out.length - 1;
    const node = out[i]!;
    if (node.kind === 'text') {
      const value = atStart ? node.value.replace(/^\s+/u, '') : node.value.replace(/\s+$/u, '');
      if (value) {
        out[i] = text(value);
        break;
      }
    } else if (INLINE_MARKS.has(node.tag)) {
      const children = trimEdge(node.children, atStart);
      if (hasContent(children)) {
        out[i] = { ...node, children };
        break;
      }
    } else if (node.tag !== 'br') {
      break;
    }
    out.splice(i, 1);
  }
  return out;
}

const trimBoth = (nodes: StoryNode[]): StoryNode[] => trimEdge(trimEdge(nodes, true), false);

// Loose inline content of a container that holds blocks becomes paragraphs;
// an image standing alone between blocks stays where it is.
function wrapInlineRuns(nodes: StoryNode[]): StoryNode[] {
  return groupStrays(
    nodes,
    (node, run) => isBlock(node) || (isElement(node, 'img') && !run.some((n) => n.kind === 'element' || /\S/.test(n.value))),
    (run) => {
      const children = trimBoth(mergeText(run));
      return hasContent(children) ? element('p', children) : null;
    },
  );
}

type Context = { parent: string; inLink: boolean; inText: boolean };

// Children in order, each normalised; the container's own rules come after.
function normalizeChildren(nodes: readonly StoryNode[], ctx: Context): StoryNode[] {
  const out: StoryNode[] = [];
  for (const node of nodes) {
    if (node.kind === 'text') {
      const value = node.value.replace(COLLAPSIBLE_SPACE, ' ');
      if (STRUCTURAL.has(ctx.parent) && !/\S/.test(value)) continue;
      out.push(text(value));
      continue;
    }
    const replaced = normalizeElement(node, ctx);
    // Blocks unwrapped inside a line of text keep their separation as a line break.
    if (ctx.inText && isBlock(node) && hasContent(replaced) && hasContent(out)) out.push(element('br', []));
    out.push(...replaced);
  }
  return mergeText(out);
}

// Consecutive children failing `fits` are wrapped by `wrap`; the rest stay.
// `fits` sees the run gathered so far.
function groupStrays(children: StoryNode[], fits: (n: StoryNode, run: readonly StoryNode[]) => boolean, wrap: (run: StoryNode[]) => StoryNode | null): StoryNode[] {
  const out: StoryNode[] = [];
  let run: StoryNode[] = [];
  const flush = () => {
    const wrapped = run.length ? wrap(run) : null;
    if (wrapped) out.push(wrapped);
    run = [];
  };
  for (const node of children) {
    if (fits(node, run)) {
      flush();
      out.push(node);
    } else {
      run.push(node);
    }
  }
  flush();
  return out;
}

const isCell = (n: StoryNode) => isElement(n, 'td') || isElement(n, 'th');
const isSection = (n: StoryNode) => isElement(n, 'thead') || isElement(n, 'tbody');
const strayCell = (run: StoryNode[]): ElementNode | null => {
  const children = finishContainer('td', run);
  return hasContent(children) ? element('td', children) : null;
};
const strayRow = (run: StoryNode[]): ElementNode | null => {
  const cell = strayCell(run);
  return cell ? element('tr', [cell]) : null;
};

// Tables as a browser's parser builds them: rows inside a tbody, content inside
// cells. Anything else would be moved around by the browser ("foster
// parenting"), so the stored HTML would not be what readers get.
function finishTablePart(tag: string, children: StoryNode[]): StoryNode[] {
  if (tag === 'tr') return groupStrays(children, isCell, strayCell);
  if (tag === 'thead' || tag === 'tbody') return groupStrays(children, (n) => isElement(n, 'tr'), strayRow);
  const rows = groupStrays(children, (n) => isSection(n) || isElement(n, 'tr'), strayRow);
  return groupStrays(rows, isSection, (run) => element('tbody', run));
}

function finishContainer(tag: string, children: StoryNode[]): StoryNode[] {
  if (tag === 'table' || tag === 'thead' || tag === 'tbody' || tag === 'tr') return finishTablePart(tag, children);
  if (ALWAYS_BLOCKS.has(tag)) return wrapInlineRuns(children);
  if (MIXED_FLOW.has(tag)) return children.some(isBlock) ? wrapInlineRuns(children) : trimBoth(children);
  if (TEXT_BLOCKS.has(tag)) return trimBoth(children);
  return children;
}

// One element after sanitize-html → zero or more nodes of the stored tree.
function normalizeElement(node: ElementNode, ctx: Context): StoryNode[] {
  let { tag } = node;
  const required = REQUIRED_PARENTS[tag];
  if (required && !required.includes(ctx.parent)) tag = 'div';
  if (tag === 'figcaption' && ctx.parent !== 'figure') tag = 'p';
  if (tag === 'a' && (ctx.inLink || attr(node, 'href') === undefined)) tag = '#unwrap';

  if (tag === 'img') return attr(node, 'src') === undefined ? [] : [node];
  if (tag === 'br') return [node];
  if (tag === 'hr') return ctx.inText ? [] : [node];

  if (ctx.inText && BLOCK_TAGS.has(tag)) tag = '#unwrap';
  const childCtx: Context = {
    parent: tag === '#unwrap' ? ctx.parent : tag,
    inLink: ctx.inLink || tag === 'a',
    inText: ctx.inText || TEXT_BLOCKS.has(tag) || INLINE_MARKS.has(tag),
  };
  const normalized = normalizeChildren(node.children, childCtx);
  // An unwrapped element's children join its parent, which finishes them.
  if (tag === '#unwrap') return normalized;
  const children = finishContainer(tag, normalized);

  if (tag === 'div') return children;
  if (TEXT_BLOCKS.has(tag) || tag === 'li' || tag === 'blockquote') {
    return hasContent(children) ? [element(tag, children, node.attrs)] : [];
  }
  if (INLINE_MARKS.has(tag)) {
    if (hasContent(children)) return [element(tag, children, node.attrs)];
    // A mark around a lone space still separates the words on either side.
    return children.some((n) => n.kind === 'text') ? [text(' ')] : [];
  }
  if (tag === 'ul' || tag === 'ol') return children.some((n) => isElement(n, 'li')) ? [element(tag, children, node.attrs)] : children;
  // Table parts keep their shape; only a table with no row at all goes.
  if (tag === 'tr') return children.length ? [element(tag, children)] : [];
  if (tag === 'thead' || tag === 'tbody') return children.length ? [element(tag, children)] : [];
  if (tag === 'table') return children.length ? [element(tag, children)] : [];
  if (tag === 'figure') {
    if (children.some((n) => isElement(n, 'img'))) return [element(tag, children)];
    return children.map((n) => (isElement(n, 'figcaption') ? { ...n, tag: 'p' } : n));
  }
  // td, th: kept even when empty, the table's shape depends on them.
  return [element(tag, children, node.attrs)];
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

function serialize(nodes: readonly StoryNode[]): string {
  let html = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      html += escapeText(node.value);
      continue;
    }
    html += `<${node.tag}${node.attrs.map(([name, value]) => ` ${name}="${escapeAttr(value)}"`).join('')}>`;
    if (!VOID_TAGS.has(node.tag)) html += `${serialize(node.children)}</${node.tag}>`;
  }
  return html;
}

// Plain text: one line per block or line break, images left out, captions kept.
function plainText(nodes: readonly StoryNode[]): string {
  const parts: string[] = [];
  const walk = (list: readonly StoryNode[]) => {
    for (const node of list) {
      if (node.kind === 'text') parts.push(node.value);
      else if (node.tag === 'br') parts.push('\n');
      else if (node.tag === 'img') continue;
      else if (BLOCK_TAGS.has(node.tag)) {
        parts.push('\n');
        walk(node.children);
        parts.push('\n');
      } else walk(node.children);
    }
  };
  walk(nodes);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

// Any caller that stores or renders a story body: the result is safe to render
// as HTML, and sanitizing it again returns it unchanged.
export function sanitizeStoryHtml(html: string): { html: string; text: string } {
  const safe = sanitizeHtml(html, storyHtmlOptions);
  const tree = finishContainer('#root', normalizeChildren(parseSanitized(safe), { parent: '#root', inLink: false, inText: false }));
  return { html: serialize(tree), text: plainText(tree) };
}
