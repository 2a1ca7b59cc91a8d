import 'server-only';
import { hkdfSync } from 'node:crypto';
import { getAuthSecret, getEnv } from '../env';
import { sealingKey, type Keyring } from './sealed';

// The keyring personal data is sealed with (lib/personal-data).
// DATA_ENCRYPTION_KEY seals; the keys listed in DATA_ENCRYPTION_KEYS_OLD are
// only read, until `npm run keys:rotate` has moved every value off them.
// Unset, the key is derived from AUTH_SECRET with HKDF, so a demo or a fresh
// clone works with nothing more configured; once a key is configured, that
// derived key stays readable (while AUTH_SECRET is unchanged), so setting
// one on a running site loses nothing and the rotation moves the old values.

function derivedFromAuthSecret(): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(getAuthSecret(), 'utf8'), 'tougao personal data', 'data encryption key', 32));
}

let cached: { material: string; keyring: Keyring } | undefined;
let override: Keyring | null = null;

export function getDataKeyring(): Keyring {
  if (override) return override;
  const env = getEnv();
  const configured = env.DATA_ENCRYPTION_KEY;
  const old = env.DATA_ENCRYPTION_KEYS_OLD;
  const material = [configured?.toString('base64') ?? `auth:${getAuthSecret()}`, ...old.map((key) => key.toString('base64'))].join(',');
  if (cached?.material === material) return cached.keyring;
  const current = sealingKey(configured ?? derivedFromAuthSecret());
  const retired = [...old, ...(configured ? [derivedFromAuthSecret()] : [])]
    .map(sealingKey)
    .filter((key, i, all) => key.id !== current.id && all.findIndex((other) => other.id === key.id) === i);
  cached = { material, keyring: { current, retired } };
  return cached.keyring;
}

// For tests: the keyring a rotation moves between, in place of the
// environment's; null restores the environment's.
export function replaceDataKeyringForTests(keyring: Keyring | null): void {
  override = keyring;
}
