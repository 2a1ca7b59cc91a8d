import 'server-only';
import { hkdfSync } from 'node:crypto';
import { getAuthSecret, getEnv } from '../../env';

// The keys of the second factor: one encrypts the TOTP secrets, one keys the
// recovery codes' hashes. TOTP_ENCRYPTION_KEY (32 bytes) is the encryption
// key itself; unset, both come from AUTH_SECRET through HKDF, so a demo or a
// fresh clone works with nothing more configured.

export type TwoFactorKeys = { secretKey: Buffer; recoveryPepper: Buffer };

const SALT = 'tougao two-factor';

function derive(material: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', material, SALT, info, 32));
}

let cached: { material: string; keys: TwoFactorKeys } | undefined;

export function getTwoFactorKeys(): TwoFactorKeys {
  const configured = getEnv().TOTP_ENCRYPTION_KEY;
  const material = configured ? configured.toString('base64') : getAuthSecret();
  if (cached?.material === material) return cached.keys;
  const keys = configured
    ? { secretKey: configured, recoveryPepper: derive(configured, 'recovery codes') }
    : { secretKey: derive(Buffer.from(material, 'utf8'), 'totp secrets'), recoveryPepper: derive(Buffer.from(material, 'utf8'), 'recovery codes') };
  cached = { material, keys };
  return keys;
}
