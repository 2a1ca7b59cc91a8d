import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CryptoSuite } from '../crypto-suite';

// Sealed fields: short values encrypted at rest (personal data, second-factor
// secrets), one way for all of them. Pure: keys come in as arguments
// (lib/crypto/keys.ts reads them from the environment).
//
// The stored form names its algorithm and key, so a change of CRYPTO_SUITE or
// of key leaves every older value readable while the keyring still holds its
// key, and `npm run keys:rotate` can find what to re-seal:
//
//   s1.<cipher>.<key id>.<iv>.<ciphertext>.<tag>          (base64url parts)
//
// `a256gcm` is AES-256-GCM. `sm4ctr` is the 国密 suite: SM4 in CTR mode with
// an HMAC-SM3 over everything (encrypt-then-MAC, checked before decrypting),
// as Node's OpenSSL has no SM4-GCM. Each key is 32 bytes of master secret;
// the cipher, MAC and lookup keys are derived from it with HKDF, one per use,
// so no two algorithms ever share key bytes. The caller's context (the row
// and field, e.g. `user:12:email`) is authenticated with the value: a sealed
// value copied onto another row or field does not open.
//
// The first sealed secrets (two-factor, `v1.<iv>.<tag>.<ciphertext>`: AES-256-GCM
// with the key itself) still open when the caller passes that key.

export type SealingKey = { id: string; secret: Buffer };
// The key new values are sealed with, and older ones still read.
export type Keyring = { current: SealingKey; retired: readonly SealingKey[] };
export type SealCipher = 'a256gcm' | 'sm4ctr';
type LookupMac = 'hs256' | 'hsm3';

const FORMAT = 's1';
const GCM_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;
const CTR_IV_BYTES = 16;
const SM3_MAC_BYTES = 32;
const SALT = 'tougao sealed fields';

export function cipherOf(suite: CryptoSuite): SealCipher {
  return suite === 'gm' ? 'sm4ctr' : 'a256gcm';
}

function lookupMacOf(suite: CryptoSuite): LookupMac {
  return suite === 'gm' ? 'hsm3' : 'hs256';
}

// Not secret: names a key in stored values without revealing anything of it.
export function keyIdOf(secret: Buffer): string {
  return createHmac('sha256', secret).update('tougao key id').digest().subarray(0, 6).toString('base64url');
}

export function sealingKey(secret: Buffer): SealingKey {
  if (secret.length !== 32) throw new Error('a sealing key is 32 bytes');
  return { id: keyIdOf(secret), secret };
}

const derived = new WeakMap<Buffer, Map<string, Buffer>>();

// HKDF with the suite's own hash: the 国密 keys come from SM3, the others from SHA-256.
function subkey(secret: Buffer, use: string, bytes: number): Buffer {
  let uses = derived.get(secret);
  if (!uses) derived.set(secret, (uses = new Map()));
  let key = uses.get(use);
  if (!key) {
    const hash = use.startsWith('sm4') || use.startsWith('hsm3') ? 'sm3' : 'sha256';
    key = Buffer.from(hkdfSync(hash, secret, SALT, use, bytes));
    uses.set(use, key);
  }
  return key;
}

const b64 = (bytes: Buffer) => bytes.toString('base64url');

function header(cipher: SealCipher, keyId: string): string {
  return `${FORMAT}.${cipher}.${keyId}`;
}

// Length-prefixed, so no two (header, context, iv, ciphertext) give one MAC input.
function macInput(head: string, context: string, iv: Buffer, body: Buffer): Buffer {
  const parts = [Buffer.from(head, 'utf8'), Buffer.from(context, 'utf8'), iv, body];
  return Buffer.concat(
    parts.flatMap((part) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(part.length);
      return [length, part];
    }),
  );
}

export function seal(plaintext: string, key: SealingKey, suite: CryptoSuite, context: string): string {
  const cipher = cipherOf(suite);
  const head = header(cipher, key.id);
  const data = Buffer.from(plaintext, 'utf8');
  if (cipher === 'a256gcm') {
    const iv = randomBytes(GCM_IV_BYTES);
    const gcm = createCipheriv('aes-256-gcm', subkey(key.secret, 'a256gcm', 32), iv, { authTagLength: GCM_TAG_BYTES });
    gcm.setAAD(macInput(head, context, Buffer.alloc(0), Buffer.alloc(0)));
    const body = Buffer.concat([gcm.update(data), gcm.final()]);
    return [head, b64(iv), b64(body), b64(gcm.getAuthTag())].join('.');
  }
  const iv = randomBytes(CTR_IV_BYTES);
  const ctr = createCipheriv('sm4-ctr', subkey(key.secret, 'sm4ctr enc', 16), iv);
  const body = Buffer.concat([ctr.update(data), ctr.final()]);
  const tag = createHmac('sm3', subkey(key.secret, 'sm4ctr mac', 32)).update(macInput(head, context, iv, body)).digest();
  return [head, b64(iv), b64(body), b64(tag)].join('.');
}

