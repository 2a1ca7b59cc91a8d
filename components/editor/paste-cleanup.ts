import { ownMediaId } from './figure-node';
import { isAllowedHref } from './link-url';

// Pasted HTML from Word, WPS or a web page, reduced to structure before the
// schema sees it: Word's list paragraphs become real lists, bold/italic kept in
// inline styles become tags, and fonts, colours, classes, styles, Office
// namespaces, spans and empty paragraphs go. Runs in the browser only.

export type PastedImage = { token: string; blob: Blob };

export type CleanedPaste = {
  html: string;
  // data: images to upload; each is in the HTML as <img data-upload-token>.
  images: PastedImage[];
  // Images from other sites: dropped, only our own media is allowed.
  droppedRemote: number;
  // Images Word points at on the author's disk (file:///…): cannot be read.
  droppedLocal: number;
};

const REMOVE = new Set(['SCRIPT', 'STYLE', 'META', 'LINK', 'TITLE', 'HEAD', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'CANVAS', 'VIDEO', 'AUDIO', 'SOURCE', 'PICTURE', 'FORM', 'INPUT', 'BUTTON', 'SELECT', 'TEXTAREA', 'XML', 'MAP', 'AREA']);
const UNWRAP = new Set(['SPAN', 'FONT', 'SMALL', 'BIG', 'CENTER', 'ABBR', 'ACRONYM', 'CITE', 'DFN', 'TIME', 'MARK', 'LABEL', 'NOBR', 'WBR', 'INS', 'BDI', 'BDO', 'SUP', 'SUB', 'CODE', 'KBD', 'SAMP', 'VAR', 'TT', 'Q']);
const KEEP_ATTRIBUTES: Record<string, readonly string[]> = {
  A: ['href'],
  OL: ['start'],
  TD: ['colspan', 'rowspan'],
  TH: ['colspan', 'rowspan'],
  IMG: ['src', 'alt', 'width', 'height', 'data-media-id', 'data-upload-token'],
};
const TEXT_BLOCKS = 'p, h1, h2, h3, h4, h5, h6';
const DATA_IMAGE = /^data:(image\/(?:png|jpe?g|gif|webp));base64,([a-z0-9+/=\s]+)$/i;
const BLANK = /^[\s\u00a0\u3000\u200b\ufeff]*$/;
const LEADING_BLANK = /^[\s\u00a0\u3000\u200b\ufeff]+/;

function unwrap(el: Element): void {
  el.replaceWith(...Array.from(el.childNodes));
}

function rename(el: Element, tag: string): Element {
  const replacement = el.ownerDocument.createElement(tag);
  for (const attr of Array.from(el.attributes)) replacement.setAttribute(attr.name, attr.value);
  replacement.append(...Array.from(el.childNodes));
  el.replaceWith(replacement);
  return replacement;
}

function wrapChildren(el: Element, tag: string): void {
  const wrapper = el.ownerDocument.createElement(tag);
  wrapper.append(...Array.from(el.childNodes));
  el.append(wrapper);
}

function styleOf(el: Element): string {
  return (el.getAttribute('style') ?? '').toLowerCase();
}

function dataUrlToBlob(url: string): Blob | null {
  const match = DATA_IMAGE.exec(url.trim());
  if (!match) return null;
  try {
    const binary = atob(match[2]!.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Blob([bytes], { type: match[1]!.toLowerCase().replace('jpg', 'jpeg') });
  } catch {
    return null;
  }
}

// Inline formatting kept in styles (web pages, Google Docs, WPS) becomes tags
// the schema understands, before every style attribute goes.
function styleToTags(el: Element): void {
  const style = styleOf(el);
  if (!style || /^H[1-6]$/.test(el.tagName)) return;
  const weight = /(?:^|;)\s*font-weight\s*:\s*([a-z0-9]+)/.exec(style)?.[1];
  if ((el.tagName === 'B' || el.tagName === 'STRONG') && (weight === 'normal' || weight === '400')) {
    unwrap(el);
    return;
  }
  if (weight && /^(bold|bolder|[6-9]00)$/.test(weight) && el.tagName !== 'B' && el.tagName !== 'STRONG') wrapChildren(el, 'strong');
  if (/(?:^|;)\s*font-style\s*:\s*italic/.test(style) && el.tagName !== 'I' && el.tagName !== 'EM') wrapChildren(el, 'em');
  const decoration = /(?:^|;)\s*text-decoration(?:-line)?\s*:\s*([^;]+)/.exec(style)?.[1] ?? '';
  if (decoration.includes('underline') && el.tagName !== 'U' && el.tagName !== 'A') wrapChildren(el, 'u');
  if (decoration.includes('line-through') && !['S', 'DEL', 'STRIKE'].includes(el.tagName)) wrapChildren(el, 's');
}

type ListKind = 'ul' | 'ol';
// 1.  a)  (iv)  一、  （二）  ①: numbered. Anything else (·, o, §, ▪): bulleted.
const ORDERED_MARKER = /^(?:[(（]?(?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,6}|[一二三四五六七八九十百]{1,4})[.)、．）]|[\u2460-\u2473\u2776-\u277f])/i;

