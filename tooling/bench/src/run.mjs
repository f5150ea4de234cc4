// pnpm bench: every benchmark prints its figure, its same-run baseline and the ratio.

// Each benchmark is imported when it runs, not up front: the Sheets benchmark loads the
// test kit, and with it nock, which replaces the global fetch for the rest of the process.
// Loaded first, it made the HTTP benchmark's "raw fetch" baseline go through nock too.
const only = process.argv[2];
const benches = {
  listing: async () => (await import('./listing.bench.mjs')).listingBench(),
  execute: async () => (await import('./execute.bench.mjs')).executeBench(),
  http: async () => (await import('./http.bench.mjs')).httpBench(),
  credentials: async () => (await import('./credentials.bench.mjs')).credentialsBench(),
  sheets: async () =>
    (await import('../../../plugins/google-sheets/bench/write.bench.mjs')).sheetsWriteBench(),
  postgres: async () =>
    (await import('../../../plugins/postgres/bench/query.bench.mjs')).postgresBench(),
};
console.log(`knotwork benchmarks on Node ${process.version}`);
for (const [name, bench] of Object.entries(benches)) {
  if (!only || only === name) await bench();
}
