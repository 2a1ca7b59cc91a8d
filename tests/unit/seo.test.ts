import { describe, expect, test } from 'vitest';
import {
  articleImagePath,
  articleJsonLd,
  articleMetadata,
  columnMetadata,
  homeMetadata,
  jsonLdScript,
  resolveSiteOrigin,
  robotsTxt,
  type SeoArticle,
  type SeoSite,
} from '@/lib/seo';

const site: SeoSite = { name: '某省法治网', origin: 'https://news.example.cn', logoPath: '/icon.svg' };

function article(overrides: Partial<SeoArticle> = {}): SeoArticle {
  return {
    id: 42,
    publicId: null,
    title: '全省法律明白人培训工作会议召开',
    summary: '',
    byline: '通讯员 张三',
    bodyHtml: '<p>本网讯 近日，全省法律明白人培训工作会议召开。</p>',
    publishedAt: new Date('2026-03-05T08:00:00Z'),
    contentUpdatedAt: null,
    columnName: '法治要闻',
    ...overrides,
  };
}

describe('site origin', () => {
  test('the configured public address, reduced to its origin', () => {
    expect(resolveSiteOrigin('https://news.example.cn/')).toBe('https://news.example.cn');
    expect(resolveSiteOrigin(' https://news.example.cn/some/path ')).toBe('https://news.example.cn');
  });

  test('nothing when none is configured, or it is not an http(s) address', () => {
    expect(resolveSiteOrigin('')).toBe('');
    expect(resolveSiteOrigin('not a url')).toBe('');
    expect(resolveSiteOrigin('javascript:alert(1)')).toBe('');
  });
});

describe('article metadata', () => {
  test('canonical, Open Graph and Twitter on absolute URLs', () => {
    const meta = articleMetadata(article({ summary: '会议部署今年工作。', contentUpdatedAt: new Date('2026-03-06T01:00:00Z') }), site);
    expect(meta.title).toBe('全省法律明白人培训工作会议召开');
    expect(meta.description).toBe('会议部署今年工作。');
    expect(meta.alternates?.canonical).toBe('https://news.example.cn/articles/42');
    // The English frame of the same article points search engines at both.
    expect(meta.alternates?.languages).toEqual({ 'zh-CN': 'https://news.example.cn/articles/42', en: 'https://news.example.cn/en/articles/42', 'x-default': 'https://news.example.cn/articles/42' });
    expect(meta.openGraph).toMatchObject({
      type: 'article',
      title: '全省法律明白人培训工作会议召开',
      description: '会议部署今年工作。',
      url: 'https://news.example.cn/articles/42',
      siteName: '某省法治网',
      locale: 'zh_CN',
      publishedTime: '2026-03-05T08:00:00.000Z',
      modifiedTime: '2026-03-06T01:00:00.000Z',
      section: '法治要闻',
    });
    expect(meta.twitter).toMatchObject({ card: 'summary' });
    expect(meta.authors).toEqual([{ name: '通讯员 张三' }]);
  });

  test('the English page names itself as canonical, in its own locale; no picture in the story: the site logo', () => {
    const meta = articleMetadata(article(), { ...site, logoPath: '/media/9/medium' }, 'en');
    expect(meta.alternates?.canonical).toBe('https://news.example.cn/en/articles/42');
    expect(meta.openGraph).toMatchObject({ url: 'https://news.example.cn/en/articles/42', locale: 'en_US', alternateLocale: 'zh_CN', images: ['https://news.example.cn/media/9/medium'] });
    expect(homeMetadata(site, 'en', 'The latest.')).toMatchObject({ description: 'The latest.', alternates: { canonical: 'https://news.example.cn/en' } });
  });

  test('the public id names the page when set; without a summary the body describes it', () => {
    const meta = articleMetadata(article({ publicId: 'spring-training' }), site);
    expect(meta.alternates?.canonical).toBe('https://news.example.cn/articles/spring-training');
    expect(meta.description).toBe('本网讯 近日，全省法律明白人培训工作会议召开。');
  });

  test('an image makes a large card: the cover first, else the first body image', () => {
    const withBodyImage = article({ bodyHtml: '<p>文字</p><figure><img src="/media/7/medium" alt="" /></figure><img src="/media/8/large" />' });
    expect(articleImagePath(withBodyImage)).toBe('/media/7/large');
    expect(articleImagePath({ ...withBodyImage, coverMediaId: 3 })).toBe('/media/3/large');
    const meta = articleMetadata(withBodyImage, site);
    expect(meta.openGraph).toMatchObject({ images: ['https://news.example.cn/media/7/large'] });
    expect(meta.twitter).toMatchObject({ card: 'summary_large_image', images: ['https://news.example.cn/media/7/large'] });
    expect(articleImagePath(article({ bodyHtml: '<img src="https://elsewhere.example/x.png" />' }))).toBeNull();
  });

  test('without a public address nothing that must be absolute is given relative', () => {
    const unknown = { name: '某省法治网', origin: '' };
    const meta = articleMetadata(article({ bodyHtml: '<p>正文</p><img src="/media/7/large" />' }), unknown);
    expect(meta.alternates?.canonical).toBeUndefined();
    expect(meta.alternates?.languages).toBeUndefined();
    expect(meta.openGraph).toMatchObject({ url: undefined, images: undefined });
    expect(homeMetadata(unknown).alternates?.canonical).toBeUndefined();
    const ld = articleJsonLd(article(), unknown);
    expect(ld.url).toBeUndefined();
    expect(ld.mainEntityOfPage).toBeUndefined();
    expect(robotsTxt(unknown)).not.toMatch(/Sitemap/);
  });
});

