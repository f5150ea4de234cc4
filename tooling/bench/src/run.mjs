// pnpm bench: every benchmark prints its figure, its same-run baseline and the ratio.

import { sheetsWriteBench } from '../../../plugins/google-sheets/bench/write.bench.mjs';
import { postgresBench } from '../../../plugins/postgres/bench/query.bench.mjs';
import { credentialsBench } from './credentials.bench.mjs';
import { executeBench } from './execute.bench.mjs';
import { httpBench } from './http.bench.mjs';
import { listingBench } from './listing.bench.mjs';

const only = process.argv[2];
const benches = {
  listing: listingBench,
  execute: executeBench,
  http: httpBench,
  credentials: credentialsBench,
  sheets: sheetsWriteBench,
  postgres: postgresBench,
};
console.log(`knotwork benchmarks on Node ${process.version}`);
for (const [name, bench] of Object.entries(benches)) {
  if (!only || only === name) await bench();
}
