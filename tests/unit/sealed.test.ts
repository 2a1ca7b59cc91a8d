import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { cipherOf, keyIdOf, lookupHash, lookupHashes, lookupPrefix, open, seal, sealedPrefix, sealedWith, sealingKey, type Keyring } from '@/lib/crypto/sealed';

// Sealed fields (lib/crypto/sealed): both suites round-trip and refuse
// anything altered, the format names cipher and key so a rotation or a
// suite switch reads old values, and the 国密 primitives it rests on match
// the standards' own examples.

const suites = ['standard', 'gm'] as const;

function flip(part: string): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[0]! ^= 1;
  return bytes.toString('base64url');
}

describe('the 国密 primitives, by the standards’ examples', () => {
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');

  test('SM4 (GB/T 32907-2016, example 1): one block', () => {
    const ecb = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(Buffer.concat([ecb.update(key), ecb.final()]).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  test('SM4-CTR as sealing uses it: the first keystream block is SM4 of the counter', () => {
    const ctr = createCipheriv('sm4-ctr', key, key);
    expect(ctr.update(Buffer.alloc(16)).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  test('SM3 (GB/T 32905-2016, examples 1 and 2)', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(createHash('sm3').update('abcd'.repeat(16)).digest('hex')).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  test('HMAC-SM3 is HMAC (RFC 2104) over SM3 with its 64-byte block', () => {
    const hmacKey = randomBytes(20);
    const block = Buffer.concat([hmacKey, Buffer.alloc(64 - hmacKey.length)]);
    const pad = (byte: number) => Buffer.from(block.map((b) => b ^ byte));
    const inner = createHash('sm3').update(pad(0x36)).update('abc').digest();
    const outer = createHash('sm3').update(pad(0x5c)).update(inner).digest('hex');
    expect(createHmac('sm3', hmacKey).update('abc').digest('hex')).toBe(outer);
  });
});

describe.each(suites)('sealing with the %s suite', (suite) => {
  const key = sealingKey(randomBytes(32));
  const keyring: Keyring = { current: key, retired: [] };
  const context = 'user:7:phone';

  test('round trip, with a fresh IV each time, naming its cipher and key', () => {
    const a = seal('13812345678', key, suite, context);
    const b = seal('13812345678', key, suite, context);
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
    expect(a.startsWith(sealedPrefix(key, suite))).toBe(true);
    expect(sealedWith(a)).toEqual({ cipher: cipherOf(suite), keyId: key.id });
    expect(open(a, keyring, context)).toBe('13812345678');
    expect(open(b, keyring, context)).toBe('13812345678');
    for (const text of ['', 'zhang.san@example.cn', '方勇 <fangyong@example.cn>', 'x'.repeat(5000)]) {
      expect(open(seal(text, key, suite, context), keyring, context)).toBe(text);
    }
  });

  test('anything altered, another key, row or field opens nothing', () => {
    const sealed = seal('zhang.san@example.cn', key, suite, context);
    const parts = sealed.split('.');
    expect(parts).toHaveLength(6);
    for (const i of [3, 4, 5]) {
      const altered = [...parts];
      altered[i] = flip(altered[i]!);
      expect(open(altered.join('.'), keyring, context), `part ${i}`).toBeNull();
    }
    // A shortened tag is refused, not checked on fewer bytes.
    expect(open([...parts.slice(0, 5), Buffer.from(parts[5]!, 'base64url').subarray(0, 4).toString('base64url')].join('.'), keyring, context)).toBeNull();
    // The header is authenticated: relabelled with the other cipher, or a bit-flipped key id.
    expect(open([parts[0], parts[1] === 'a256gcm' ? 'sm4ctr' : 'a256gcm', ...parts.slice(2)].join('.'), keyring, context)).toBeNull();
    expect(open(`${sealed}.x`, keyring, context)).toBeNull();
    expect(open(sealed.slice(0, -2), keyring, context)).toBeNull();
    expect(open('', keyring, context)).toBeNull();
    expect(open('zhang.san@example.cn', keyring, context)).toBeNull();
    expect(open(sealed, { current: sealingKey(randomBytes(32)), retired: [] }, context)).toBeNull();
    expect(open(sealed, keyring, 'user:8:phone')).toBeNull();
    expect(open(sealed, keyring, 'user:7:email')).toBeNull();
  });

  test('a value sealed with a retired key still opens; a dropped key does not', () => {
    const old = sealingKey(randomBytes(32));
    const sealed = seal('023-88196826', old, suite, context);
    expect(open(sealed, { current: key, retired: [old] }, context)).toBe('023-88196826');
    expect(open(sealed, keyring, context)).toBeNull();
  });
});

describe('switching suites', () => {
  test('a value sealed under either suite opens whatever the suite is now', () => {
    const key = sealingKey(randomBytes(32));
    const keyring = { current: key, retired: [] };
    const standard = seal('13812345678', key, 'standard', 'c');
    const gm = seal('13812345678', key, 'gm', 'c');
    expect(sealedWith(standard)?.cipher).toBe('a256gcm');
    expect(sealedWith(gm)?.cipher).toBe('sm4ctr');
    expect([open(standard, keyring, 'c'), open(gm, keyring, 'c')]).toEqual(['13812345678', '13812345678']);
    expect(sealedPrefix(key, 'gm')).not.toBe(sealedPrefix(key, 'standard'));
  });
});

describe('keys', () => {
  test('a key id names the key and says nothing of it', () => {
    const secret = randomBytes(32);
    expect(keyIdOf(secret)).toBe(keyIdOf(Buffer.from(secret)));
    expect(keyIdOf(secret)).not.toBe(keyIdOf(randomBytes(32)));
    expect(keyIdOf(secret)).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(() => sealingKey(randomBytes(16))).toThrow();
  });
});

describe('look-up hashes', () => {
  const key = sealingKey(randomBytes(32));

  test('one value, one hash per key and suite; nothing of the value in it', () => {
    const hash = lookupHash('13812345678', key, 'standard', 'phone');
    expect(lookupHash('13812345678', key, 'standard', 'phone')).toBe(hash);
    expect(hash.startsWith(lookupPrefix(key, 'standard'))).toBe(true);
    expect(hash).not.toContain('13812345678');
    expect(lookupHash('13812345679', key, 'standard', 'phone')).not.toBe(hash);
    expect(lookupHash('13812345678', key, 'gm', 'phone')).not.toBe(hash);
    expect(lookupHash('13812345678', key, 'gm', 'phone')).toMatch(/^hsm3\./);
    expect(lookupHash('13812345678', sealingKey(randomBytes(32)), 'standard', 'phone')).not.toBe(hash);
    // The same text as another field is another hash.
    expect(lookupHash('13812345678', key, 'standard', 'email')).not.toBe(hash);
  });

  test('keyed apart from the cipher: the hash is not an HMAC under the key itself', () => {
    const hash = lookupHash('a@b.cn', key, 'standard', 'email').split('.')[2];
    expect(hash).not.toBe(createHmac('sha256', key.secret).update('email\u0000a@b.cn').digest('base64url'));
  });

  test('a look-up tries every key of the keyring under both suites', () => {
    const old = sealingKey(randomBytes(32));
    const hashes = lookupHashes('a@b.cn', { current: key, retired: [old] }, 'email');
    expect(hashes).toHaveLength(4);
    expect(hashes).toContain(lookupHash('a@b.cn', old, 'gm', 'email'));
    expect(hashes).toContain(lookupHash('a@b.cn', key, 'standard', 'email'));
  });
});