describe('home and column metadata', () => {
  test('home: canonical and the site feed', () => {
    const meta = homeMetadata(site);
    expect(meta.alternates?.canonical).toBe('https://news.example.cn/');
    expect(meta.alternates?.languages).toEqual({ 'zh-CN': 'https://news.example.cn/', en: 'https://news.example.cn/en', 'x-default': 'https://news.example.cn/' });
    expect(meta.alternates?.types?.['application/rss+xml']).toEqual([{ url: 'https://news.example.cn/rss.xml', title: '某省法治网' }]);
    expect(meta.openGraph).toMatchObject({ type: 'website', siteName: '某省法治网', locale: 'zh_CN' });
  });

  test('column: its own canonical (older pages included) and feed', () => {
    const column = { slug: 'fzyw', name: '法治要闻', description: '全省法治动态' };
    const meta = columnMetadata(column, site);
    expect(meta.title).toBe('法治要闻');
    expect(meta.description).toBe('全省法治动态');
    expect(meta.alternates?.canonical).toBe('https://news.example.cn/columns/fzyw');
    expect(meta.alternates?.types?.['application/rss+xml']).toEqual([{ url: 'https://news.example.cn/columns/fzyw/rss.xml', title: '法治要闻 · 某省法治网' }]);
    expect(columnMetadata(column, site, { cursor: { publishedAt: new Date(1772697600000), id: 12 } }).alternates?.canonical).toBe('https://news.example.cn/columns/fzyw/p/1772697600000_12');
  });
});

describe('NewsArticle JSON-LD', () => {
  test('the fields search engines read', () => {
    const data = articleJsonLd(article({ coverMediaId: 5, contentUpdatedAt: new Date('2026-03-06T01:00:00Z') }), site);
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: '全省法律明白人培训工作会议召开',
      datePublished: '2026-03-05T08:00:00.000Z',
      dateModified: '2026-03-06T01:00:00.000Z',
      author: [{ '@type': 'Person', name: '通讯员 张三' }],
      publisher: { '@type': 'Organization', name: '某省法治网', url: 'https://news.example.cn/', logo: { '@type': 'ImageObject', url: 'https://news.example.cn/icon.svg' } },
      mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://news.example.cn/articles/42' },
      image: ['https://news.example.cn/media/5/large'],
      articleSection: '法治要闻',
    });
  });

  test('a headline longer than 110 characters is cut; no byline, no author', () => {
    const data = articleJsonLd(article({ title: '长'.repeat(150), byline: ' ' }), site);
    expect([...(data.headline as string)].length).toBe(110);
    expect((data.headline as string).endsWith('…')).toBe(true);
    expect(data.author).toBeUndefined();
  });

  test('</script> in a title cannot end the script element, and the JSON reads back the same', () => {
    const title = '标题</SCRIPT><script>alert(1)</script><!-- & -->';
    const json = jsonLdScript(articleJsonLd(article({ title }), site));
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json).headline).toBe(title);
    const separators = jsonLdScript({ text: 'a\u2028b\u2029c' });
    expect(separators).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(separators).text).toBe('a\u2028b\u2029c');
  });
});

describe('robots', () => {
  test('private areas are disallowed and the sitemap is absolute', () => {
    expect(robotsTxt(site).split('\n')).toEqual([
      'User-Agent: *',
      'Allow: /',
      ...['/desk', '/review', '/admin', '/account', '/portal', '/login', '/api', '/notifications', '/stats'].map((p) => `Disallow: ${p}`),
      '',
      'Sitemap: https://news.example.cn/sitemap.xml',
      '',
    ]);
  });
});
