import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { collapseWhitespace, htmlToText, storyDescription, truncateText } from '@/lib/content/excerpt';
import { escapeXml, renderRss, renderSitemapIndex, renderUrlset, rfc822Date, stripInvalidXmlChars, w3cDateTime } from '@/lib/content/xml';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

describe('XML escaping', () => {
  test('markup characters become entities', () => {
    expect(escapeXml(`A & B <b>"法治" 'x'</b>`)).toBe('A &amp; B &lt;b&gt;&quot;法治&quot; &apos;x&apos;&lt;/b&gt;');
  });

  test('Chinese quotes and emoji pass through unchanged', () => {
    expect(escapeXml('“普法”进社区 👨‍⚖️🇨🇳')).toBe('“普法”进社区 👨‍⚖️🇨🇳');
  });

  test('characters XML 1.0 forbids are dropped; tab and line breaks stay', () => {
    expect(stripInvalidXmlChars('a\u0000b\u0008c\u000Bd\u000Ce\u001Ff\u007Fg\u0085h\uFFFEi\uFFFFj')).toBe('abcdefghij');
    expect(stripInvalidXmlChars('a\tb\nc\rd')).toBe('a\tb\nc\rd');
    // A lone surrogate (half an emoji cut by someone's editor) is not a character.
    expect(stripInvalidXmlChars('a\uD83Db\uDC68c')).toBe('abc');
    expect(stripInvalidXmlChars('😀')).toBe('😀');
  });
});

describe('dates', () => {
  test('RFC 822 in GMT with a four-digit year, the same in every time zone', () => {
    expect(rfc822Date(new Date('2026-03-05T00:30:00+08:00'))).toBe('Wed, 04 Mar 2026 16:30:00 GMT');
    expect(rfc822Date(new Date(Date.UTC(2026, 0, 9, 5, 6, 7)))).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  });

  test('sitemaps get W3C datetimes in whole seconds', () => {
    expect(w3cDateTime(new Date('2026-03-05T08:00:00.123Z'))).toBe('2026-03-05T08:00:00Z');
  });
});

describe('RSS', () => {
  const hostile = '检察院 & 法院 <联合> 发布“典型案例” 🎉\u0001';
  const xml = renderRss({
    title: '某省法治网 & <测试>',
    link: 'https://news.example.cn/',
    description: '',
    selfUrl: 'https://news.example.cn/rss.xml',
    lastBuildDate: new Date('2026-03-05T08:00:00Z'),
    items: [
      {
        title: hostile,
        link: 'https://news.example.cn/articles/12?a=1&b=2',
        description: '正文 </description> <![CDATA[ ]]> 结束',
        pubDate: new Date('2026-03-05T08:00:00Z'),
        category: '法治要闻',
        creator: '通讯员 张三',
      },
      { title: '无署名', link: 'https://news.example.cn/articles/11', description: '', pubDate: new Date('2026-03-04T08:00:00Z') },
    ],
  });

  test('is well-formed RSS 2.0 that reads back to the original text', () => {
    const doc = parse(xml);
    expect(doc.rss['@version']).toBe('2.0');
    const channel = doc.rss.channel;
    expect(channel.title).toBe('某省法治网 & <测试>');
    expect(channel.language).toBe('zh-CN');
    expect(channel.lastBuildDate).toBe('Thu, 05 Mar 2026 08:00:00 GMT');
    expect(channel['atom:link']['@href']).toBe('https://news.example.cn/rss.xml');
    const [first, second] = channel.item;
    expect(first.title).toBe('检察院 & 法院 <联合> 发布“典型案例” 🎉');
    expect(first.link).toBe('https://news.example.cn/articles/12?a=1&b=2');
    expect(first.guid['#text']).toBe('https://news.example.cn/articles/12?a=1&b=2');
    expect(first.guid['@isPermaLink']).toBe('true');
    expect(first.description).toBe('正文 </description> <![CDATA[ ]]> 结束');
    expect(first.category).toBe('法治要闻');
    expect(first['dc:creator']).toBe('通讯员 张三');
    expect(second.category).toBeUndefined();
    expect(second['dc:creator']).toBeUndefined();
  });

  test('leaves atom:link out when the feed address is not absolute', () => {
    const doc = parse(renderRss({ title: 't', link: '/', description: 'd', selfUrl: '/rss.xml', lastBuildDate: new Date(0), items: [] }));
    expect(doc.rss.channel['atom:link']).toBeUndefined();
    expect(doc.rss.channel.item).toBeUndefined();
  });
});

describe('sitemaps', () => {
  test('urlset and index are well-formed, dated when a date is known', () => {
    const urlset = parse(
      renderUrlset([
        { loc: 'https://news.example.cn/', lastmod: new Date('2026-03-05T08:00:00Z') },
        { loc: 'https://news.example.cn/columns/a&b' },
      ]),
    );
    expect(urlset.urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(urlset.urlset.url).toEqual([
      { loc: 'https://news.example.cn/', lastmod: '2026-03-05T08:00:00Z' },
      { loc: 'https://news.example.cn/columns/a&b' },
    ]);
    const index = parse(renderSitemapIndex([{ loc: 'https://news.example.cn/sitemaps/articles-1.xml', lastmod: null }]));
    expect(index.sitemapindex.sitemap).toEqual({ loc: 'https://news.example.cn/sitemaps/articles-1.xml' });
  });
});

describe('excerpts', () => {
  test('cut to the limit with an ellipsis, never inside an emoji', () => {
    expect(truncateText('一二三四五', 5)).toBe('一二三四五');
    expect(truncateText('一二三四五六', 5)).toBe('一二三四…');
    expect(truncateText('ab👨‍👩‍👧cd', 4)).toBe('ab👨‍👩‍👧…');
    expect([...truncateText('法'.repeat(300), 200)].length).toBe(200);
  });

  test('plain text of sanitized HTML: tags gone, entities decoded, blocks apart', () => {
    expect(collapseWhitespace(htmlToText('<p>甲&amp;乙 &lt;丙&gt;</p><p>第二段<br />换行</p><img src="/media/1/large" alt="x" />'))).toBe('甲&乙 <丙> 第二段 换行');
    expect(htmlToText('<p>a&#x1F600;b&#20320;</p>')).toBe('a😀b你 ');
  });

  test('the summary when there is one, else the start of the body', () => {
    expect(storyDescription({ summary: '  摘要\n一行 ', bodyText: '正文' })).toBe('摘要 一行');
    expect(storyDescription({ summary: '', bodyText: '正文\n\n第二段' })).toBe('正文 第二段');
    expect(storyDescription({ summary: '', bodyHtml: '<p>只有HTML</p>' })).toBe('只有HTML');
    expect([...storyDescription({ summary: '', bodyText: '字'.repeat(500) })].length).toBe(200);
  });
});
