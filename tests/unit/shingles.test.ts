import { describe, expect, test } from 'vitest';
import {
  BAND_COUNT,
  bandHashes,
  compareShingleSets,
  minHashSignature,
  normalizeText,
  normalizeWithOffsets,
  shingleSet,
  similarity,
  SIGNATURE_LENGTH,
  textFingerprint,
} from '@/lib/content/shingles';
import { seedArticle } from '@/lib/seed/seed-article';

const article = seedArticle.paragraphs.join('\n');

// Another story of the same field and the same opening formula.
const unrelated =
  '本网讯(通讯员 陈静)近日,黔江区司法局组织开展“法律明白人”专题培训,全区二百余名法律明白人参加培训。' +
  '培训围绕民法典、人民调解法等与群众生产生活密切相关的法律法规进行了深入浅出的讲解,并结合典型案例,' +
  '就如何开展矛盾纠纷排查、如何引导群众依法表达诉求等内容进行了现场交流。' +
  '大家纷纷表示,将把所学知识运用到实际工作中,当好群众身边的法治宣传员。';

const newThirdParagraph =
  '会议要求,各单位要进一步提高政治站位,切实把思想和行动统一到决策部署上来,扎实推进各项工作落地见效,' +
  '建立健全律师执业权利救济机制,畅通律师反映问题和投诉的渠道。';

function sharedBands(a: string, b: string): number {
  const fa = textFingerprint(a)!;
  const fb = textFingerprint(b)!;
  return fa.filter((hash, band) => fb[band] === hash).length;
}

describe('normalizeText', () => {
  test('keeps letters and digits only: NFKC, lowercase, no whitespace, no CJK or ASCII punctuation', () => {
    expect(normalizeText('本网讯（通讯员 方勇）6月24日，“会议”《协议》：；！？、。\n Hello, ＷＯＲＬＤ１２３!')).toBe('本网讯通讯员方勇6月24日会议协议helloworld123');
  });

  test('each normalized character knows where it came from', () => {
    const original = '甲，Ｂ 𠀀c';
    const { text, sourceOffsets } = normalizeWithOffsets(original);
    expect(text).toBe('甲b𠀀c');
    expect(sourceOffsets).toEqual([0, 2, 4, 4, 6]);
  });
});

describe('shingleSet', () => {
  test('a text under 20 normalized characters has none', () => {
    expect(shingleSet('区法院召开会议。').size).toBe(0);
    const twenty = '市第四中级人民法院党组书记院长张俊文出席';
    expect(shingleSet(twenty.slice(0, 19)).size).toBe(0);
    expect(shingleSet(twenty).size).toBe(16);
    expect(textFingerprint('区法院召开会议。')).toBeNull();
  });

  test('punctuation, spacing and fullwidth forms do not change it', () => {
    const retyped = article.replace(/,/g, '，').replace(/\(/g, '（').replace(/\)/g, '）').replace(/\n/g, '\n\n  ');
    expect([...shingleSet(retyped)].sort()).toEqual([...shingleSet(article)].sort());
  });
});

describe('similarity', () => {
  test('identical texts score 1', () => {
    expect(similarity(shingleSet(article), shingleSet(article))).toBe(1);
  });

  test('unrelated stories of the same field score low', () => {
    const measures = compareShingleSets(shingleSet(article), shingleSet(unrelated));
    expect(measures.similarity).toBeLessThan(0.1);
    expect(measures.jaccard).toBeLessThan(0.05);
  });

  test('one paragraph rewritten still scores high', () => {
    const edited = article.replace(seedArticle.paragraphs[2]!, newThirdParagraph);
    expect(similarity(shingleSet(article), shingleSet(edited))).toBeGreaterThan(0.8);
  });

  test('an article pasted twice scores as the article itself', () => {
    const measures = compareShingleSets(shingleSet(article), shingleSet(`${article}\n${article}`));
    expect(measures.similarity).toBe(1);
    expect(measures.jaccard).toBeGreaterThan(0.99);
  });

  test('a published story plus a paragraph is all contained, whatever the Jaccard', () => {
    const longer = `${article}\n${unrelated}\n${newThirdParagraph}`;
    const measures = compareShingleSets(shingleSet(article), shingleSet(longer));
    expect(measures.similarity).toBe(1);
    expect(measures.coverageOfA).toBe(1);
    expect(measures.coverageOfB).toBeLessThan(0.8);
    expect(measures.jaccard).toBe(measures.coverageOfB);
  });

  test('an empty set is similar to nothing', () => {
    expect(similarity(new Set(), shingleSet(article))).toBe(0);
    expect(similarity(new Set(), new Set())).toBe(0);
  });
});

describe('MinHash signature and bands', () => {
  test('the same text gives the same signature', () => {
    expect(minHashSignature(shingleSet(article))).toEqual(minHashSignature(shingleSet(article)));
    expect(minHashSignature(new Set())).toBeNull();
  });

  // Stored bands are only comparable while these numbers hold: a change here
  // means every story's bands must be refreshed.
  test('the bands of a known text are pinned', () => {
    expect(textFingerprint(article)!.slice(0, 4)).toEqual([1584374631, -2133212291, -142525208, -289947611]);
  });

  test('bands are signed 32-bit integers, one per band', () => {
    const bands = textFingerprint(article)!;
    expect(bands).toHaveLength(BAND_COUNT);
    for (const hash of bands) {
      expect(Number.isInteger(hash)).toBe(true);
      expect(hash).toBeGreaterThanOrEqual(-(2 ** 31));
      expect(hash).toBeLessThan(2 ** 31);
    }
    expect(bands.some((hash) => hash < 0)).toBe(true);
  });

  test('the share of agreeing positions estimates the Jaccard similarity', () => {
    const a = shingleSet(article);
    const b = shingleSet(article.replace(seedArticle.paragraphs[2]!, newThirdParagraph));
    const sa = minHashSignature(a)!;
    const sb = minHashSignature(b)!;
    const agreeing = sa.filter((value, i) => sb[i] === value).length / SIGNATURE_LENGTH;
    expect(Math.abs(agreeing - compareShingleSets(a, b).jaccard)).toBeLessThan(0.15);
  });

  test('near-identical texts share bands, unrelated ones none', () => {
    expect(sharedBands(article, article)).toBe(BAND_COUNT);
    expect(sharedBands(article, article.replace('40余人', '50余人'))).toBeGreaterThan(BAND_COUNT / 2);
    expect(sharedBands(article, `${article}\n${article}`)).toBeGreaterThan(BAND_COUNT / 2);
    expect(sharedBands(article, article.replace(seedArticle.paragraphs[2]!, newThirdParagraph))).toBeGreaterThan(0);
    expect(sharedBands(article, unrelated)).toBe(0);
  });

  test('bandHashes depends on every row of the band', () => {
    const signature = minHashSignature(shingleSet(article))!;
    const changed = signature.slice();
    changed[2] = changed[2]! ^ 1;
    const [before, after] = [bandHashes(signature), bandHashes(changed)];
    expect(after[0]).not.toBe(before[0]);
    expect(after.slice(1)).toEqual(before.slice(1));
  });
});
