// Production runs the server (scripts/server.ts) as one plain JavaScript file
// built next to Next's output, not through the TypeScript loader: on Node 20
// the loader runs its own thread and turns source maps on for the whole
// process, after which Node keeps every Next chunk's map parsed in memory —
// together about 90 MB of a server's memory, for nothing a reader sees.
// `npm run build` writes it (scripts/build-server.ts), `npm start` runs it,
// and so do the E2E suite's second instance and the benchmarks.
export const PRODUCTION_SERVER_ENTRY = '.next/tougao-server.mjs';
