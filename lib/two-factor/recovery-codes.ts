import { createHmac, randomInt } from 'node:crypto';
import { normalizeCode } from './totp';

// Recovery codes: ten per account, each good once, for when the phone with
// the authenticator is lost. Ten characters of Crockford's base32 (50 bits)
// written as two groups of five; only a keyed hash is stored.
export const RECOVERY_CODE_COUNT = 10;

// Crockford's alphabet: no I, L, O or U, so nothing reads as something else.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const LENGTH = 10;

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    let code = '';
    for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
    codes.add(`${code.slice(0, 5)}-${code.slice(5)}`);
  }
  return [...codes];
}

// A code as typed (any case, with or without the dash, O for 0, I or L for 1)
// in the form it was hashed in, or null when it cannot be a recovery code.
export function normalizeRecoveryCode(input: string): string | null {
  const code = normalizeCode(input).toLowerCase().replace(/o/g, '0').replace(/[il]/g, '1');
  if (code.length !== LENGTH) return null;
  for (const c of code) if (!ALPHABET.includes(c)) return null;
  return code;
}

// Keyed, so the stored hashes alone (a copy of the database) do not let
// anyone search the 2^50 codes.
export function hashRecoveryCode(normalized: string, pepper: Buffer): string {
  return createHmac('sha256', pepper).update(normalized).digest('base64url');
}
