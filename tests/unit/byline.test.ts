import { describe, expect, test } from 'vitest';
import { bylineWithNames } from '@/lib/content/byline';

describe('bylineWithNames', () => {
  test('credited names the byline lacks follow it; those it has stay where they are', () => {
    expect(bylineWithNames('通讯员 方勇', ['周林'])).toBe('通讯员 方勇 周林');
    expect(bylineWithNames('通讯员 方勇 周林', ['周林'])).toBe('通讯员 方勇 周林');
    expect(bylineWithNames('周林 方勇', ['方勇', '陈静', '陈静'])).toBe('周林 方勇 陈静');
  });

  test('no one credited leaves it as written; an empty byline names them as correspondents', () => {
    expect(bylineWithNames(' 本报记者 王红 ', [])).toBe('本报记者 王红');
    expect(bylineWithNames('', ['周林', ' '])).toBe('通讯员 周林');
  });
});
