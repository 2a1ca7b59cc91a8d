// Pure: short plain-text descriptions of a story for feeds, search engines and
// link previews.

// How long a description runs when the story has no summary.
export const EXCERPT_MAX_CHARS = 200;

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

// The text cut to at most `max` user-perceived characters (an emoji with its
// skin tone or a flag counts as one and is never split), with … when cut.
export function truncateText(text: string, max: number): string {
  const kept: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    if (kept.length === max) {
      kept.pop();
      return `${kept.join('').trimEnd()}…`;
    }
    kept.push(segment);
  }
  return text;
}

// One line: line breaks and runs of whitespace become a single space.
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

// Plain text of the start of a sanitized story body, enough for an excerpt:
// tags dropped (a closing block tag or <br> leaves a space), entities decoded.
// The body is the sanitizer's output, so a regular expression is enough here.
export function htmlToText(html: string, maxHtmlChars = 20_000): string {
  const head = html.length > maxHtmlChars ? html.slice(0, maxHtmlChars).replace(/<[^>]*$/, '') : html;
  return decodeEntities(head.replace(/<(?:br\b[^>]*|\/(?:p|h[1-6]|li|td|th|tr|blockquote|figcaption|div|pre)\s*)>/gi, ' ').replace(/<[^>]*>/g, ''));
}

// The summary when the editor wrote one, else the start of the body.
export function storyDescription(story: { summary: string; bodyText?: string | null; bodyHtml?: string | null }, max = EXCERPT_MAX_CHARS): string {
  const summary = collapseWhitespace(story.summary);
  if (summary) return summary;
  const body = story.bodyText ?? (story.bodyHtml ? htmlToText(story.bodyHtml) : '');
  return truncateText(collapseWhitespace(body), max);
}
