import { Secret, TOTP } from 'otpauth';

// TOTP as RFC 6238 defines it and every authenticator app implements it by
// default (Google, Microsoft, and the common Chinese ones alike): HMAC-SHA-1,
// six digits, thirty seconds. Anything else some apps silently ignore.
export const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

// A code from the step before or after the server's is accepted: phones'
// clocks drift, and a code typed in its last seconds arrives in the next step.
export const DRIFT_STEPS = 1;

// 160 bits, the HMAC-SHA-1 key size RFC 4226 recommends.
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

// The otpauth:// address the QR code carries: the app shows the issuer (the
// site) and the account name.
export function totpUri(secretBase32: string, issuer: string, accountName: string): string {
  return new TOTP({ ...TOTP_PARAMS, issuer, label: accountName, secret: Secret.fromBase32(secretBase32) }).toString();
}

// The key as a person types it into an app that cannot scan: groups of four.
export function formatManualKey(secretBase32: string): string {
  return secretBase32.replace(/(.{4})(?=.)/g, '$1 ');
}

// What people type: spaces ("123 456"), and full-width digits from a Chinese
// input method, are not mistakes.
export function normalizeCode(input: string): string {
  return input.normalize('NFKC').replace(/[\s-]+/g, '');
}

export function isTotpCode(input: string): boolean {
  return /^\d{6}$/.test(normalizeCode(input));
}

export function totpStepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PARAMS.period);
}

// The time step a code belongs to when it is good now (within the drift) and
// newer than the last one accepted; null otherwise. Remembering the step is
// what makes a code, and every older one, good only once.
export function verifyTotp(secretBase32: string, input: string, options: { nowMs: number; lastUsedStep: number | null }): number | null {
  const token = normalizeCode(input);
  if (!/^\d{6}$/.test(token)) return null;
  const delta = TOTP.validate({ ...TOTP_PARAMS, token, secret: Secret.fromBase32(secretBase32), timestamp: options.nowMs, window: DRIFT_STEPS });
  if (delta === null) return null;
  const step = totpStepAt(options.nowMs) + delta;
  if (options.lastUsedStep !== null && step <= options.lastUsedStep) return null;
  return step;
}

// For tests and scripted clients of a test server: the code an app would show.
export function totpCodeAt(secretBase32: string, nowMs: number): string {
  return TOTP.generate({ ...TOTP_PARAMS, secret: Secret.fromBase32(secretBase32), timestamp: nowMs });
}