// A bullet typed as text: Word's Symbol and Wingdings glyphs as they paste, and
// the usual Chinese ones.
const BULLET_MARKER = /^[•·▪■□◆◇●○◦‣⁃∙§ØüÜlo✓✔➢➤※\-–—*]/;
// What may follow a marker typed as text: a space, or straight away a CJK
// character ("1.完善"), never a digit or a Latin letter ("1.5亿元", "other").
const AFTER_MARKER = /^(?:[\s\u00a0\u3000]|[^\p{N}\p{Script=Latin}])/u;

// WPS (and Word in some modes) types the number or bullet into the paragraph
// as plain text, without the "mso-list:Ignore" span: take it off the front of
// the paragraph's text, across the spans it may be split into, and say what it
// was.
function takeLeadingMarker(p: Element): string | null {
  const walker = p.ownerDocument.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  let text = '';
  while (walker.nextNode() && text.length < 16) {
    nodes.push(walker.currentNode as Text);
    text += walker.currentNode.textContent ?? '';
  }
  const lead = text.replace(LEADING_BLANK, '');
  const marker = ORDERED_MARKER.exec(lead)?.[0] ?? BULLET_MARKER.exec(lead)?.[0];
  if (!marker) return null;
  const after = lead.slice(marker.length);
  if (after !== '' && !AFTER_MARKER.test(after)) return null;
  let remove = text.length - lead.length + marker.length + (after.match(LEADING_BLANK)?.[0].length ?? 0);
  for (const node of nodes) {
    if (remove <= 0) break;
    const value = node.textContent ?? '';
    node.textContent = value.slice(Math.min(remove, value.length));
    remove -= value.length;
  }
  return marker;
}

// Word and WPS paste lists as paragraphs styled "mso-list:l0 level2 lfo1" with
// the bullet or number typed into a span marked "mso-list:Ignore" (or, from
// WPS, as text). Rebuild them as nested <ul>/<ol>: a new list starts wherever
// the numbering changes (another "lfo", or numbers after bullets), so a
// bulleted list after a numbered one stays a list of its own.
function rebuildOfficeLists(root: Element): void {
  const doc = root.ownerDocument;
  const paragraphs = Array.from(root.querySelectorAll('p, h1, h2, h3, h4, h5, h6')).filter((p) => /mso-list\s*:\s*l\d+\s+level\d/i.test(p.getAttribute('style') ?? ''));
  const done = new Set<Element>();
  for (const first of paragraphs) {
    if (done.has(first)) continue;
    // The run of list paragraphs that are siblings of this one.
    const run: Element[] = [];
    for (let node: ChildNode | null = first; node; node = node.nextSibling) {
      if (node.nodeType === 3 && BLANK.test(node.textContent ?? '')) continue;
      if (node.nodeType === 8) continue;
      if (!(node instanceof Element) || !paragraphs.includes(node)) break;
      run.push(node);
    }
    const stack: { level: number; list: Element; key: string }[] = [];
    const anchor = doc.createElement('div');
    first.before(anchor);
    for (const p of run) {
      done.add(p);
      const style = p.getAttribute('style') ?? '';
      const level = Number(/level(\d+)/i.exec(style)?.[1] ?? 1);
      const marker = Array.from(p.querySelectorAll('[style*="mso-list"]')).find((m) => /mso-list\s*:\s*ignore/i.test(m.getAttribute('style') ?? ''));
      const typed = marker ? (marker.textContent ?? '').trim() : (takeLeadingMarker(p) ?? '');
      const kind: ListKind = ORDERED_MARKER.test(typed) ? 'ol' : 'ul';
      marker?.remove();
      // Word's list (l0) and its override (lfo1) name one numbering.
      const key = `${kind} ${/mso-list\s*:\s*(l\d+)/i.exec(style)?.[1] ?? ''} ${/lfo(\d+)/i.exec(style)?.[1] ?? ''}`;
      while (stack.length && stack[stack.length - 1]!.level > level) stack.pop();
      let top = stack[stack.length - 1];
      // Another numbering at the same level: the list it was in ends.
      if (top && top.level === level && top.key !== key) {
        stack.pop();
        top = stack[stack.length - 1];
      }
      if (!top || top.level < level) {
        const list = doc.createElement(kind);
        const parentItem = top?.list.lastElementChild;
        if (parentItem) parentItem.append(list);
        else anchor.append(list);
        top = { level, list, key };
        stack.push(top);
      }
      const item = doc.createElement('li');
      const para = doc.createElement('p');
      para.append(...Array.from(p.childNodes));
      item.append(para);
      top.list.append(item);
      p.remove();
    }
    anchor.replaceWith(...Array.from(anchor.childNodes));
  }
}

