import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as S3 from '@aws-sdk/client-s3';
import { getDataDir, getEnv, type Env } from '../env';

// Where uploaded bytes live, behind one interface: a folder under DATA_DIR by
// default, S3-compatible object storage when S3_BUCKET is set. Objects are
// written once under a fresh key and never changed, so they cache forever.
export type StoredObject = { bytes: Uint8Array; contentType: string };

export type MediaStorage = {
  readonly kind: 'local' | 's3';
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
};

// Keys are ours (e.g. 2026/05/3f…c1/large.jpg) but are checked anyway, so no
// key can climb out of the uploads folder or address another bucket prefix:
// lowercase segments of letters, digits, dot, dash and underscore, never
// starting with a dot.
const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}(\/[a-z0-9][a-z0-9._-]{0,99}){0,7}$/;

export function isSafeStorageKey(key: unknown): key is string {
  return typeof key === 'string' && key.length <= 255 && KEY_PATTERN.test(key);
}

function assertSafeKey(key: string): void {
  if (!isSafeStorageKey(key)) throw new Error(`unsafe storage key ${JSON.stringify(key).slice(0, 80)}`);
}

const contentTypeByExtension: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

function contentTypeOf(key: string): string {
  return contentTypeByExtension[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

export function createLocalStorage(root: string): MediaStorage {
  const base = path.resolve(root);
  const fileFor = (key: string): string => {
    assertSafeKey(key);
    const file = path.resolve(base, key);
    // Belt and braces behind the key pattern.
    if (!file.startsWith(base + path.sep)) throw new Error('storage key escapes the uploads folder');
    return file;
  };
  return {
    kind: 'local',
    async put(key, bytes) {
      const file = fileFor(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temp, bytes, { flag: 'wx' });
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(key) {
      const file = fileFor(key);
      try {
        return { bytes: new Uint8Array(await readFile(file)), contentType: contentTypeOf(key) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(fileFor(key), { force: true });
    },
  };
}

export type S3Config = {
  kind: 's3';
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  // Absent: the SDK's default chain (instance role, shared config).
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

export type StorageConfig = { kind: 'local'; root: string } | S3Config;

type StorageEnv = Pick<Env, 'S3_BUCKET' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'>;

// Pure: which backend the environment asks for. S3 when S3_BUCKET is set;
// a half-given key pair is a configuration error, not a silent fallback.
export function storageConfigFrom(env: StorageEnv, dataDir: string): StorageConfig {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) return { kind: 'local', root: path.join(dataDir, 'uploads') };
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim();
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new Error('Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (to use the default AWS credential chain).');
  }
  return {
    kind: 's3',
    bucket,
    region: env.S3_REGION?.trim() || 'us-east-1',
    endpoint: env.S3_ENDPOINT || undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  };
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

export function createS3Storage(config: S3Config): MediaStorage {
  // The SDK is loaded on first use, so a local-disk deployment never loads it.
  let client: Promise<{ s3: S3.S3Client; sdk: typeof S3 }> | undefined;
  const connect = () =>
    (client ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({
        region: config.region,
        endpoint: config.endpoint,
        forcePathStyle: config.forcePathStyle,
        credentials: config.credentials,
      }),
    })));
  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      assertSafeKey(key);
      const { s3, sdk } = await connect();
      await s3.send(new sdk.PutObjectCommand({ Bucket: config.bucket, Key: key, Body: bytes, ContentType: contentType }));
    },
    async get(key) {
      assertSafeKey(key);
      const { s3, sdk } = await connect();
      try {
        const out = await s3.send(new sdk.GetObjectCommand({ Bucket: config.bucket, Key: key }));
        if (!out.Body) return null;
        return { bytes: await out.Body.transformToByteArray(), contentType: out.ContentType ?? contentTypeOf(key) };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      assertSafeKey(key);
      const { s3, sdk } = await connect();
      await s3.send(new sdk.DeleteObjectCommand({ Bucket: config.bucket, Key: key }));
    },
  };
}

export function createStorage(config: StorageConfig): MediaStorage {
  return config.kind === 's3' ? createS3Storage(config) : createLocalStorage(config.root);
}

let current: MediaStorage | undefined;

// The storage the environment configures, built once per process.
export function getMediaStorage(): MediaStorage {
  current ??= createStorage(storageConfigFrom(getEnv(), getDataDir()));
  return current;
}

// Tests point uploads at their own folder; null goes back to the environment's.
export function overrideMediaStorage(storage: MediaStorage | null): void {
  current = storage ?? undefined;
}
