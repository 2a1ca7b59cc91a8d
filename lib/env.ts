import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { dbEnvSchema, getDataDir, parseEnv } from '@/db/env';

export { getDataDir };

// A key of 32 bytes as `openssl rand -base64 32` or 64 hex digits give it.
function keyBytes(value: string): Buffer | null {
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(value) ? Buffer.from(value, 'base64') : null;
  return key?.length === 32 ? key : null;
}

function optionalKey(name: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const key = keyBytes(value);
      if (key) return key;
      ctx.addIssue({ code: 'custom', message: `${name} must be 32 bytes: \`openssl rand -base64 32\`, or 64 hex digits` });
      return z.NEVER;
    });
}

// Environment, parsed once and failing fast with a readable message. The
// database's part (DATABASE_URL, DATA_DIR, DB_*) is db/env's, read there too.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  ...dbEnvSchema.shape,
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  // Encrypts the two-factor secrets at rest (lib/two-factor): 32 bytes as
  // base64 or hex. Unset, a key is derived from AUTH_SECRET.
  TOTP_ENCRYPTION_KEY: optionalKey('TOTP_ENCRYPTION_KEY'),
  // The algorithms of the audit trail's hash chain and of personal data at
  // rest: `standard` (SHA-256, AES-256-GCM) or `gm`, the 国密 suite (SM3, SM4).
  CRYPTO_SUITE: z.enum(['standard', 'gm']).default('standard'),
  // Encrypts personal data at rest (lib/personal-data): 32 bytes as base64 or
  // hex. Unset, a key is derived from AUTH_SECRET. The keys it replaced, while
  // `npm run keys:rotate` moves values off them, go in DATA_ENCRYPTION_KEYS_OLD
  // (comma-separated); those are read, never written.
  DATA_ENCRYPTION_KEY: optionalKey('DATA_ENCRYPTION_KEY'),
  DATA_ENCRYPTION_KEYS_OLD: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const keys = (value ?? '').split(/[\s,]+/).filter(Boolean).map(keyBytes);
      if (keys.every((key) => key !== null)) return keys;
      ctx.addIssue({ code: 'custom', message: `DATA_ENCRYPTION_KEYS_OLD must be keys of 32 bytes (base64 or 64 hex digits), separated by commas` });
      return z.NEVER;
    }),
  // Number of proxies in front of the app whose X-Forwarded-For we believe; 0 = none.
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' || v === 'false' ? 0 : v === 'true' ? 1 : Number(v)))
    .pipe(z.number().int().min(0).max(10)),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  // The public address readers use (https://news.example.cn): presets the
  // site setting of that name, which every absolute link is built from.
  PUBLIC_BASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  // Uploaded images: S3-compatible object storage when S3_BUCKET is set, else DATA_DIR/uploads.
  UPLOAD_MAX_MB: z.coerce.number().positive().max(200).default(20),
  // On SIGTERM, how long requests that never finish may hold the exit up.
  SHUTDOWN_TIMEOUT_S: z.coerce.number().positive().max(600).default(25),
  // Load shedding (lib/http/load-shedding.ts): new requests are answered 503
  // from this many in flight, or this much event-loop lag; 0 turns one off.
  // Chosen from bench:soak (bench/README.md).
  SHED_MAX_IN_FLIGHT: z.coerce.number().int().min(0).max(100_000).default(64),
  SHED_MAX_LAG_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  // What Next's in-memory cache of public pages may hold, in MB as stored
  // (lib/page-cache.ts). Next's 50 MB, by its own count, held ~190 MB; 32 MB
  // as stored keeps every page read again in the soak (bench/README.md).
  PAGE_CACHE_MB: z.coerce.number().positive().max(100_000).default(32),
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  S3_REGION: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(schema);
  return cached;
}

export function isEmbeddedDatabase(): boolean {
  return !getEnv().DATABASE_URL;
}

// Production needs AUTH_SECRET from the environment. In development a random
// secret is kept in the data folder so a fresh clone runs with one command.
export function getAuthSecret(): string {
  const env = getEnv();
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.NODE_ENV === 'production') {
    throw new Error('AUTH_SECRET is not set. Generate one with `openssl rand -base64 33` and set it in the environment.');
  }
  const dir = getDataDir();
  const file = path.join(dir, 'dev-auth-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    const secret = randomBytes(33).toString('base64');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
