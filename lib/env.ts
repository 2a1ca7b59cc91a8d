import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// Environment, parsed once and failing fast with a readable message.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().default('./.data'),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  // Number of proxies in front of the app whose X-Forwarded-For we believe; 0 = none.
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' || v === 'false' ? 0 : v === 'true' ? 1 : Number(v)))
    .pipe(z.number().int().min(0).max(10)),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DB_CONNECT_TIMEOUT_S: z.coerce.number().int().min(1).max(60).default(5),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  // The public address readers use (https://news.example.cn): presets the
  // site setting of that name, which every absolute link is built from.
  PUBLIC_BASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  // Uploaded images: S3-compatible object storage when S3_BUCKET is set, else DATA_DIR/uploads.
  UPLOAD_MAX_MB: z.coerce.number().positive().max(200).default(20),
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
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}

export function getDataDir(): string {
  return path.resolve(getEnv().DATA_DIR);
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
