import { randomBytes } from 'node:crypto';
import { Secret } from 'otpauth';
import { describe, expect, test } from 'vitest';
import { isTwoFactorRequired } from '@/lib/two-factor/policy';
import { generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from '@/lib/two-factor/recovery-codes';
import { openSecret, sealSecret } from '@/lib/two-factor/secret-box';
import { formatManualKey, isTotpCode, newTotpSecret, totpCodeAt, totpStepAt, totpUri, verifyTotp } from '@/lib/two-factor/totp';

// The pure parts of two-factor sign-in: the TOTP check (drift, replay), the
// recovery codes, and the sealing of secrets at rest.

const STEP_MS = 30_000;

describe('TOTP', () => {
  test('is RFC 6238 with SHA-1, 6 digits and 30 seconds (the RFC’s own test vector)', () => {
    const secret = new Secret({ buffer: new TextEncoder().encode('12345678901234567890').buffer as ArrayBuffer }).base32;
    // RFC 6238 appendix B: T = 59 s → 94287082; its last six digits.
    expect(totpCodeAt(secret, 59_000)).toBe('287082');
    expect(totpCodeAt(secret, 1_111_111_109_000)).toBe('081804');
  });

  test('a new secret is 160 bits of base32, and the QR address says what apps need', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, '投稿平台', 'editor1'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(Object.fromEntries(uri.searchParams)).toEqual({ issuer: '投稿平台', secret, algorithm: 'SHA1', digits: '6', period: '30' });
    expect(decodeURIComponent(uri.pathname)).toBe('/投稿平台:editor1');
    expect(formatManualKey('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });

  test('the current code passes, as do those of one step before and after; two steps off do not', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const step = totpStepAt(now);
    expect(verifyTotp(secret, totpCodeAt(secret, now), { nowMs: now, lastUsedStep: null })).toBe(step);
    expect(verifyTotp(secret, totpCodeAt(secret, now - STEP_MS), { nowMs: now, lastUsedStep: null })).toBe(step - 1);
    expect(verifyTotp(secret, totpCodeAt(secret, now + STEP_MS), { nowMs: now, lastUsedStep: null })).toBe(step + 1);
    expect(verifyTotp(secret, totpCodeAt(secret, now - 2 * STEP_MS), { nowMs: now, lastUsedStep: null })).toBeNull();
    expect(verifyTotp(secret, totpCodeAt(secret, now + 2 * STEP_MS), { nowMs: now, lastUsedStep: null })).toBeNull();
    expect(verifyTotp(newTotpSecret(), totpCodeAt(secret, now), { nowMs: now, lastUsedStep: null })).toBeNull();
  });

  test('a code is good once: neither it nor an older one passes after it was used', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const step = verifyTotp(secret, totpCodeAt(secret, now), { nowMs: now, lastUsedStep: null })!;
    expect(verifyTotp(secret, totpCodeAt(secret, now), { nowMs: now, lastUsedStep: step })).toBeNull();
    expect(verifyTotp(secret, totpCodeAt(secret, now - STEP_MS), { nowMs: now, lastUsedStep: step })).toBeNull();
    // The next step's code, still within the drift, is new.
    expect(verifyTotp(secret, totpCodeAt(secret, now + STEP_MS), { nowMs: now, lastUsedStep: step })).toBe(step + 1);
  });

  test('spaces and full-width digits from an input method are read as the code; anything else is not a code', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const code = totpCodeAt(secret, now);
    const fullWidth = [...code].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, { nowMs: now, lastUsedStep: null })).not.toBeNull();
    expect(verifyTotp(secret, fullWidth, { nowMs: now, lastUsedStep: null })).not.toBeNull();
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`]) expect(verifyTotp(secret, bad, { nowMs: now, lastUsedStep: null })).toBeNull();
    expect(isTotpCode(' 123 456 ')).toBe(true);
    expect(isTotpCode('12345a')).toBe(false);
    expect(isTotpCode('a-long-password-1')).toBe(false);
  });
});

describe('recovery codes', () => {
  test('ten distinct codes of two groups of five, without letters that read as others', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
  });

  test('read as typed: any case, with or without the dash or spaces, O for zero and I or L for one', () => {
    expect(normalizeRecoveryCode('ab1c0-xyz23')).toBe('ab1c0xyz23');
    expect(normalizeRecoveryCode(' AB1C0 XYZ23 ')).toBe('ab1c0xyz23');
    expect(normalizeRecoveryCode('ABlCO-XYZ23')).toBe('ab1c0xyz23');
    expect(normalizeRecoveryCode('ABIC0XYZ23')).toBe('ab1c0xyz23');
    for (const bad of ['', '123456', 'ab1c0-xyz2', 'ab1c0-xyz234', 'ab1c0-xyz2u', 'ab1c0-xyz2!']) expect(normalizeRecoveryCode(bad)).toBeNull();
  });

  test('hashed with a key: the same code under the same key matches, under another it does not, and the hash is not the code', () => {
    const pepper = randomBytes(32);
    const [code] = generateRecoveryCodes(1);
    const normalized = normalizeRecoveryCode(code!)!;
    const hash = hashRecoveryCode(normalized, pepper);
    expect(hashRecoveryCode(normalizeRecoveryCode(code!.toUpperCase().replace('-', ' '))!, pepper)).toBe(hash);
    expect(hashRecoveryCode(normalized, randomBytes(32))).not.toBe(hash);
    expect(hash).not.toContain(normalized);
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('sealed secrets', () => {
  const key = randomBytes(32);

  test('round trip, with a fresh IV each time', () => {
    const secret = newTotpSecret();
    const a = sealSecret(secret, key, 'totp:7');
    const b = sealSecret(secret, key, 'totp:7');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\./);
    expect(a).not.toContain(secret);
    expect(openSecret(a, key, 'totp:7')).toBe(secret);
    expect(openSecret(b, key, 'totp:7')).toBe(secret);
  });

  test('anything tampered with, another key or another account opens nothing', () => {
    const sealed = sealSecret(newTotpSecret(), key, 'totp:7');
    const [version, iv, tag, body] = sealed.split('.') as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0]! ^= 1;
      return bytes.toString('base64url');
    };
    expect(openSecret([version, iv, tag, flip(body)].join('.'), key, 'totp:7')).toBeNull();
    expect(openSecret([version, iv, flip(tag), body].join('.'), key, 'totp:7')).toBeNull();
    expect(openSecret([version, flip(iv), tag, body].join('.'), key, 'totp:7')).toBeNull();
    // A shortened tag is refused, not checked on fewer bytes.
    expect(openSecret([version, iv, Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url'), body].join('.'), key, 'totp:7')).toBeNull();
    expect(openSecret(['v2', iv, tag, body].join('.'), key, 'totp:7')).toBeNull();
    expect(openSecret(`${sealed}.x`, key, 'totp:7')).toBeNull();
    expect(openSecret('', key, 'totp:7')).toBeNull();
    expect(openSecret(sealed, randomBytes(32), 'totp:7')).toBeNull();
    expect(openSecret(sealed, key, 'totp:8')).toBeNull();
  });
});

describe('who must use two-factor', () => {
  test('nobody by default; administrators; or editors and administrators — never correspondents', () => {
    expect(['correspondent', 'editor', 'admin'].map((role) => isTwoFactorRequired(role as never, 'nobody'))).toEqual([false, false, false]);
    expect(['correspondent', 'editor', 'admin'].map((role) => isTwoFactorRequired(role as never, 'admins'))).toEqual([false, false, true]);
    expect(['correspondent', 'editor', 'admin'].map((role) => isTwoFactorRequired(role as never, 'editors'))).toEqual([false, true, true]);
  });
});
