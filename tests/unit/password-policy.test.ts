import { randomInt } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { COMMON_PASSWORD_COUNT, isCommonPassword } from '@/lib/auth/common-passwords';
import { characterClasses, checkPassword, DEFAULT_PASSWORD_RULES, generateCompliantPassword, type PasswordRules } from '@/lib/auth/password-rules';
import { adminNetworksOf, dormantDaysOf, isPasswordExpired, longestSessionLimits, passwordPolicyOf, sessionLimitsFor } from '@/lib/security/account-policy';
import { defaultSecurity } from '../support/security-settings';

const rules = (over: Partial<PasswordRules>): PasswordRules => ({ ...DEFAULT_PASSWORD_RULES, ...over });

describe('checkPassword with a policy', () => {
  test('the default policy is the rule from before policies: 10 characters, not the username', () => {
    expect(DEFAULT_PASSWORD_RULES).toEqual({ minLength: 10, classes: 0, refuseCommon: false });
    expect(checkPassword('aaaaaaaaaa', 'someone')).toBeNull();
    expect(checkPassword('1234567890', 'someone')).toBeNull();
  });

  test('minimum length', () => {
    expect(checkPassword('abcdefghijk', 'someone', rules({ minLength: 12 }))).toBe('too_short');
    expect(checkPassword('abcdefghijkl', 'someone', rules({ minLength: 12 }))).toBeNull();
    expect(checkPassword('abcdefgh', 'someone', rules({ minLength: 8 }))).toBeNull();
  });

  test.each([
    ['abcdefghij', 1],
    ['abcdeFGHIJ', 2],
    ['abcdeFGH12', 3],
    ['abcdeFG12#', 4],
    ['1234567890', 1],
    ['密码密码密码密码密码', 1],
    ['密码密码密码abc12', 3],
    ['ÄÖÜäöü1234', 3],
    ['ab cd ef gh', 2],
  ])('%s has %i kinds of character', (password, n) => {
    expect(characterClasses(password)).toBe(n);
  });

  test('character classes: "3 of 4" refuses two kinds and accepts any three', () => {
    const three = rules({ classes: 3 });
    expect(checkPassword('abcdefgh12', 'someone', three)).toBe('too_few_classes');
    expect(checkPassword('ABCDEFGH#!', 'someone', three)).toBe('too_few_classes');
    expect(checkPassword('abcdeFGH12', 'someone', three)).toBeNull();
    expect(checkPassword('abcdefgh1#', 'someone', three)).toBeNull();
    expect(checkPassword('我的密码是Abc12', 'someone', three)).toBeNull();
    expect(checkPassword('abcdeFGH12', 'someone', rules({ classes: 4 }))).toBe('too_few_classes');
  });

  test('the username is refused before the classes are counted', () => {
    expect(checkPassword('Zhang.San2026', 'zhang.san2026', rules({ classes: 3 }))).toBe('same_as_username');
  });

  test('common passwords are refused only when the policy says so, whatever their case', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(200);
    for (const password of ['Admin@123456', 'P@ssw0rd123', 'qwertyuiop', '1qaz@WSX', 'woaini1314', 'Aa123456789']) {
      expect(isCommonPassword(password), password).toBe(true);
    }
    expect(checkPassword('Admin@12345', 'someone', rules({ classes: 3 }))).toBeNull();
    expect(checkPassword('Admin@12345', 'someone', rules({ classes: 3, refuseCommon: true }))).toBe('common');
    expect(checkPassword('ADMIN@12345', 'someone', rules({ refuseCommon: true }))).toBe('common');
    expect(checkPassword('Tougao-portal-2026', 'someone', rules({ refuseCommon: true }))).toBeNull();
  });

  test('length comes first: a short common password is "too short"', () => {
    expect(checkPassword('123456', 'someone', rules({ refuseCommon: true }))).toBe('too_short');
  });
});

describe('generateCompliantPassword', () => {
  const random = (max: number) => randomInt(max);

  test.each([rules({}), rules({ classes: 3, refuseCommon: true }), rules({ minLength: 20, classes: 4, refuseCommon: true })])('passes the policy it was made for (%o)', (policy) => {
    for (let i = 0; i < 500; i++) {
      const password = generateCompliantPassword(random, `user${i}`, policy);
      expect(checkPassword(password, `user${i}`, policy)).toBeNull();
      expect([...password].length).toBe(Math.max(14, policy.minLength));
    }
  });
});

