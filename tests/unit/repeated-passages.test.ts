import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { repeatedPassages } from '@/lib/content/repeated-passages';
import { seedArticle } from '@/lib/seed/seed-article';

// The page this product is modelled on, as text: its article appears twice.
const seedPage = readFileSync(new URL('../fixtures/seed-article-page.txt', import.meta.url), 'utf8');
const article = seedArticle.paragraphs.join('\n');

describe('repeatedPassages', () => {
  test('finds the article the seed page carries twice, as written', () => {
    const { passages, repeatedRatio } = repeatedPassages(seedPage);
    expect(passages).toHaveLength(1);
    const [passage] = passages;
    expect(passage!.occurrences).toBe(2);
    expect(passage!.text.startsWith('本网讯(通讯员 方勇)6月24日,渝东南片区')).toBe(true);
    expect(passage!.text.endsWith('调解员代表颁发了聘书')).toBe(true);
    expect(passage!.text).toContain(seedArticle.paragraphs[2]);
    expect(repeatedRatio).toBeGreaterThan(0.4);
    expect(repeatedRatio).toBeLessThan(0.5);
  });

  test('finds nothing in a normal article', () => {
    expect(repeatedPassages(article)).toEqual({ passages: [], repeatedRatio: 0 });
  });

  test('an article pasted three times is one passage occurring three times', () => {
    const { passages, repeatedRatio } = repeatedPassages([article, article, article].join('\n'));
    expect(passages.map((p) => p.occurrences)).toEqual([3]);
    expect(repeatedRatio).toBeCloseTo(2 / 3, 2);
  });

  test('a copy with other punctuation and spacing is still a copy', () => {
    const retyped = seedArticle.paragraphs[1]!.replace(/,/g, '，').replace(/、/g, ' ');
    const { passages } = repeatedPassages(`${seedArticle.paragraphs[1]}\n${seedArticle.paragraphs[3]}\n${retyped}`);
    expect(passages).toHaveLength(1);
    expect(passages[0]!.text).toBe(seedArticle.paragraphs[1]!.replace(/。$/, ''));
  });

  test('a repeated sentence of 30 characters counts, a repeated title of 22 does not', () => {
    const sentence = '要切实把保障律师执业权利的各项措施落实落细突出工作重点切实搭';
    expect([...sentence]).toHaveLength(30);
    const filler = seedArticle.paragraphs[0]!;
    expect(repeatedPassages(`${sentence}。${filler}${sentence}。`).passages.map((p) => p.text)).toEqual([sentence]);
    const title = '《关于选送实习律师到法院担任法官助理的合作协议》';
    expect(repeatedPassages(`${title}${filler}${title}`).passages).toEqual([]);
  });

  test('empty and very short texts have nothing repeated', () => {
    expect(repeatedPassages('')).toEqual({ passages: [], repeatedRatio: 0 });
    expect(repeatedPassages('区法院召开会议。区法院召开会议。')).toEqual({ passages: [], repeatedRatio: 0 });
  });
});
