import { describe, expect, test } from 'vitest';
import { timeZoneName } from '@/lib/i18n/zone-name';

describe('timeZoneName', () => {
  test("China's zone is 北京时间 / Beijing time, by any of its names", () => {
    for (const zone of ['Asia/Shanghai', 'Asia/Chongqing', 'PRC']) {
      expect(timeZoneName(zone, 'zh-CN')).toBe('北京时间');
      expect(timeZoneName(zone, 'en')).toBe('Beijing time');
    }
  });

  test("another zone by its name in the reader's language; an offset-only zone by its own name", () => {
    expect(timeZoneName('Asia/Tokyo', 'zh-CN')).toMatch(/日本/);
    expect(timeZoneName('Asia/Tokyo', 'en')).toMatch(/Japan/);
    expect(timeZoneName('UTC', 'en')).toBe('UTC');
    expect(timeZoneName('Not/AZone', 'zh-CN')).toBe('Not/AZone');
  });
});
