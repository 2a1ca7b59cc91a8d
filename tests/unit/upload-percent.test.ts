import { describe, expect, test } from 'vitest';
import { uploadPercent } from '@/components/editor/upload-image';

// The editor's "正在上传 … 45%": the share of the batch's bytes sent.

describe('uploadPercent', () => {
  test('nothing pending is nothing sent', () => {
    expect(uploadPercent([])).toBe(0);
  });

  test('weighs each upload by its size, in whole percent rounded down', () => {
    expect(uploadPercent([{ sent: 50, total: 100 }, { sent: 0, total: 300 }])).toBe(12);
    expect(uploadPercent([{ sent: 999, total: 1000 }])).toBe(99);
  });

  test('an upload waiting its turn counts with nothing sent; a finished one in full', () => {
    const finished = { sent: 400, total: 400 };
    const waiting = { sent: 0, total: 400 };
    expect(uploadPercent([finished, waiting])).toBe(50);
  });

  test('never above 100, whatever the browser reports', () => {
    expect(uploadPercent([{ sent: 1200, total: 1000 }])).toBe(100);
  });
});
