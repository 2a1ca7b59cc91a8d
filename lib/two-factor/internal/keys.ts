import 'server-only';
import { hkdfSync } from 'node:crypto';
import { sealingKey, type Keyring } from '../../crypto/sealed';
import { getAuthSecret, getEnv } from '../../env';

// The keys of the second factor: one encrypts the TOTP secrets, one keys the
// recovery codes' hashes. TOTP_ENCRYPTION_KEY (32 bytes) is the encryption
// key itself; unset, both come from AUTH_SECRET through HKDF, so a demo or a
// fresh clone works with nothing more configured. The secrets are sealed
// fields (lib/crypto/sealed); those sealed before that format open with the
// key itself (`legacyKey`).

export type TwoFactorKeys = { secrets: Keyring; legacyKey: Buffer; recoveryPepper: Buffer };

const SALT = 'tougao two-factor';

function derive(material: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', material, SALT, info, 32));
}

let cached: { material: string; keys: TwoFactorKeys } | undefined;

export function getTwoFactorKeys(): TwoFactorKeys {
  const configured = getEnv().TOTP_ENCRYPTION_KEY;
  const material = configured ? configured.toString('base64') : getAuthSecret();
  if (cached?.material === material) return cached.keys;
  const secretKey = configured ?? derive(Buffer.from(material, 'utf8'), 'totp secrets');
  const recoveryPepper = configured ? derive(configured, 'recovery codes') : derive(Buffer.from(material, 'utf8'), 'recovery codes');
  const keys = { secrets: { current: sealingKey(secretKey), retired: [] }, legacyKey: secretKey, recoveryPepper };
  cached = { material, keys };
  return keys;
}
