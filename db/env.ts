import path from 'node:path';
import { z } from 'zod';

// What the database layer reads from the environment. lib/env composes it
// into the whole environment's schema, so both parse it the same way; db/
// reads only this part, and keeps importing nothing above itself.
export const dbEnvSchema = z.object({
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().default('./.data'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DB_CONNECT_TIMEOUT_S: z.coerce.number().int().min(1).max(60).default(5),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
});

export type DbEnv = z.infer<typeof dbEnvSchema>;

// Parses the environment with `schema`, failing fast with every problem named.
export function parseEnv<S extends z.ZodType>(schema: S): z.output<S> {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
}

let cached: DbEnv | undefined;

export function getDbEnv(): DbEnv {
  cached ??= parseEnv(dbEnvSchema);
  return cached;
}

// The embedded database's folder (and the uploads' and the dev secret's).
export function getDataDir(): string {
  return path.resolve(getDbEnv().DATA_DIR);
}
