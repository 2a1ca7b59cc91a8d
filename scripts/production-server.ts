// Production runs the server (scripts/server.ts) as one plain JavaScript file
// built next to Next's output, not through the TypeScript loader: on Node 20
// the loader runs its own thread and turns source maps on for the whole
// process, after which Node keeps every Next chunk's map parsed in memory —
// together about 90 MB of a server's memory, for nothing a reader sees.
// `npm run build` writes it (scripts/build-server.ts), `npm start` runs it,
// and so do the E2E suite's second instance and the benchmarks.
export const PRODUCTION_SERVER_ENTRY = '.next/tougao-server.mjs';

// V8 lets the heap grow past what is live by a factor it takes from the
// heap's ceiling: 4 for a ceiling of 2 GB or more (Node's default here is a
// quarter of the machine's memory), scaled down from 2 to 1.3 below that.
// With the default the server's ~100 MB of live data (Next's page cache
// included) peaked at 400–460 MB under load; a 1,536 MB ceiling means a
// factor of about 1.8, a peak near 280 MB at the same throughput, and still
// room for any page far beyond what one needs. A lower ceiling saves little
// more and costs tail latency: full collections come every few seconds.
export const PRODUCTION_NODE_FLAGS = ['--max-old-space-size=1536'];

// What `npm start` runs after `node`; package.json must say the same (a unit
// test holds them together).
export const PRODUCTION_SERVER_ARGS = [...PRODUCTION_NODE_FLAGS, PRODUCTION_SERVER_ENTRY];
