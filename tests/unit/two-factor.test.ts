import { createCipheriv, randomBytes } from 'node:crypto';
import { Secret } from 'otpauth';
import { describe, expect, test } from 'vitest';
import { isTwoFactorRequired } from '@/lib/two-factor/policy';
import { generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from '@/lib/two-factor/recovery-codes';
import { open, seal, sealingKey } from '@/lib/crypto/sealed';
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

describe('secrets sealed before the shared format', () => {
  const key = randomBytes(32);
  // As the first release sealed them: v1.<iv>.<tag>.<ciphertext>, AES-256-GCM
  // with the key itself and the account as associated data.
  function sealV1(secret: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }
  const keyring = { current: sealingKey(key), retired: [] };

  test('still open with the key that sealed them, for their account only', () => {
    const secret = newTotpSecret();
    const sealed = sealV1(secret, 'totp:7');
    expect(open(sealed, keyring, 'totp:7', { legacyV1Key: key })).toBe(secret);
    expect(open(sealed, keyring, 'totp:8', { legacyV1Key: key })).toBeNull();
    expect(open(sealed, keyring, 'totp:7', { legacyV1Key: randomBytes(32) })).toBeNull();
    expect(open(sealed, keyring, 'totp:7')).toBeNull();
    const [version, iv, tag, body] = sealed.split('.') as [string, string, string, string];
    expect(open([version, iv, Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url'), body].join('.'), keyring, 'totp:7', { legacyV1Key: key })).toBeNull();
    expect(open(`${sealed}.x`, keyring, 'totp:7', { legacyV1Key: key })).toBeNull();
  });

  test('new ones are sealed in the shared format', () => {
    const secret = newTotpSecret();
    const sealed = seal(secret, keyring.current, 'standard', 'totp:7');
    expect(sealed).toMatch(/^s1\.a256gcm\./);
    expect(open(sealed, keyring, 'totp:7', { legacyV1Key: key })).toBe(secret);
  });
});

describe('who must use two-factor', () => {
  test('nobody by default; administrators; or editors and administrators — never correspondents', () => {
    expect(['correspondent', 'editor', 'admin'].map((role) => isTwoFactorRequired(role as never, 'nobody'))).toEqual([false, false, false]);
    expect(['correspondent', 'editor', 'admin'].map((role) => isTwoFactorRequired(role as never, 'admins'))).toEqual([false, false, true]);
    expect(['correspondent', 'editor', 'admin'].map((role) => isTwoFactorRequired(role as never, 'editors'))).toEqual([false, true, true]);
  });
});
