import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createLocalStorage, createStorage, isSafeStorageKey, storageConfigFrom } from '@/lib/media/storage';

describe('isSafeStorageKey', () => {
  test.each(['2026/05/3f2a9c1e0b7d4a5f8e6c2b1a0d9e8f7c/large.jpg', 'a', 'thumb.png', 'x/y_z-1.webp'])('%s is accepted', (key) => {
    expect(isSafeStorageKey(key)).toBe(true);
  });

  test.each([
    '',
    '..',
    '../secret',
    '2026/../../etc/passwd',
    '2026/./large.jpg',
    '/etc/passwd',
    'a//b',
    'a/',
    '.hidden',
    'a/.hidden',
    'a\\..\\b',
    'C:/windows',
    'a/b\0.jpg',
    'a b.jpg',
    'A/B.JPG',
    '%2e%2e/secret',
    'a/b?x=1',
    'x'.repeat(256),
    'a/b/c/d/e/f/g/h/i',
  ])('%j is refused', (key) => {
    expect(isSafeStorageKey(key)).toBe(false);
  });

  test.each([undefined, null, 42, {}, ['a']])('%j (not a string) is refused', (key) => {
    expect(isSafeStorageKey(key)).toBe(false);
  });
});

describe('local storage', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tougao-storage-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('stores, reads back and deletes under its folder', async () => {
    const storage = createLocalStorage(path.join(dir, 'uploads'));
    const bytes = new Uint8Array([1, 2, 3, 4]);
    await storage.put('2026/05/abc/large.png', bytes, 'image/png');
    expect(readFileSync(path.join(dir, 'uploads', '2026', '05', 'abc', 'large.png'))).toEqual(Buffer.from(bytes));
    expect(await storage.get('2026/05/abc/large.png')).toEqual({ bytes, contentType: 'image/png' });
    // No temporary file is left behind.
    expect(readdirSync(path.join(dir, 'uploads', '2026', '05', 'abc'))).toEqual(['large.png']);
    await storage.delete('2026/05/abc/large.png');
    expect(await storage.get('2026/05/abc/large.png')).toBeNull();
    // Deleting what is not there is not an error.
    await storage.delete('2026/05/abc/large.png');
  });

  test('a missing key is null', async () => {
    expect(await createLocalStorage(dir).get('nothing/here.jpg')).toBeNull();
  });

  test.each(['../outside.jpg', '../../etc/passwd', '/etc/passwd', 'uploads/../../x.jpg', '.env'])('refuses %j for put, get and delete', async (key) => {
    writeFileSync(path.join(dir, 'outside.jpg'), 'secret');
    const storage = createLocalStorage(path.join(dir, 'uploads'));
    await expect(storage.put(key, new Uint8Array([1]), 'image/jpeg')).rejects.toThrow(/unsafe storage key/);
    await expect(storage.get(key)).rejects.toThrow(/unsafe storage key/);
    await expect(storage.delete(key)).rejects.toThrow(/unsafe storage key/);
    expect(readFileSync(path.join(dir, 'outside.jpg'), 'utf8')).toBe('secret');
  });
});

describe('storageConfigFrom', () => {
  const dataDir = path.join(os.tmpdir(), 'tougao-data');

  test('no bucket: the uploads folder in the data folder', () => {
    expect(storageConfigFrom({}, dataDir)).toEqual({ kind: 'local', root: path.join(dataDir, 'uploads') });
    expect(storageConfigFrom({ S3_BUCKET: '  ', S3_REGION: 'cn-north-1' }, dataDir)).toEqual({ kind: 'local', root: path.join(dataDir, 'uploads') });
  });

  test('a bucket with everything given', () => {
    expect(
      storageConfigFrom(
        {
          S3_BUCKET: 'tougao-media',
          S3_ENDPOINT: 'https://minio.example.org:9000',
          S3_REGION: 'cn-north-1',
          S3_ACCESS_KEY_ID: 'AKID',
          S3_SECRET_ACCESS_KEY: 'shh',
          S3_FORCE_PATH_STYLE: 'true',
        },
        dataDir,
      ),
    ).toEqual({
      kind: 's3',
      bucket: 'tougao-media',
      endpoint: 'https://minio.example.org:9000',
      region: 'cn-north-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'shh' },
    });
  });

  test('a bucket alone: AWS defaults (region us-east-1, virtual-hosted style, default credential chain)', () => {
    expect(storageConfigFrom({ S3_BUCKET: 'b' }, dataDir)).toEqual({
      kind: 's3',
      bucket: 'b',
      endpoint: undefined,
      region: 'us-east-1',
      forcePathStyle: false,
      credentials: undefined,
    });
  });

  test.each([
    [{ S3_ACCESS_KEY_ID: 'AKID' }],
    [{ S3_SECRET_ACCESS_KEY: 'shh' }],
    [{ S3_ACCESS_KEY_ID: 'AKID', S3_SECRET_ACCESS_KEY: ' ' }],
  ])('half a key pair is a configuration error: %j', (keys) => {
    expect(() => storageConfigFrom({ S3_BUCKET: 'b', ...keys }, dataDir)).toThrow(/S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/);
  });

  test('createStorage builds the backend the config names', () => {
    expect(createStorage({ kind: 'local', root: dataDir }).kind).toBe('local');
    // Building the S3 backend makes no connection.
    expect(createStorage({ kind: 's3', bucket: 'b', region: 'us-east-1', forcePathStyle: false }).kind).toBe('s3');
  });

  test('the S3 backend checks keys before any request', async () => {
    const s3 = createStorage({ kind: 's3', bucket: 'b', region: 'us-east-1', endpoint: 'http://127.0.0.1:9', forcePathStyle: true });
    await expect(s3.get('../other-prefix/x.jpg')).rejects.toThrow(/unsafe storage key/);
    await expect(s3.put('/abs.jpg', new Uint8Array([1]), 'image/jpeg')).rejects.toThrow(/unsafe storage key/);
    await expect(s3.delete('a/../b')).rejects.toThrow(/unsafe storage key/);
  });
});
