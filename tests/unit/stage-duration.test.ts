import { describe, expect, test } from 'vitest';
import { formatDuration } from '@/lib/stats/duration';

const H = 3600;

describe('formatDuration', () => {
  test.each([
    [0, '不到1分钟', '< 1 min'],
    [29, '不到1分钟', '< 1 min'],
    [30, '1分钟', '1 min'],
    [45 * 60, '45分钟', '45 min'],
    [59 * 60 + 29, '59分钟', '59 min'],
    [59 * 60 + 31, '1小时', '1 h'],
    [3 * H + 12 * 60, '3小时12分', '3 h 12 min'],
    [3 * H + 12 * 60 + 40, '3小时13分', '3 h 13 min'],
    [23 * H + 59 * 60, '23小时59分', '23 h 59 min'],
    [24 * H, '1天', '1 d'],
    [24 * H + 29 * 60, '1天', '1 d'],
    [51 * H + 20 * 60, '2天3小时', '2 d 3 h'],
    [47 * H + 45 * 60, '2天', '2 d'],
    [476 * H, '19天20小时', '19 d 20 h'],
  ])('%i seconds', (seconds, zh, en) => {
    expect(formatDuration(seconds, 'zh-CN')).toBe(zh);
    expect(formatDuration(seconds, 'en')).toBe(en);
  });

  test('nothing to show is a dash', () => {
    expect(formatDuration(null, 'zh-CN')).toBe('—');
    expect(formatDuration(Number.NaN, 'en')).toBe('—');
    expect(formatDuration(-5, 'en')).toBe('—');
  });
});
