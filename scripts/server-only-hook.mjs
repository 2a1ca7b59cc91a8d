// `server-only` throws unless it is resolved under React's server condition,
// which only Next's bundler applies. The CLI, the dev server's own process,
// the benchmarks and Playwright load lib/ with plain Node: there it resolves
// the way Next resolves it for server code, to the package's empty module.
// Loaded with `--import` (package.json) or imported first (playwright.config.ts).
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier !== 'server-only') return nextResolve(specifier, context);
    return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'react-server'] });
  },
});
