import 'server-only';
import { getEnv } from './env';

// Which algorithms the site's cryptography uses (CRYPTO_SUITE): the
// international ones, or the 国密 suite that Chinese assessments may ask for.
// Node's OpenSSL provides SM3 and SM4 here.
export type CryptoSuite = 'standard' | 'gm';

export function cryptoSuite(): CryptoSuite {
  return getEnv().CRYPTO_SUITE;
}

// The digest of the audit trail's hash chain.
export function hashAlgorithm(suite: CryptoSuite = cryptoSuite()): 'sha256' | 'sm3' {
  return suite === 'gm' ? 'sm3' : 'sha256';
}