describe('effective values', () => {
  test('without the profile, exactly what is configured — by default today’s rules', () => {
    const security = defaultSecurity();
    expect(passwordPolicyOf(security)).toEqual({ minLength: 10, classes: 0, refuseCommon: false, expiryDays: 0, history: 0 });
    expect(sessionLimitsFor(security, 'admin')).toEqual({ idleMinutes: 12 * 60, absoluteHours: 7 * 24 });
    expect(dormantDaysOf(security)).toBe(0);
    expect(adminNetworksOf(security)).toEqual([]);
    const set = defaultSecurity({ passwordMinLength: 8, passwordClasses: 2, passwordExpiryDays: 365, passwordHistory: 2, dormantDays: 400 });
    expect(passwordPolicyOf(set)).toEqual({ minLength: 8, classes: 2, refuseCommon: false, expiryDays: 365, history: 2 });
    expect(dormantDaysOf(set)).toBe(400);
  });

  test('with the profile, the recommended value where the configured one is weaker', () => {
    const security = defaultSecurity({ profile: 'dengbao3' });
    expect(passwordPolicyOf(security)).toEqual({ minLength: 10, classes: 3, refuseCommon: true, expiryDays: 90, history: 5 });
    expect(dormantDaysOf(security)).toBe(90);
    expect(sessionLimitsFor(security, 'editor')).toEqual({ idleMinutes: 30, absoluteHours: 7 * 24 });
    expect(sessionLimitsFor(security, 'admin')).toEqual({ idleMinutes: 30, absoluteHours: 7 * 24 });
    // Correspondents keep the site's limits.
    expect(sessionLimitsFor(security, 'correspondent')).toEqual({ idleMinutes: 12 * 60, absoluteHours: 7 * 24 });
  });

  test('with the profile, a stricter configured value stays', () => {
    const security = defaultSecurity({
      profile: 'dengbao3',
      passwordMinLength: 14,
      passwordClasses: 4,
      passwordExpiryDays: 30,
      passwordHistory: 10,
      dormantDays: 60,
      adminSessionIdleMinutes: 10,
    });
    expect(passwordPolicyOf(security)).toEqual({ minLength: 14, classes: 4, refuseCommon: true, expiryDays: 30, history: 10 });
    expect(dormantDaysOf(security)).toBe(60);
    expect(sessionLimitsFor(security, 'admin').idleMinutes).toBe(10);
  });

  test('per-role limits default to the site’s and override it where set', () => {
    const security = defaultSecurity({ sessionIdleMinutes: 120, sessionAbsoluteHours: 24, editorSessionIdleMinutes: 45, adminSessionAbsoluteHours: 8 });
    expect(sessionLimitsFor(security, 'correspondent')).toEqual({ idleMinutes: 120, absoluteHours: 24 });
    expect(sessionLimitsFor(security, 'editor')).toEqual({ idleMinutes: 45, absoluteHours: 24 });
    expect(sessionLimitsFor(security, 'admin')).toEqual({ idleMinutes: 120, absoluteHours: 8 });
    expect(longestSessionLimits(security)).toEqual({ idleMinutes: 120, absoluteHours: 24 });
    expect(longestSessionLimits(defaultSecurity({ sessionIdleMinutes: 60, adminSessionIdleMinutes: 600 }))).toMatchObject({ idleMinutes: 600 });
  });

  test('a password expires after the policy’s days, never with 0', () => {
    const changed = new Date('2026-01-01T00:00:00Z');
    expect(isPasswordExpired({ expiryDays: 0 }, changed, new Date('2036-01-01T00:00:00Z'))).toBe(false);
    expect(isPasswordExpired({ expiryDays: 90 }, changed, new Date('2026-03-31T23:59:59Z'))).toBe(false);
    expect(isPasswordExpired({ expiryDays: 90 }, changed, new Date('2026-04-01T00:00:01Z'))).toBe(true);
  });
});
