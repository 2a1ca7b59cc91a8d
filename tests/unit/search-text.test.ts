import { describe, expect, test } from 'vitest';
import { SNIPPET_CHARS, SNIPPET_SCAN_CHARS, escapeHtml, highlightHtml, snippetHtml } from '@/lib/content/search-text';

// The visible characters of a snippet: tags out, entities back.
function visible(html: string): string {
  return html
    .replace(/<\/?mark>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const filler = '会议要求各单位进一步提高政治站位压实工作责任确保各项任务落地见效';

describe('escapeHtml', () => {
  test('escapes the five characters that matter', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('highlightHtml', () => {
  test('marks every match of every term', () => {
    expect(highlightHtml('市律师协会与律师代表', ['律师', '代表'])).toBe('市<mark>律师</mark>协会与<mark>律师代表</mark>');
  });

  test('escapes first: markup in the text stays text', () => {
    expect(highlightHtml('<script>alert("律师")</script>', ['律师', 'script'])).toBe(
      '&lt;<mark>script</mark>&gt;alert(&quot;<mark>律师</mark>&quot;)&lt;/<mark>script</mark>&gt;',
    );
  });

  test('a term made of markup characters cannot break out', () => {
    expect(highlightHtml('a<b>c', ['<b>'])).toBe('a<mark>&lt;b&gt;</mark>c');
  });

  test('matches ignore case and width, and keep the text as written', () => {
    expect(highlightHtml('用WeChat和ＩＰＨＯＮＥ', ['wechat', 'iphone'])).toBe('用<mark>WeChat</mark>和<mark>ＩＰＨＯＮＥ</mark>');
  });

  test('a Latin word is not marked inside a longer word', () => {
    expect(highlightHtml('law lawyer outlaw', ['law'])).toBe('<mark>law</mark> lawyer outlaw');
  });

  test('but is between letters and digits, as the index splits them', () => {
    expect(highlightHtml('iPhone15', ['iphone', '15'])).toBe('<mark>iPhone15</mark>');
    expect(highlightHtml('iPhone15', ['iphone'])).toBe('<mark>iPhone</mark>15');
  });

  test('overlapping and adjacent matches make one mark', () => {
    expect(highlightHtml('律师协会', ['律师', '师协'])).toBe('<mark>律师协</mark>会');
  });

  test('no terms, no marks', () => {
    expect(highlightHtml('律师 & 协会', [])).toBe('律师 &amp; 协会');
  });
});

describe('snippetHtml', () => {
  test('a match at the start', () => {
    const html = snippetHtml(`律师${filler.repeat(5)}`, ['律师']);
    expect(html.startsWith('<mark>律师</mark>会议')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(Array.from(visible(html))).toHaveLength(SNIPPET_CHARS + 1);
  });

  test('a match at the end', () => {
    const html = snippetHtml(`${filler.repeat(5)}律师`, ['律师']);
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('<mark>律师</mark>')).toBe(true);
    expect(Array.from(visible(html))).toHaveLength(SNIPPET_CHARS + 1);
  });

  test('a match in the middle has context before it, from the start of its sentence', () => {
    const text = `${filler.repeat(4)}。座谈会上，律师代表发言。${filler.repeat(4)}`;
    const html = snippetHtml(text, ['律师']);
    expect(html.startsWith('…座谈会上，<mark>律师</mark>代表发言。')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
  });

  test('several terms, all marked in the window', () => {
    const html = snippetHtml('黔江区律师协会召开会议，邀请WeChat团队。', ['律师', 'wechat']);
    expect(html).toBe('黔江区<mark>律师</mark>协会召开会议，邀请<mark>WeChat</mark>团队。');
  });

  test('escapes the story text', () => {
    const html = snippetHtml('<script>alert(1)</script>律师<img src=x onerror=alert(1)>', ['律师']);
    expect(html).not.toMatch(/<(?!\/?mark>)/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<mark>律师</mark>');
  });

  test('the opening of the text when nothing matches (a title match)', () => {
    const html = snippetHtml(filler.repeat(5), ['律师']);
    expect(html.startsWith('会议要求')).toBe(true);
    expect(html).not.toContain('<mark>');
  });

  test('line breaks and runs of spaces become one space', () => {
    expect(snippetHtml('第一段\n\n第二段  律师', ['律师'])).toBe('第一段 第二段 <mark>律师</mark>');
  });

  test('looks for the match only so far into a long story', () => {
    const html = snippetHtml(`${'会'.repeat(SNIPPET_SCAN_CHARS)}律师`, ['律师']);
    expect(html).not.toContain('<mark>');
    expect(snippetHtml(`${'a'.repeat(SNIPPET_SCAN_CHARS - 1)}𠀀律师`, ['律师'])).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  test('never cuts a character in two', () => {
    const html = snippetHtml(`${'𠀀'.repeat(200)}律师`, ['律师'], 10);
    expect(visible(html)).toBe(`…${'𠀀'.repeat(8)}律师`);
  });
});
