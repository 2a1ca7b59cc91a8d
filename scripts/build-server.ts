// Bundles scripts/server.ts and the project modules it imports into
// PRODUCTION_SERVER_ENTRY; packages stay imports of node_modules, as they
// are for Next's own server chunks.
import { build } from 'esbuild';
import { PRODUCTION_SERVER_ENTRY } from './production-server';

await build({
  entryPoints: ['scripts/server.ts'],
  outfile: PRODUCTION_SERVER_ENTRY,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
