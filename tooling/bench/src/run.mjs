// pnpm bench: every benchmark prints its figure, its same-run baseline and the ratio.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Each benchmark is imported only when it runs. The Sheets benchmark loads the test kit,
// and with it nock, which replaces the global fetch and patches net.Socket#connect for the
// rest of the process: imported up front, it sent the HTTP benchmark's "raw fetch" and
// both sides of the PostgreSQL benchmark through nock's interceptors.
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

const only = process.argv[2];
if (only) {
  if (!benches[only]) {
    console.error(`No benchmark "${only}". Pick one of: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  await benches[only]();
} else {
  // One process per benchmark: no benchmark runs with another's global patches, heap or
  // compiled code.
  console.log(`knotwork benchmarks on Node ${process.version}`);
  let failed = false;
  for (const name of Object.keys(benches)) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), name],
      { stdio: 'inherit' },
    );
    if (child.status !== 0) {
      console.error(`\n${name} benchmark failed (exit ${child.status ?? child.signal})`);
      failed = true;
    }
  }
  if (failed) process.exitCode = 1;
}
