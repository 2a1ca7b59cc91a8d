// Bundles scripts/server.ts and the project modules it imports into
// PRODUCTION_SERVER_ENTRY; packages stay imports of node_modules, as they
// are for Next's own server chunks.
import { build, type Plugin } from 'esbuild';
import { PRODUCTION_SERVER_ENTRY } from './production-server';

// The lib/ modules the server imports are marked `server-only`, which throws
// unless resolved under React's server condition; this process is the server,
// so the marker is compiled to nothing (as Next does for its server chunks).
const serverOnlyIsEmpty: Plugin = {
  name: 'server-only-is-empty',
  setup(bundler) {
    bundler.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'empty' }));
    bundler.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '' }));
  },
};

await build({
  entryPoints: ['scripts/server.ts'],
  outfile: PRODUCTION_SERVER_ENTRY,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  plugins: [serverOnlyIsEmpty],
});
