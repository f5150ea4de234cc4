import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createHost } from '@knotwork/host';
import { defineNode, definePlugin, z } from '@knotwork/sdk';
import { report } from './measure.mjs';

const REQUESTS = 5_000;
const CONCURRENCY = 50;
const TARGET_RATIO = 0.9;
const ROUNDS = 9;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const get = defineNode({
  key: 'get',
  kind: 'action',
  displayName: 'GET',
  description: 'One GET through ctx.http',
  input: z.object({ url: z.string() }),
  output: z.object({ ok: z.boolean() }),
  run: async (ctx, input) => {
    const response = await ctx.http.request({ url: input.url });
    return { ok: response.status === 200 };
  },
});
const plugin = definePlugin({
  name: 'httpbench',
  displayName: 'HTTP bench',
  description: 'x',
  categories: [],
  nodes: [get],
});

async function pool(total, concurrency, task) {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next++;
      await task();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function timed(total, task) {
  // Start each round with a clean heap so one side does not pay for the other's garbage.
  globalThis.gc?.();
  const start = performance.now();
  await pool(total, CONCURRENCY, task);
  return total / ((performance.now() - start) / 1000);
}

/** Requests through ctx.http (via host.execute) vs raw fetch to the same local server. */
export async function httpBench() {
  const body = JSON.stringify({ ok: true, items: [1, 2, 3] });
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/items`;
  const host = await createHost({ definitions: [plugin] });
  const raw = async () => {
    const response = await fetch(url);
    await response.json();
  };
  const policy = async () => {
    await host.execute('httpbench.get', { url });
  };
  // Warm both paths (connections, JIT) before measuring, then alternate to share noise.
  for (let round = 0; round < 2; round++) {
    await timed(REQUESTS, raw);
    await timed(REQUESTS, policy);
  }
  const rawRates = [];
  const policyRates = [];
  for (let round = 0; round < ROUNDS; round++) {
    rawRates.push(await timed(REQUESTS, raw));
    policyRates.push(await timed(REQUESTS, policy));
  }
  server.close();
  const ratio = median(policyRates) / median(rawRates);
  report(
    `HTTP throughput (${REQUESTS.toLocaleString('en')} requests, concurrency ${CONCURRENCY}, median of ${ROUNDS} rounds)`,
    [
      ['raw fetch', `${median(rawRates).toFixed(0)} req/s`],
      ['host.execute + ctx.http', `${median(policyRates).toFixed(0)} req/s`],
      ['ratio (ctx.http / raw)', ratio.toFixed(3)],
    ],
    `${ratio >= TARGET_RATIO ? 'PASS' : 'MISS'}: target >= ${TARGET_RATIO} of raw throughput`,
  );
}
