import { describe, expect, test } from 'vitest';
import { checkReadyToSubmit, STORY_BODY_MIN_CHARS } from '@/lib/stories/ready-to-submit';

// One rule for "may this go to review": the server refuses with it, and the
// desk form asks it before its 确认提交 so the confirm never precedes the refusal.

const body = (chars: number) => '字'.repeat(chars);

describe('checkReadyToSubmit', () => {
  test('a titled story in a column with a long enough body is ready', () => {
    expect(checkReadyToSubmit({ title: '标题', columnId: 3, bodyText: body(STORY_BODY_MIN_CHARS) })).toBeNull();
  });

  test('names every missing part at once', () => {
    expect(checkReadyToSubmit({ title: '  ', columnId: null, bodyText: body(3) })).toEqual({ title: 'required', columnId: 'required', bodyHtml: 'body_too_short' });
  });

  test('white space does not count towards the body', () => {
    const padded = `${body(STORY_BODY_MIN_CHARS - 1)}\n \u3000\t`;
    expect(checkReadyToSubmit({ title: '标题', columnId: 1, bodyText: padded })).toEqual({ bodyHtml: 'body_too_short' });
  });

  test('characters outside the basic plane count once each', () => {
    expect(checkReadyToSubmit({ title: '标题', columnId: 1, bodyText: '𠀀'.repeat(STORY_BODY_MIN_CHARS) })).toBeNull();
  });
});
