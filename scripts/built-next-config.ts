import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// At start-up a production Next server reads next.config.ts again, and to
// read TypeScript it loads its compiler: a 27 MB native module that then stays
// in the server's memory, only to produce the config `next build` has already
// written out in full. Next's own standalone server hands that written config
// over in this variable, which makes every config load return it as is; so do
// we. Without a build (or with another distDir) Next reads next.config.ts.
export function adoptBuiltNextConfig(distDir = '.next'): boolean {
  const file = path.join(distDir, 'required-server-files.json');
  if (process.env.__NEXT_PRIVATE_STANDALONE_CONFIG || !existsSync(file)) return false;
  const { config } = JSON.parse(readFileSync(file, 'utf8')) as { config?: unknown };
  if (!config || typeof config !== 'object') return false;
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
  return true;
}
