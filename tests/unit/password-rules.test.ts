import { randomInt } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { checkPassword, generatePassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@/lib/auth/password-rules';

describe('checkPassword', () => {
  test('the limits are 10 and 128 characters', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(MAX_PASSWORD_LENGTH).toBe(128);
  });

  test.each([
    ['a'.repeat(9), 'too_short'],
    ['a'.repeat(10), null],
    ['a'.repeat(128), null],
    ['a'.repeat(129), 'too_long'],
    ['', 'too_short'],
  ] as const)('%s → %s', (password, problem) => {
    expect(checkPassword(password, 'someone')).toBe(problem);
  });

  test('counts Chinese characters as characters, not bytes', () => {
    // 9 characters are 27 bytes in UTF-8 and still too short.
    expect(checkPassword('我的密码很安全的呀', 'someone')).toBe('too_short');
    expect(checkPassword('我的密码很安全的呀啊', 'someone')).toBeNull();
    expect(checkPassword('密'.repeat(128), 'someone')).toBeNull();
    expect(checkPassword('密'.repeat(129), 'someone')).toBe('too_long');
  });

  test('counts characters outside the BMP once, not as two UTF-16 units', () => {
    // Five emoji are ten UTF-16 code units but five characters.
    expect(checkPassword('😀'.repeat(5), 'someone')).toBe('too_short');
    expect(checkPassword('𠀀'.repeat(10), 'someone')).toBeNull();
    expect(checkPassword('𠀀'.repeat(128), 'someone')).toBeNull();
    expect(checkPassword('𠀀'.repeat(129), 'someone')).toBe('too_long');
  });

  test.each([
    ['zhangsan2026', 'zhangsan2026'],
    ['ZhangSan2026', 'zhangsan2026'],
    ['zhangsan2026', 'ZHANGSAN2026'],
    [' zhangsan2026 ', 'zhangsan2026'],
  ])('refuses %j for user %j: same as the username', (password, username) => {
    expect(checkPassword(password, username)).toBe('same_as_username');
  });

  test('accepts a password that only contains the username', () => {
    expect(checkPassword('zhangsan2026!', 'zhangsan2026')).toBeNull();
  });
});

describe('generatePassword', () => {
  const lookAlikes = /[0O1lIo]/;
  const allowed = /^[abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789]+$/;
  const cryptoRandom = (max: number) => randomInt(max);

  test('is 14 characters by default and as long as asked otherwise', () => {
    expect([...generatePassword(cryptoRandom)]).toHaveLength(14);
    expect(generatePassword(cryptoRandom, 20)).toHaveLength(20);
  });

  test('uses the random source for every character', () => {
    expect(generatePassword(() => 0, 12)).toBe('a'.repeat(12));
  });

  test('passes the rules, for any username, and has no look-alike characters', () => {
    for (let i = 0; i < 2000; i++) {
      const password = generatePassword(cryptoRandom);
      expect(password).toMatch(allowed);
      expect(password).not.toMatch(lookAlikes);
      expect(checkPassword(password, `user${i}`)).toBeNull();
    }
  });

  test('can produce every character of its alphabet and only those', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 56; i++) seen.add(generatePassword(() => i, 1));
    expect(seen.size).toBe(56);
    for (const c of seen) expect(c).not.toMatch(lookAlikes);
  });

  test('does not repeat itself', () => {
    const batch = new Set(Array.from({ length: 500 }, () => generatePassword(cryptoRandom)));
    expect(batch.size).toBe(500);
  });
});
