import { performance } from 'node:perf_hooks';
import { createHost } from '@knotwork/host';
import { defineNode, definePlugin, z } from '@knotwork/sdk';
import { fmt, report } from './measure.mjs';

const CALLS = 50_000;
const TARGET_US = 20;

const noop = defineNode({
  key: 'noop',
  kind: 'action',
  displayName: 'No-op',
  description: 'Returns its input',
  input: z.object({ value: z.number() }),
  output: z.object({ value: z.number() }),
  run: async (_ctx, input) => input,
});
const plugin = definePlugin({
  name: 'bench',
  displayName: 'Bench',
  description: 'x',
  categories: [],
  nodes: [noop],
});

/** host.execute of a no-op node vs calling its run directly: the host's own overhead per call. */
export async function executeBench() {
  const host = await createHost({ definitions: [plugin] });
  const input = { value: 1 };
  const ctx = {};
  for (let i = 0; i < 5_000; i++) {
    await host.execute('bench.noop', input);
    await noop.run(ctx, input);
  }
  let start = performance.now();
  for (let i = 0; i < CALLS; i++) await noop.run(ctx, input);
  const directMs = performance.now() - start;
  start = performance.now();
  for (let i = 0; i < CALLS; i++) await host.execute('bench.noop', input);
  const executeMs = performance.now() - start;
  const overheadUs = ((executeMs - directMs) / CALLS) * 1000;
  report(
    `host.execute overhead (${CALLS.toLocaleString('en')} calls of a no-op node)`,
    [
      ['direct run per call', fmt(directMs / CALLS)],
      ['host.execute per call', fmt(executeMs / CALLS)],
      ['overhead per call', `${overheadUs.toFixed(2)} µs`],
      ['ratio (execute / direct)', (executeMs / directMs).toFixed(2)],
    ],
    `${overheadUs <= TARGET_US ? 'PASS' : 'MISS'}: target overhead <= ${TARGET_US} µs per call`,
  );
}
