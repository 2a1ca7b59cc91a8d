import { describe, expect, test } from 'vitest';
import { contactFieldOfQuery, maskEmail, maskPhone, normalizeContact } from '@/lib/personal-data/mask';
import { isMaskingPersonalData } from '@/lib/personal-data/policy';

// How personal data looks masked, the normal form of its look-up hashes, and
// when masking is in force.

describe('masking', () => {
  test.each([
    ['13812345678', '138****5678'],
    ['023-88196826', '023****6826'],
    ['+86 138 1234 5678', '+86****5678'],
    ['8819682', '8****82'],
    ['12345', '****5'],
    ['1234', '****'],
    ['', '****'],
  ])('phone %s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  test.each([
    ['zhang.san@example.cn', 'z***@example.cn'],
    ['z@example.cn', 'z***@example.cn'],
    ['方勇@法院.cn', '方***@法院.cn'],
    ['not-an-address', 'n***'],
  ])('e-mail %s → %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  test('a masked phone hides at least four characters and shows at most seven', () => {
    for (const phone of ['13812345678', '02388196826', '8819682', '123456', '+86 138 1234 5678']) {
      const kept = maskPhone(phone).replace(/\*/g, '');
      expect(kept.length).toBeLessThanOrEqual(Math.min(7, phone.length - 4));
    }
  });
});

describe('the normal form look-ups compare', () => {
  test('e-mail addresses case-insensitively, trimmed, full-width folded', () => {
    expect(normalizeContact('email', '  Zhang.San@Example.CN ')).toBe('zhang.san@example.cn');
    expect(normalizeContact('email', 'ｚｈａｎｇ@example.cn')).toBe('zhang@example.cn');
    expect(normalizeContact('email', '   ')).toBeNull();
  });

  test('phone numbers by their digits, without +86 or 0086', () => {
    for (const typed of ['13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '0086 13812345678', '8613812345678', '１３８１２３４５６７８']) {
      expect(normalizeContact('phone', typed), typed).toBe('13812345678');
    }
    expect(normalizeContact('phone', '023-88196826')).toBe('02388196826');
    expect(normalizeContact('phone', 'n/a')).toBeNull();
  });

  test('a search box query that is a whole address or number', () => {
    expect(contactFieldOfQuery('zhang@example.cn')).toBe('email');
    expect(contactFieldOfQuery(' 138 1234 5678 ')).toBe('phone');
    expect(contactFieldOfQuery('+86-138-1234-5678')).toBe('phone');
    expect(contactFieldOfQuery('方勇')).toBeNull();
    expect(contactFieldOfQuery('2026')).toBeNull();
    expect(contactFieldOfQuery('editor1')).toBeNull();
    expect(contactFieldOfQuery('a b@c')).toBeNull();
  });
});

describe('when lists mask personal data', () => {
  test('off by default, on by the setting, always on with the 等保三级 profile', () => {
    expect(isMaskingPersonalData({ maskPersonalData: false }, { profile: 'none' })).toBe(false);
    expect(isMaskingPersonalData({ maskPersonalData: true }, { profile: 'none' })).toBe(true);
    expect(isMaskingPersonalData({ maskPersonalData: false }, { profile: 'dengbao3' })).toBe(true);
    expect(isMaskingPersonalData({ maskPersonalData: true }, { profile: 'dengbao3' })).toBe(true);
  });
});