export function cleanPastedHtml(html: string, newToken: () => string): CleanedPaste {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const body = doc.body;
  const images: PastedImage[] = [];
  let droppedRemote = 0;
  let droppedLocal = 0;

  // Comments carry Word's conditional markup (<!--[if !supportLists]-->).
  const comments = doc.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
  const dead: Node[] = [];
  while (comments.nextNode()) dead.push(comments.currentNode);
  dead.forEach((c) => c.parentNode?.removeChild(c));

  for (const el of Array.from(body.querySelectorAll('*'))) {
    if (REMOVE.has(el.tagName)) el.remove();
  }

  rebuildOfficeLists(body);

  // Headings: Word's Heading 1 (and a web page's h1) is our h2; Title too.
  const hasH1 = body.querySelector('h1, p.MsoTitle') !== null;
  for (const el of Array.from(body.querySelectorAll('h1, h2, h3, h4, h5, h6, p.MsoTitle, p.MsoSubtitle'))) {
    const cls = el.getAttribute('class') ?? '';
    if (el.tagName === 'P') rename(el, cls.includes('MsoTitle') ? 'h2' : 'h3');
    else {
      const level = Math.min(4, Math.max(2, Number(el.tagName[1]) + (hasH1 ? 1 : 0)));
      rename(el, `h${level}`);
    }
  }

  for (const el of Array.from(body.querySelectorAll('*'))) {
    if (!el.isConnected) continue;
    styleToTags(el);
  }

  for (const el of Array.from(body.querySelectorAll('*'))) {
    if (!el.isConnected) continue;
    const tag = el.tagName;
    // Office namespaces (o:p, v:shape, st1:chsdate …): keep any text, drop the tag.
    if (tag.includes(':')) {
      unwrap(el);
      continue;
    }
    if (tag === 'IMG') {
      const src = el.getAttribute('src') ?? '';
      const origin = window.location.origin;
      const id = ownMediaId(src, origin);
      if (id !== null) {
        el.setAttribute('src', `/media/${id}/large`);
      } else if (src.startsWith('data:')) {
        const blob = dataUrlToBlob(src);
        if (blob) {
          const token = newToken();
          images.push({ token, blob });
          el.removeAttribute('src');
          el.setAttribute('data-upload-token', token);
        } else {
          droppedRemote += 1;
          el.remove();
          continue;
        }
      } else {
        if (/^(file|blob|cid):/i.test(src)) droppedLocal += 1;
        else droppedRemote += 1;
        el.remove();
        continue;
      }
    }
    if (tag === 'A' && !isAllowedHref(el.getAttribute('href'))) {
      unwrap(el);
      continue;
    }
    const keep = KEEP_ATTRIBUTES[tag] ?? [];
    for (const attr of Array.from(el.attributes)) {
      // data-pm-slice describes a copy from this editor; keep it so a partial
      // list or table pastes back the way it was copied.
      if (!keep.includes(attr.name) && attr.name !== 'data-pm-slice') el.removeAttribute(attr.name);
    }
    if (tag === 'IMG' && el.hasAttribute('data-upload-token')) continue;
    if (UNWRAP.has(tag)) unwrap(el);
  }

  // Empty paragraphs (Word's <p><o:p>&nbsp;</o:p></p>, blank lines) go; typed
  // indentation (two full-width spaces) goes too: the page indents paragraphs.
  for (const el of Array.from(body.querySelectorAll(TEXT_BLOCKS))) {
    if (BLANK.test(el.textContent ?? '') && !el.querySelector('img')) {
      el.remove();
      continue;
    }
    trimLeadingBlank(el);
  }

  return { html: body.innerHTML, images, droppedRemote, droppedLocal };
}

function trimLeadingBlank(el: Element): void {
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.nodeType === 1) {
      if ((node as Element).tagName === 'BR' || (node as Element).tagName === 'IMG') return;
      continue;
    }
    const text = node.textContent ?? '';
    const trimmed = text.replace(LEADING_BLANK, '');
    node.textContent = trimmed;
    if (trimmed) return;
  }
}

// Plain-text paste: typed indentation and blank lines go; ProseMirror makes
// one paragraph per remaining line.
export function cleanPastedText(text: string): string {
  if (!/[\r\n]/.test(text)) return text;
  const cleaned = text
    .split(/\r\n?|\n/)
    .map((line) => line.replace(LEADING_BLANK, '').replace(/\s+$/, ''))
    .filter((line) => line !== '')
    .join('\n');
  return cleaned || text;
}
