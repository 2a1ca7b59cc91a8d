import { describe, expect, test } from 'vitest';
import { diffStoryText, summarizeDiff, type DiffSegment } from '@/lib/content/diff';
import { sampleLines, sampleStory, scatterEdits, seededRandom } from '../support/sample-text';

const eq = (text: string): DiffSegment => ({ kind: 'equal', text });
const ins = (text: string): DiffSegment => ({ kind: 'insert', text });
const del = (text: string): DiffSegment => ({ kind: 'delete', text });

// Whatever the diff looks like, it must give both texts back and never show
// two neighbouring segments of the same kind.
function expectConsistent(before: string, after: string, segments: DiffSegment[]): void {
  expect(segments.filter((s) => s.kind !== 'insert').map((s) => s.text).join('')).toBe(before);
  expect(segments.filter((s) => s.kind !== 'delete').map((s) => s.text).join('')).toBe(after);
  for (let i = 1; i < segments.length; i += 1) expect(segments[i]!.kind).not.toBe(segments[i - 1]!.kind);
  for (const s of segments) expect(s.text).not.toBe('');
}

function check(before: string, after: string): DiffSegment[] {
  const segments = diffStoryText(before, after);
  expectConsistent(before, after, segments);
  return segments;
}

describe('diffStoryText', () => {
  test('identical texts are one equal segment', () => {
    expect(check('区法院召开会议。', '区法院召开会议。')).toEqual([eq('区法院召开会议。')]);
  });

  test('two empty texts have no segments', () => {
    expect(check('', '')).toEqual([]);
  });

  test('empty before is all inserted, empty after all deleted', () => {
    expect(check('', '新稿件\n第二段')).toEqual([ins('新稿件\n第二段')]);
    expect(check('旧稿件\n第二段', '')).toEqual([del('旧稿件\n第二段')]);
  });

  test('Chinese is compared character by character', () => {
    expect(check('今天天气很好，我们去公园散步。', '今日天气不错，我们去公园跑步。')).toEqual([
      eq('今'),
      del('天'),
      ins('日'),
      eq('天气'),
      del('很好'),
      ins('不错'),
      eq('，我们去公园'),
      del('散'),
      ins('跑'),
      eq('步。'),
    ]);
  });

  test('a Chinese insertion in the middle of a sentence', () => {
    expect(check('区法院召开会议。', '区人民法院召开会议。')).toEqual([eq('区'), ins('人民'), eq('法院召开会议。')]);
  });

  test('Latin text is compared word by word', () => {
    expect(check('The quick brown fox jumps.', 'The slow brown fox jumps.')).toEqual([
      eq('The '),
      del('quick'),
      ins('slow'),
      eq(' brown fox jumps.'),
    ]);
    // A word that changes by one letter is replaced whole, not patched.
    expect(check('I like cats and dogs.', 'I liked cats or dogs!')).toEqual([
      eq('I '),
      del('like'),
      ins('liked'),
      eq(' cats '),
      del('and'),
      ins('or'),
      eq(' dogs'),
      del('.'),
      ins('!'),
    ]);
  });

  test('numbers are words too', () => {
    expect(check('共发放资料300份', '共发放资料3000份')).toEqual([eq('共发放资料'), del('300'), ins('3000'), eq('份')]);
  });

  test('mixed Chinese and Latin', () => {
    expect(check('会议于2026年3月召开，China Daily报道。', '会议于2026年4月召开，China Legal Daily报道。')).toEqual([
      eq('会议于2026年'),
      del('3'),
      ins('4'),
      eq('月召开，China '),
      ins('Legal '),
      eq('Daily报道。'),
    ]);
  });

  test('a paragraph added', () => {
    expect(check('第一段。\n第三段。', '第一段。\n第二段。\n第三段。')).toEqual([eq('第一段。\n'), ins('第二段。\n'), eq('第三段。')]);
  });

  test('a paragraph removed', () => {
    expect(check('第一段。\n第二段。\n第三段。', '第一段。\n第三段。')).toEqual([eq('第一段。\n'), del('第二段。\n'), eq('第三段。')]);
  });

  test('a paragraph split in two and two merged into one', () => {
    expect(check('第一句。第二句。', '第一句。\n第二句。')).toEqual([eq('第一句。'), ins('\n'), eq('第二句。')]);
    expect(check('第一句。\n第二句。', '第一句。第二句。')).toEqual([eq('第一句。'), del('\n'), eq('第二句。')]);
  });

  test('a last paragraph gaining a line', () => {
    expect(check('甲\n乙', '甲\n乙\n丙')).toEqual([eq('甲\n乙'), ins('\n丙')]);
  });

  test('a paragraph rewritten from scratch is shown replaced whole', () => {
    const segments = check('甲段不变。\n区法院今天召开了工作会议。\n丁段不变。', '甲段不变。\n市检察院明日将举行新闻发布会。\n丁段不变。');
    expect(segments).toEqual([eq('甲段不变。\n'), del('区法院今天召开了工作会议。\n'), ins('市检察院明日将举行新闻发布会。\n'), eq('丁段不变。')]);
  });

  test('emoji and surrogate pairs are never split', () => {
    const segments = check('点赞👍🏽和😀', '点赞👍🏿和😀');
    expect(segments).toEqual([eq('点赞'), del('👍🏽'), ins('👍🏿'), eq('和😀')]);
    expect(check('𠀀𠀁', '𠀀𠀂')).toEqual([eq('𠀀'), del('𠀁'), ins('𠀂')]);
  });

  test('every paragraph lightly edited and one added on top: each paragraph keeps its own small diff', () => {
    const paragraphs = Array.from({ length: 40 }, (_, p) => `第${p + 1}段：区人民法院召开${p + 1}号会议，部署本季度审判执行工作，要求各庭室认真落实。`);
    const before = paragraphs.join('\n');
    const after = ['导语：这是编辑新增的一段。', ...paragraphs.map((p) => p.replace('认真', '切实'))].join('\n');
    const segments = check(before, after);
    expect(segments[0]).toEqual(ins('导语：这是编辑新增的一段。\n'));
    expect(segments.filter((s) => s.kind === 'delete').every((s) => s.text === '认真')).toBe(true);
    expect(summarizeDiff(segments)).toEqual({ inserted: 14 + 40 * 2, deleted: 40 * 2 });
  });

  test('two paragraphs merged among many edits show the removed line break', () => {
    const paragraphs = Array.from({ length: 30 }, (_, p) => `第${p + 1}段内容不少于二十个字，用来检验合并段落的情形。`);
    const edited = paragraphs.map((p) => p.replace('内容', '正文'));
    const after = [...edited.slice(0, 10), edited[10]! + edited[11]!, ...edited.slice(12)].join('\n');
    const segments = check(paragraphs.join('\n'), after);
    expect(segments.some((s) => s.kind === 'delete' && s.text === '\n')).toBe(true);
    expect(summarizeDiff(segments).deleted).toBe(30 * 2 + 1);
  });

  // Long inputs: what they must come out as. How long they take is measured
  // by `npm run bench:content`, not here; the timeout only catches a hang.
  const LONG_INPUT_TIMEOUT_MS = 30_000;

  test('a 30,000-character story with scattered edits is shown as those edits', () => {
    const random = seededRandom(42);
    const before = sampleStory(random, 30_000);
    const after = scatterEdits(random, before);
    const segments = diffStoryText(before, after);
    expectConsistent(before, after, segments);
    const { inserted, deleted } = summarizeDiff(segments);
    // About 33 insertions of 4, 34 deletions of 4 and 33 replacements: small, not "everything replaced".
    expect(inserted).toBeGreaterThanOrEqual(33 * 4);
    expect(inserted + deleted).toBeLessThan(600);
  }, LONG_INPUT_TIMEOUT_MS);

  test('a 30,000-character story rewritten from top to bottom is shown replaced', () => {
    const random = seededRandom(7);
    const before = sampleStory(random, 30_000);
    const after = sampleStory(random, 30_000);
    expect(diffStoryText(before, after)).toEqual([del(before), ins(after)]);
  }, LONG_INPUT_TIMEOUT_MS);

  test('15,000 one-character lines against 15,000 others still give both texts back', () => {
    const random = seededRandom(11);
    const before = sampleLines(random, 15_000);
    const after = sampleLines(random, 15_000);
    expectConsistent(before, after, diffStoryText(before, after));
  }, LONG_INPUT_TIMEOUT_MS);
});

describe('summarizeDiff', () => {
  test('counts inserted and deleted characters, not bytes or UTF-16 units', () => {
    expect(summarizeDiff([eq('区'), ins('人民'), eq('法院'), del('😀𠀀'), ins('abc')])).toEqual({ inserted: 5, deleted: 2 });
  });

  test('nothing changed', () => {
    expect(summarizeDiff([])).toEqual({ inserted: 0, deleted: 0 });
    expect(summarizeDiff([eq('不变')])).toEqual({ inserted: 0, deleted: 0 });
  });

  test('matches the texts it came from', () => {
    expect(summarizeDiff(diffStoryText('第一段。\n第二段。', '第一段。\n第二段（修改）。\n第三段。'))).toEqual({ inserted: 9, deleted: 0 });
  });

  test('a paragraph edited and a new one added after it', () => {
    expect(diffStoryText('第一段。\n第二段。', '第一段。\n第二段（修改）。\n第三段。')).toEqual([
      eq('第一段。\n第二段'),
      ins('（修改）'),
      eq('。'),
      ins('\n第三段。'),
    ]);
  });
});