// Which cipher and key sealed a value; null for anything else (a legacy v1
// value, plain text, garbage).
export function sealedWith(sealed: string): { cipher: SealCipher; keyId: string } | null {
  const [format, cipher, keyId] = sealed.split('.', 3);
  if (format !== FORMAT || (cipher !== 'a256gcm' && cipher !== 'sm4ctr') || !keyId) return null;
  return { cipher, keyId };
}

// What a value sealed now with this key and suite starts with: the values
// that do not are the ones a rotation re-seals.
export function sealedPrefix(key: SealingKey, suite: CryptoSuite): string {
  return `${header(cipherOf(suite), key.id)}.`;
}

function findKey(keyring: Keyring, id: string): SealingKey | undefined {
  return keyring.current.id === id ? keyring.current : keyring.retired.find((key) => key.id === id);
}

function fromB64(part: string | undefined, bytes?: number): Buffer | null {
  if (part === undefined || !/^[A-Za-z0-9_-]*$/.test(part)) return null;
  const buffer = Buffer.from(part, 'base64url');
  return bytes === undefined || buffer.length === bytes ? buffer : null;
}

// Null for anything that was not sealed for this context by a key of the
// keyring (tampered, truncated, an unknown or dropped key, another row or
// field): never a partial value.
export function open(sealed: string, keyring: Keyring, context: string, options: { legacyV1Key?: Buffer } = {}): string | null {
  const parts = sealed.split('.');
  if (parts[0] === 'v1') return options.legacyV1Key ? openV1(parts, options.legacyV1Key, context) : null;
  if (parts.length !== 6) return null;
  const found = sealedWith(sealed);
  const key = found && findKey(keyring, found.keyId);
  if (!found || !key) return null;
  const head = header(found.cipher, found.keyId);
  try {
    if (found.cipher === 'a256gcm') {
      const [iv, body, tag] = [fromB64(parts[3], GCM_IV_BYTES), fromB64(parts[4]), fromB64(parts[5], GCM_TAG_BYTES)];
      if (!iv || !body || !tag) return null;
      const gcm = createDecipheriv('aes-256-gcm', subkey(key.secret, 'a256gcm', 32), iv, { authTagLength: GCM_TAG_BYTES });
      gcm.setAAD(macInput(head, context, Buffer.alloc(0), Buffer.alloc(0)));
      gcm.setAuthTag(tag);
      return Buffer.concat([gcm.update(body), gcm.final()]).toString('utf8');
    }
    const [iv, body, tag] = [fromB64(parts[3], CTR_IV_BYTES), fromB64(parts[4]), fromB64(parts[5], SM3_MAC_BYTES)];
    if (!iv || !body || !tag) return null;
    const expected = createHmac('sm3', subkey(key.secret, 'sm4ctr mac', 32)).update(macInput(head, context, iv, body)).digest();
    if (!timingSafeEqual(expected, tag)) return null;
    const ctr = createDecipheriv('sm4-ctr', subkey(key.secret, 'sm4ctr enc', 16), iv);
    return Buffer.concat([ctr.update(body), ctr.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function openV1(parts: string[], key: Buffer, context: string): string | null {
  const [, ivPart, tagPart, bodyPart, ...rest] = parts;
  const [iv, tag, body] = [fromB64(ivPart), fromB64(tagPart, GCM_TAG_BYTES), fromB64(bodyPart)];
  if (!iv || !tag || !body || rest.length > 0) return null;
  try {
    const gcm = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG_BYTES });
    gcm.setAAD(Buffer.from(context, 'utf8'));
    gcm.setAuthTag(tag);
    return Buffer.concat([gcm.update(body), gcm.final()]).toString('utf8');
  } catch {
    return null;
  }
}

// A keyed hash for equality look-ups (`<mac>.<key id>.<hash>`): the same
// normalised value gives the same hash under one key, and nothing about the
// value without it. Its key is derived apart from the cipher's.
export function lookupHash(normalized: string, key: SealingKey, suite: CryptoSuite, purpose: string): string {
  const mac = lookupMacOf(suite);
  const digest = createHmac(mac === 'hsm3' ? 'sm3' : 'sha256', subkey(key.secret, `${mac} lookup`, 32))
    .update(`${purpose}\u0000${normalized}`, 'utf8')
    .digest();
  return `${mac}.${key.id}.${b64(digest)}`;
}

// Every hash the value may be stored under while a rotation or a suite switch
// is under way: each key of the keyring, each suite.
export function lookupHashes(normalized: string, keyring: Keyring, purpose: string): string[] {
  return [keyring.current, ...keyring.retired].flatMap((key) => (['standard', 'gm'] as const).map((suite) => lookupHash(normalized, key, suite, purpose)));
}

// What a hash made now with this key and suite starts with.
export function lookupPrefix(key: SealingKey, suite: CryptoSuite): string {
  return `${lookupMacOf(suite)}.${key.id}.`;
}
