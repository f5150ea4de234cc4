import { createServer } from 'node:http';
import { createHost } from '@knotwork/host';
import { defineNode, definePlugin, z } from '@knotwork/sdk';
import { interleavedRates, median, ratios, report } from './measure.mjs';

const REQUESTS = 5_000;
const CONCURRENCY = 50;
const TARGET_RATIO = 0.9;
const ROUNDS = 9;

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
  const rates = await interleavedRates(
    { raw, policy },
    { calls: REQUESTS, concurrency: CONCURRENCY, rounds: ROUNDS, warmups: 2 },
  );
  server.close();
  const ratio = ratios(rates.policy, rates.raw);
  report(
    `HTTP throughput (${REQUESTS.toLocaleString('en')} requests, concurrency ${CONCURRENCY}, medians of ${ROUNDS} rounds of alternating slices; ratio per round)`,
    [
      ['raw fetch', `${median(rates.raw).toFixed(0)} req/s`],
      ['host.execute + ctx.http', `${median(rates.policy).toFixed(0)} req/s`],
      ['ratio (ctx.http / raw)', ratio.toFixed(3)],
    ],
    `${ratio >= TARGET_RATIO ? 'PASS' : 'MISS'}: target >= ${TARGET_RATIO} of raw throughput`,
  );
}
