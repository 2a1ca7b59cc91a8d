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
// quarter of the machine's memory), scaled down below that, and it grows
// further when its concurrent marking falls behind (a busy machine). The
// server's live data is ~140 MB idle and ~230 MB at its busiest (renders in
// flight, Next's page cache of PAGE_CACHE_MB); sanitizing the longest story
// allowed (3 M characters) takes under 200 MB more. With a 768 MB ceiling the
// heap reached 580 MB on a loaded machine; 512 MB holds it to what it needs.
// Node 24 also sizes the young generation from the ceiling: 3 × 64 MB semi-
// spaces at 1,536 MB, which renders fill with garbage between scavenges, so
// up to ~190 MB was the nursery alone; 16 MB semi-spaces (what Node 20 used)
// scavenge more often at no cost we could measure. Figures: bench/README.md.
export const PRODUCTION_NODE_FLAGS = ['--max-old-space-size=512', '--max-semi-space-size=16'];

// What `npm start` runs after `node`; package.json must say the same (a unit
// test holds them together).
export const PRODUCTION_SERVER_ARGS = [...PRODUCTION_NODE_FLAGS, PRODUCTION_SERVER_ENTRY];
